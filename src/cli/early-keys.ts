/**
 * Keys typed while the TUI starts (a resume's log read, the world loaded, Ink not yet mounted).
 * Left to the terminal's line discipline they are echoed over the screen and cooked: Enter arrives
 * as a line feed, which the composer reads as Shift+Enter (a newline), so a line typed early was
 * never sent. The terminal is put in raw mode at once instead, with bracketed paste on as the TUI
 * has it, and what arrives is held, unread by anything else, then handed back to stdin for Ink's
 * key reader to read first, read as the TUI reads keys (`held-keys.ts`).
 */
import { endOnSignals } from './signals.js';
import { heldKeys } from './held-keys.js';

/** The part of stdin used here (a `tty.ReadStream`; a test passes its own). */
export interface KeyInput {
  isTTY?: boolean;
  setRawMode?: (raw: boolean) => unknown;
  /** A chunk, or null when nothing is buffered (a string once an encoding is set). */
  read(): Buffer | string | null;
  unshift(chunk: Buffer): void;
  on(event: 'readable', listener: () => void): unknown;
  off(event: 'readable', listener: () => void): unknown;
  pause(): unknown;
  unref?(): unknown;
}

export interface EarlyKeys {
  /** Gives the held keys back to stdin (to be read before anything typed later) and stops holding. Once. */
  handOver(): void;
  /** Stops holding and gives the terminal back its cooked mode (the TUI never came up). Once. */
  release(): void;
}

/** The part of stdout used here: the terminal's modes are set by writing to it. */
export interface KeyOutput {
  write(text: string): unknown;
}

/**
 * The key modes the TUI reads keys in, set when it starts: cursor keys as ESC [ (never ESC O A,
 * which is also an Esc then "OA" typed fast), the keypad as digits, and no focus reports (ESC [ I
 * and ESC [ O, also an Esc then "[OOC" typed). Every one is the terminal's default, which a program
 * before skald may have left changed, so `keypress.ts` may read those sequences as typed keys.
 */
export const KEY_MODES = '\u001b[?1l\u001b>\u001b[?1004l';

const BRACKETED_PASTE_ON = '\u001b[?2004h';
const BRACKETED_PASTE_OFF = '\u001b[?2004l';

/**
 * Holds the keys typed from now until `handOver`; undefined when stdin is not a terminal. Ctrl+C
 * still interrupts the start as it did in cooked mode (`interrupt`, by default SIGINT to this
 * process, whose handlers or default action end it). Until then bracketed paste is on, so a paste
 * arrives marked as one; it is turned off again on every way out but the hand-over (then the TUI
 * has it on and turns it off when it ends): a release, Ctrl+C, SIGINT or SIGTERM, and the exit.
 */
export function holdEarlyKeys(
  stdin: KeyInput,
  stdout: KeyOutput,
  interrupt: () => void = () => process.kill(process.pid, 'SIGINT'),
): EarlyKeys | undefined {
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') return undefined;
  stdin.setRawMode(true);
  stdout.write(KEY_MODES + BRACKETED_PASTE_ON);
  const held = heldKeys();
  let done = false;
  const onReadable = () => {
    for (let chunk = stdin.read(); chunk !== null; chunk = stdin.read()) {
      if (held.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk)) {
        release();
        interrupt();
        return;
      }
    }
  };
  // Not SIGHUP: the terminal is gone then, and nothing may be written to it.
  const removeSignals = endOnSignals(() => release(), { signals: ['SIGINT', 'SIGTERM'] });
  // An exit while holding (process.exit from a command that was no TUI after all) leaves the terminal cooked.
  const onExit = () => {
    if (done) return;
    stdout.write(BRACKETED_PASTE_OFF);
    stdin.setRawMode?.(false);
  };
  process.once('exit', onExit);
  const stop = () => {
    if (done) return false;
    done = true;
    stdin.off('readable', onReadable);
    removeSignals();
    process.off('exit', onExit);
    return true;
  };
  function release() {
    if (!stop()) return;
    stdout.write(BRACKETED_PASTE_OFF);
    stdin.setRawMode?.(false);
    // Not reading any more, so stdin no longer keeps the process alive (as Ink leaves it).
    stdin.pause();
    stdin.unref?.();
  }
  stdin.on('readable', onReadable);
  return {
    handOver() {
      if (!stop()) return;
      const bytes = held.bytes();
      if (bytes.length > 0) stdin.unshift(bytes);
    },
    release,
  };
}
