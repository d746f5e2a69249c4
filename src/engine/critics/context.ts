import type { Fact, Plan, StoryMessage } from '../types.js';
import type { PlayerPersona, WorldPack } from '../../world/types.js';

/** Everything a critic may look at besides the candidate text. */
export interface CriticContext {
  pack: WorldPack;
  persona: PlayerPersona;
  plan?: Plan;
  /** What the player just wrote (empty for "continue"). */
  playerInput: string;
  /** Previous narrator replies, newest last. Critics look at the last few only. */
  recentReplies: string[];
  history: StoryMessage[];
  facts: Fact[];
  turn: number;
}
