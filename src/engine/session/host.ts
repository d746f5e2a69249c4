/**
 * What a turn and a regenerate need of the Session: the revisions' host (tree, log, narrator,
 * inputs) plus the story's settings and its pacing model. The Session hands this over, so the
 * steps of a turn live in their own modules and change its state only through `commit`.
 */
import type { PlayerPersona, WorldPack } from '../../world/types.js';
import type { SummaryOptions } from '../memory/index.js';
import type { ReviseHost } from '../revise/host.js';
import type { TokenCounter } from '../tokens.js';
import type { PacingSignal } from '../types.js';
import type { TurnNode } from './tree.js';
import type { TurnInputs, TurnRef } from './turn-inputs.js';

export interface TurnHost extends ReviseHost {
  readonly pack: WorldPack;
  readonly persona: PlayerPersona;
  readonly seed: number;
  /** Candidates a new turn asks for. */
  readonly candidateCount: number;
  /** The context budget in tokens. */
  readonly budget: number;
  /** False: every turn gets the neutral plan. */
  readonly plannerOn: boolean;
  readonly counter: TokenCounter;
  /** Writes the rolling summary with a model; extractive when absent. */
  readonly summarize?: SummaryOptions['summarize'];
  /** Feeds a signal to the pacing model. */
  observe(signal: PacingSignal): void;
  /** The player answered `parent`: the reply they kept there is a revealed preference (once). */
  answered(parent: TurnNode | undefined): void;
  /** The inputs of a reply at the end of `ref.path` (the clock is read once, for its macros). */
  inputsAt(ref: TurnRef): TurnInputs;
}
