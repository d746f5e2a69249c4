/**
 * The pacing model of a resumed session, fed its replayed signals when first needed rather than
 * during the resume: reading the cues of every old player message is most of a long resume's
 * replay, and the first frame shows nothing that depends on it. The signals are taken from the
 * tree as the log is replayed (what `observeKept` sees then), queued in order, and fed to the
 * model, unchanged and in the same order, on first use; the model ends in the same state.
 */
import type { PacingEstimate, PacingSignal } from '../types.js';
import type { PacingModel, PacingState } from '../pacing/index.js';

/**
 * A resume's pacing snapshot: the model's state after the first `covered` records of the log
 * (the start record counted), and `keep`, told the state after all of them once replayed.
 */
export interface PacingSnapshotDeps {
  state?: PacingState;
  covered: number;
  keep?: (state: PacingState, covered: number) => void;
}

/** What a replay feeds pacing signals to. */
export interface PacingSink {
  observe(signal: PacingSignal): void;
}

export class PacingReplay implements PacingSink {
  private queue: PacingSignal[] | undefined = [];
  private atRestore: PacingEstimate | undefined;

  /** `settled` sees the model once it holds every replayed signal (to keep a snapshot of it). */
  constructor(
    private readonly model: PacingModel,
    private readonly settled?: (model: PacingModel) => void,
  ) {}

  /** Queues one replayed signal. */
  observe(signal: PacingSignal): void {
    if (!this.queue) throw new Error('pacing replay already settled');
    this.queue.push(signal);
  }

  /** Whether replayed signals still wait to be fed to the model. */
  get pending(): boolean {
    return this.queue !== undefined;
  }

  /** Feeds the queued signals (once) and returns the model, as an eager replay would have left it. */
  settle(): PacingModel {
    const queue = this.queue;
    if (queue) {
      this.queue = undefined;
      for (const signal of queue) this.model.observe(signal);
      this.atRestore = this.model.estimate();
      this.settled?.(this.model);
    }
    return this.model;
  }

  /**
   * The estimate as the restored session stood before any new signal: what a snapshot taken
   * while the replay was pending must show, even if it is read after a later turn.
   */
  estimateAtRestore(): PacingEstimate {
    this.settle();
    return this.atRestore as PacingEstimate;
  }
}
