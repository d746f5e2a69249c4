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
 * At most this many turns in one summary request once a story has outgrown its window: the turns
 * that left it and the oldest still in it. The prompt window holds at most 12 messages (about six
 * turns, fewer with long replies), so in play a request folds everything before the turn being
 * played and the next five or so turns need none: a sixth of the requests, or fewer. The bound
 * matters for a larger window: eight turns of replies keep one request a few thousand tokens, and
 * the summary's overlap with what the prompt shows word for word short. Measured on a 120-turn
 * story (extractive): 19 updates instead of 114, with 7.3 of the turns out of the window still
 * named in the summary at turns 100-120 against 7.8 when it was written every turn.
 */
export const SUMMARY_BATCH_TURNS = 8;

/**
 * The messages the summary folds at this turn, oldest first: none while everything out of the
 * prompt window (the last `windowMessages` of `history`) is already in the summary; otherwise what
 * left the window unsummarised (`scrolledOut`) and the oldest whole turns still in it, up to
 * `batchTurns - 1` of them. The turn being played (the last message, the player's line) is never
 * folded: its reply is not written yet, and the summary is through a turn only once it has read
 * all of it.
 */
export function summaryBatch(
  history: readonly StoryMessage[],
  memory: MemoryState,
  windowMessages: number,
  batchTurns: number = SUMMARY_BATCH_TURNS,
): StoryMessage[] {
  const scrolled = scrolledOut(history, memory, windowMessages);
  if (scrolled.length === 0) return scrolled;
  const current = history[history.length - 1].turn;
  const edgeThrough = scrolled[scrolled.length - 1].turn;
  // Only the window is walked: a 10,000-turn story costs no more.
  let from = history.length;
  while (from > 0 && history[from - 1].turn > edgeThrough) from--;
  let to = from;
  for (let turns = 0; to < history.length && history[to].turn < current; to++) {
    if (to === from || history[to].turn !== history[to - 1].turn) turns++;
    if (turns === batchTurns) break;
  }
  return to === from ? scrolled : [...scrolled, ...history.slice(from, to)];
}
