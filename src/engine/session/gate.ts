/**
 * One turn at a time: a turn, a revision or an impersonation draft holds the gate, and whatever
 * else asks for it meanwhile is told to wait rather than run beside it (two narrators, or a
 * narrator swapped, under one turn).
 */
import type { SessionEvent } from '../types.js';
import { engineError } from './errors.js';

/** What the player reads when something is asked for while a turn runs. */
export const BUSY_MESSAGE = 'A turn is still running; wait for it or stop it first.';

export class TurnGate {
  private running = false;

  /** Whether a turn (or a draft) holds the gate. */
  get busy(): boolean {
    return this.running;
  }

  /** Runs `run` holding the gate; while another holds it, one error event at turn `turn()` instead. */
  guarded(run: () => AsyncGenerator<SessionEvent>, turn: () => number): AsyncIterable<SessionEvent> {
    const self = this;
    return (async function* () {
      if (self.running) {
        yield engineError(turn(), BUSY_MESSAGE);
        return;
      }
      self.running = true;
      try {
        yield* run();
      } finally {
        self.running = false;
      }
    })();
  }

  /** Holds the gate while `work` runs; the caller checks `busy` first. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.running = true;
    try {
      return await work();
    } finally {
      this.running = false;
    }
  }
}
