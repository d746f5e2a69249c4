/**
 * Stagnation: the story has stopped moving. Three signs, any one enough: the critics flagged the
 * last kept reply as stagnant, the player has only waited ("ok", "I wait.", "我等着。") for
 * WAITING_TURNS turns or more, or the tension has stayed flat for several turns.
 */
import { isWaiting } from '../pacing/cues.js';
import type { CriticResult, Plan, StoryMessage } from '../types.js';
import { playerStreak } from './streak.js';

/** Passive turns in a row after which the story moves by itself. */
export const WAITING_TURNS = 2;
/** Turns of flat tension that count as a stall. */
export const FLAT_TURNS = 3;
/** Tension range below which the last turns count as flat. */
export const FLAT_RANGE = 0.05;

export interface Stagnation {
  stalled: boolean;
  /** Short reasons, for the plan's reason line: "the player is waiting (2 passive turns)". */
  reasons: string[];
  /** The player's passive streak when it is long enough to count (0 otherwise). */
  waiting: number;
  /** The player's passive streak, counting the current input (0 when it acts). */
  streak: number;
}

/** How many of the player's latest messages in a row only wait, counting the current input. */
export function waitingStreak(playerInput: string, history: readonly StoryMessage[], turn: number): number {
  return playerStreak(playerInput, history, turn, isWaiting);
}

/** True when the tensions of the last `FLAT_TURNS` plans stay within `FLAT_RANGE`. */
export function tensionFlat(tensions: readonly number[]): boolean {
  if (tensions.length < FLAT_TURNS) return false;
  const last = tensions.slice(-FLAT_TURNS);
  return Math.max(...last) - Math.min(...last) < FLAT_RANGE;
}

/** Whether the story has stalled, and why. */
export function detectStagnation(input: {
  playerInput: string;
  history: readonly StoryMessage[];
  turn: number;
  previousPlans: readonly Plan[];
  recentCritics: readonly CriticResult[][];
}): Stagnation {
  const reasons: string[] = [];
  const latest = input.recentCritics[input.recentCritics.length - 1] ?? [];
  if (latest.some((c) => c.id === 'stagnation' && c.flagged)) reasons.push('the critics found the last reply stagnant');
  const streak = waitingStreak(input.playerInput, input.history, input.turn);
  const waiting = streak >= WAITING_TURNS ? streak : 0;
  if (waiting) reasons.unshift(`the player is waiting (${streak} passive turns)`);
  if (tensionFlat(input.previousPlans.map((p) => p.tension))) reasons.push(`tension has been flat for ${FLAT_TURNS} turns`);
  return { stalled: reasons.length > 0, reasons, waiting, streak };
}
