/**
 * Errors the entry point prints as a sentence and turns into an exit code. Anything else that
 * reaches the top is a bug: it is printed as one line too, with the stack only under --verbose.
 */
export class SkaldError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'SkaldError';
  }
}

/** The input was bad: an invalid pack, a broken card, an unknown session. Exit 1. */
export class InputError extends SkaldError {
  constructor(message: string, details: string[] = []) {
    super(message, 1, details);
    this.name = 'InputError';
  }
}

/** The command line was wrong. Exit 2. */
export class UsageError extends SkaldError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** Why a file could not be read or written, in words ("its folder does not exist"), for messages. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
