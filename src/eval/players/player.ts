/**
 * The simulated player's surface: given the story so far, it writes the next player message.
 * Players keep no state between turns (everything comes from the seed, the turn and the story),
 * so an interrupted run resumes with exactly the lines it would have played.
 */
import type { Opening, PlayerPersona, WorldPack } from '../../world/types.js';
import type { StoryMessage, Turn } from '../../engine/types.js';
import type { PlayerStyle } from '../types.js';

export interface PlayerContext {
  pack: WorldPack;
  persona: PlayerPersona;
  /** The turn about to be played, from 1. */
  turn: number;
  /** The opening and every message since, oldest first. */
  history: StoryMessage[];
  /** The story's opening: who is in the scene at the start, so the player speaks to those present. */
  opening?: Pick<Opening, 'characters' | 'scene'>;
  /** The last few committed turns (plans and critics), for the plot director. */
  recent: readonly Turn[];
  signal?: AbortSignal;
}

export interface PlayerMove {
  text: string;
  /** Why the player steered the story, when it did. */
  director?: string;
}

export interface SimulatedPlayer {
  style: PlayerStyle;
  next(ctx: PlayerContext): Promise<PlayerMove>;
}
