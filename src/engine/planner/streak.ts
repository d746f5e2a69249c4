/**
 * The player's latest lines in a row that pass a test, counting the current input: read newest
 * first and stopped at the first that fails, so a long story costs no more than a short one.
 */
import type { StoryMessage } from '../types.js';

/** How many of the player's latest lines before `turn`, and `playerInput` itself, pass `holds` in a row. */
export function playerStreak(
  playerInput: string,
  history: readonly StoryMessage[],
  turn: number,
  holds: (text: string) => boolean,
): number {
  if (!holds(playerInput)) return 0;
  let streak = 1;
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i];
    if (m.role !== 'player' || m.turn >= turn) continue;
    if (!holds(m.text)) break;
    streak += 1;
  }
  return streak;
}
