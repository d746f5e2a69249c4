/**
 * Errors the entry point prints as a sentence and turns into an exit code. Anything else that
 * reaches the top is a bug: it is printed as one line too, with the stack only under --verbose.
 */
export class SkaldError extends Error {
  constructor(message: string, readonly exitCode: number = 1, readonly details: string[] = []) {
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
