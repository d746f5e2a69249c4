/**
 * How the Session says no: a `SessionError` for a call it cannot honour (thrown by the one-record
 * moves), and an `error` event for a turn that goes wrong while it streams.
 */
import type { SessionEvent } from '../types.js';

/** A call the Session cannot honour (an unknown turn, branch or candidate). */
export class SessionError extends Error {
  override readonly name = 'SessionError';
}

/** An `error` event the player reads; `retryable` when trying again may help. */
export function engineError(turn: number, message: string, retryable = false): SessionEvent {
  return { type: 'error', turn, error: { kind: 'engine', message, retryable } };
}

/** A caught value's message, for a sentence that says what failed. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
