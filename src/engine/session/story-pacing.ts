/**
 * The story's pacing model and what feeds it: live signals, the reply the player kept when they
 * answer it (once per turn), and a resume's replayed signals, which wait until first needed
 * (pacing-replay.ts) so that a long resume shows its first frame without reading them.
 */
import { PacingModel, type PacingState } from '../pacing/index.js';
import type { PacingEstimate, PacingProfile, PacingSignal } from '../types.js';
import { PacingReplay, type PacingSnapshotDeps } from './pacing-replay.js';
import type { SessionRecord } from './records.js';
import { observeKept, replayInto } from './replay.js';
import type { SessionTree, TurnNode } from './tree.js';

export class StoryPacing {
  private readonly model_: PacingModel;
  /** A resumed session's replayed signals, fed to the model on first use. */
  private replay: PacingReplay | undefined;
  /** Nodes whose kept reply has already been fed to the model. */
  private readonly choiceSignalled = new Set<string>();

  constructor(profile: PacingProfile | undefined) {
    this.model_ = new PacingModel(profile);
  }

  /**
   * Applies a resume's `records` (without the session-start) to `tree`, queueing their signals;
   * with a `snapshot` that holds, the signals it already covers are skipped.
   */
  replayInto(tree: SessionTree, records: readonly SessionRecord[], snapshot?: PacingSnapshotDeps): void {
    // The snapshot counts the session-start record, which `records` leaves out.
    const total = records.length + 1;
    this.replay = new PacingReplay(this.model_, snapshot?.keep && ((m) => snapshot.keep?.(m.snapshot(), total)));
    const covered = snapshot?.state && snapshot.covered <= total && this.model_.restore(snapshot.state) ? snapshot.covered - 1 : 0;
    replayInto(tree, records, this.replay, this.choiceSignalled, covered);
  }

  /** The model, fed a resume's replayed signals first if they still wait. */
  private get model(): PacingModel {
    return this.replay?.settle() ?? this.model_;
  }

  /** Feeds a resume's waiting signals now (while the player reads). */
  settle(): void {
    this.replay?.settle();
  }

  /** The model's whole state, replayed signals fed first (what a pacing snapshot keeps). */
  state(): PacingState {
    return this.model.snapshot();
  }

  estimate(): PacingEstimate {
    return this.model.estimate();
  }

  observe(signal: PacingSignal): void {
    this.model.observe(signal);
  }

  /** The player answered `parent`: the reply they kept there is a revealed preference (once). */
  answered(parent: TurnNode | undefined): void {
    observeKept(parent, this.model, this.choiceSignalled);
  }

  /** Saves the long-term profile with `save`, if given; a failed save is let go. */
  async saveProfile(save: ((profile: PacingProfile) => Promise<void>) | undefined): Promise<void> {
    if (!save) return;
    try {
      await save(this.model.profile());
    } catch {
      // The long-term profile is a convenience; a failed save must not cost the player a turn.
    }
  }

  /** `fields` with the estimate, computed only when read while a resume's replay is pending. */
  withEstimate<T extends object>(fields: T): T & { pacing: PacingEstimate } {
    const replay = this.replay;
    if (!replay?.pending) return { ...fields, pacing: this.estimate() };
    return Object.defineProperty(fields, 'pacing', { get: () => replay.estimateAtRestore(), enumerable: true }) as T & {
      pacing: PacingEstimate;
    };
  }
}
