import { fileErrorReason, SkaldError } from '../errors.js';
import { display, displayLine } from './output.js';

/** True when stderr may carry colour: a TTY, and neither NO_COLOR nor FORCE_COLOR=0 set. */
export function stderrColor(): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined) return process.env.FORCE_COLOR !== '0';
  return Boolean(process.stderr.isTTY);
}

/**
 * Commander's usage error ("error: unknown option '--x'" and, on the next line, "(Did you mean
 * --y?)") as skald prints its own: "skald: Unknown option '--x' (Did you mean --y?)", one line.
 */
export function usageLine(text: string): string {
  const body = text
    .replace(/^error: /, '')
    .replace(/\s*\n\s*(?=\S)/g, ' ')
    .trimEnd();
  return `skald: ${body.charAt(0).toUpperCase()}${body.slice(1)}\n`;
}

/** fs error codes that mean a path is unusable (never a bug in skald). */
const FILE_CODES = new Set(['ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC']);

/** Prints a fatal error as a sentence (plus its detail lines) and returns the exit code. */
export function reportFatal(error: unknown, verbose: boolean): number {
  const red = (s: string) => (stderrColor() ? `\u001b[31m${s}\u001b[39m` : s);
  if (error instanceof SkaldError) {
    process.stderr.write(`${red(`skald: ${displayLine(error.message)}`)}\n`);
    for (const line of error.details) process.stderr.write(`${displayLine(line)}\n`);
    if (verbose && error.stack) process.stderr.write(`${display(error.stack)}\n`);
    return error.exitCode;
  }
  const fsError = error as NodeJS.ErrnoException | undefined;
  if (fsError?.path && fsError.code && FILE_CODES.has(fsError.code)) {
    // A file or folder that cannot be used is the environment, not a bug: say which and why.
    process.stderr.write(
      `${red(`skald: Cannot use ${displayLine(fsError.path)} (${fileErrorReason(fsError)}); check the path, or set SKALD_HOME to a folder you can write.`)}\n`,
    );
    if (verbose && fsError.stack) process.stderr.write(`${display(fsError.stack)}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  const hint = verbose && error instanceof Error && error.stack ? '' : ' Run again with --verbose for details, and please report it.';
  process.stderr.write(`${red(`skald: Unexpected error (${displayLine(message)}).${hint}`)}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${display(error.stack)}\n`);
  return 1;
}
