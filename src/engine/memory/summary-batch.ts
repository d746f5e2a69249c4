/**
 * When the rolling summary is written, and what one request folds. Writing it every time a turn
 * scrolls out of the prompt window cost one more model request per turn, waited for before the
 * turn was saved. Instead, once a message has left the window unsummarised, one request folds it
 * together with the oldest turns still in the window, so that the next turns scroll out already
 * summarised and need no request (SillyTavern's Summarize extension likewise updates every N
 * messages). The model summariser and the extractive one follow the same rule.
 */
import type { MemoryState, StoryMessage } from '../types.js';
import { scrolledOut } from './summary.js';

/**
 * Turns one summary request covers once a story has outgrown its window: the turns that left it
 * and up to this many minus one still in it. Eight turns make the summary's requests an eighth of
 * the turns' while keeping each request small (eight turns of replies are a few thousand tokens,
 * any model's context takes them) and the summary's overlap with the verbatim window short.
 */
export const SUMMARY_BATCH_TURNS = 8;

/**
 * The messages the summary folds at this turn, oldest first: none while everything out of the
 * prompt window (the last `windowMessages` of `history`) is already in the summary; otherwise what
 * left the window unsummarised (`scrolledOut`) and the oldest whole turns still in it, up to
 * `batchTurns - 1` of them and at most half the whole turns the window holds, so the summary never
 * spends most of itself on what the prompt still shows word for word. The turn being played (the
 * last message, the player's line) is never folded: its reply is not written yet, and the summary
 * is through a turn only once the summary has read all of it.
 */
export function summaryBatch(
  history: readonly StoryMessage[],
  memory: MemoryState,
  windowMessages: number,
  batchTurns: number = SUMMARY_BATCH_TURNS,
): StoryMessage[] {
  const scrolled = scrolledOut(history, memory, windowMessages);
  if (scrolled.length === 0) return scrolled;
  const current = history[history.length - 1]?.turn ?? 0;
  const edgeThrough = scrolled[scrolled.length - 1].turn;
  const ahead: number[] = [];
  for (const m of history) if (m.turn > edgeThrough && m.turn < current && ahead[ahead.length - 1] !== m.turn) ahead.push(m.turn);
  const extra = Math.min(Math.max(0, batchTurns - 1), Math.floor(ahead.length / 2));
  if (extra === 0) return scrolled;
  const through = ahead[extra - 1];
  return [...scrolled, ...history.filter((m) => m.turn > edgeThrough && m.turn <= through)];
}
