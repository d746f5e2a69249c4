/**
 * How much of a story the history prints: the latest turns whose lines fit in `HISTORY_LINES`.
 * Shared by the history (useHistory) and a resume that reads only the log's end, which has to know
 * when the turns it found cover the window.
 */
import type { Turn } from '../../engine/types.js';
import type { NameColor } from './colors.js';
import { turnLines } from './blocks.js';
import type { Line } from './wrap.js';

/**
 * How many lines of turns a (re)draw prints at most: the latest turns that fit (always the last
 * one). A resumed 10,000-turn story would otherwise be written to the terminal in full before the
 * first frame (about 20 s measured, when Ink laid it out), and every line is wrapped and styled
 * before the frame and on each redraw (a resize, a branch switch). A thousand lines
 * is what a terminal's scrollback keeps by default (xterm 1,024, tmux 2,000); `/export` has the
 * whole story.
 */
export const HISTORY_LINES = 1_000;

/** The history's width in a terminal `columns` wide: one column is left free, so a full line never wraps. */
export function historyWidth(columns: number): number {
  return Math.max(20, columns - 1);
}

/** Where the window of printed turns starts: the latest turns whose lines fit in `HISTORY_LINES`. */
export function windowStart(turns: readonly Turn[], linesOf: (turn: Turn) => number): number {
  let lines = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    lines += linesOf(turns[i]);
    if (lines > HISTORY_LINES) return Math.min(i + 1, turns.length - 1);
  }
  return 0;
}

/**
 * The turns a resume's tail check wrapped, for the history's first frame to print without wrapping
 * them again: for one player, their names' colours and one width, by `wrappedKey`.
 */
export interface WrappedTurns {
  playerName: string;
  names: NameColor[];
  width: number;
  lines: ReadonlyMap<string, Line[]>;
}

/** A turn's key among `WrappedTurns.lines`: its lines are those of its chosen candidate among so many. */
export const wrappedKey = (turn: Turn): string => `${turn.id}:${turn.chosen}:${turn.candidates.length}`;

/**
 * Whether a branch's latest turns (the last one on the live area, the rest in the history) hold
 * more lines than the window, so that the window starts inside them wherever the branch begins:
 * a test for one player, world and width, asked again as a resume's tail grows (each turn is
 * wrapped once, into `wrapped`, which the history can then print from).
 */
export function fillsHistory(
  playerName: string,
  names: NameColor[],
  width: number,
  wrapped = new Map<string, Line[]>(),
): (turns: readonly Turn[]) => boolean {
  return (turns) => {
    let lines = 0;
    for (let i = turns.length - 2; i >= 0; i--) {
      const turn = turns[i];
      const key = wrappedKey(turn);
      let turnLinesOf = wrapped.get(key);
      if (turnLinesOf === undefined) wrapped.set(key, (turnLinesOf = turnLines(turn, playerName, names, width)));
      lines += turnLinesOf.length;
      if (lines > HISTORY_LINES) return true;
    }
    return false;
  };
}
