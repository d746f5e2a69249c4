/**
 * A reader that stops early (`skald sessions show ID | head`) closes the pipe under the output: the
 * rest is not wanted, so the command finishes quietly instead of dying on a stack trace about
 * EPIPE. It is not cut short either: headless play still closes its session file as it would. Only
 * for a pipe or file: the TUI's terminal going away is handled by play itself. Idempotent.
 */
import { isGoneError } from './signals.js';

export function quietOnClosedPipe(): void {
  if (quiet || process.stdout.isTTY) return;
  quiet = true;
  process.stdout.on('error', (error) => {
    if (!isGoneError(error)) throw error;
  });
}

let quiet = false;
