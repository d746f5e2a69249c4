/**
 * How the play screen shares the terminal: the debug pane beside the story when there is room,
 * else inside the live area; the notice under the reply (an error, the slash command completions,
 * or a confirmation); and the height each part of the live area gets, so that it always stays
 * shorter than the terminal.
 */
import { argumentMatches, completions } from '../../commands/index.js';
import type { EditorState } from '../input/editor.js';
import { historyWidth } from '../text/history-window.js';
import { wrapSegments, wrapText, type Line } from '../text/wrap.js';
import type { Segment } from '../text/segments.js';
import type { TabCycle } from '../input/tab-cycle.js';
import type { RunError } from '../hooks/useSessionRunner.js';
import { composerHeight } from './Composer.js';

/** From this many columns the debug pane stands beside the story, as tall as the terminal. */
export const WIDE_COLUMNS = 110;

export interface PlayLayoutInput {
  columns: number;
  rows: number;
  debugOpen: boolean;
  editor: EditorState;
  argumentChoices: Parameters<typeof argumentMatches>[1];
  error: RunError | undefined;
  /** What r does after a retryable error ("r sends it again"); '' when r would be typed. */
  retryHint?: string;
  notice: string | undefined;
  /** Tab's matches while it cycles through them: listed, the one in the composer marked. */
  tabCycle?: TabCycle | undefined;
}

export interface PlayLayout {
  /** The history's width. */
  width: number;
  /** The debug pane is beside the story (else, when open, inside the live area). */
  wide: boolean;
  paneWidth: number;
  paneHeight: number;
  /** The pane's height once open (its height while it is). */
  openPaneHeight: number;
  storyWidth: number;
  /** The debug pane's height inside the live area (0 when beside it or closed). */
  narrowPane: number;
  composerMax: number;
  /** The live area's height: the terminal's but one row. */
  liveHeight: number;
  overlayH: number;
  /** Lines the reply may take. */
  replyBudget: number;
  /** Lines a spilled reply may take: the live area leaves the header out over it, and the reply has its row. */
  spilledBudget: number;
  noticeLines: Line[];
  /** The slash commands the composer's text may complete to. */
  slashMatches: ReturnType<typeof completions>;
  /** The reply, its carousel and the composer fit in the live area; else it says the terminal is too small. */
  storyFits: boolean;
  /** An overlay (help, /tree) fits in the live area; else it says the terminal is too small for it. */
  overlayFits: boolean;
}

/** The live area's header: one line, cut to the width. */
const HEADER_ROWS = 1;
/** The fewest rows of the story without the pane: the header, a reply line and its marker, the carousel, the composer, the status line. */
const STORY_MIN_ROWS = HEADER_ROWS + 2 + 1 + 1 + 1;
/** A debug pane inside the live area shorter than this shows nothing useful: it is left out. */
const PANE_MIN_ROWS = 4;

/** The first `max` lines, the last of them ending in an ellipsis when some were left out. */
function cutTo(lines: Line[], max: number): Line[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  const last = kept[max - 1];
  const tail = last[last.length - 1];
  kept[max - 1] = [...last.slice(0, -1), { ...tail, text: `${tail.text.replace(/\s*\S?$/, '')}…` }];
  return kept;
}

/**
 * A cycle's matches as a list, the one in the composer in brackets. Cut at `max` rows, the list
 * starts from that one (after an ellipsis) when it would be cut off, so the mark is always shown.
 */
function cycleLines(cycle: TabCycle, width: number, max: number): Line[] {
  const from = (start: number): Line[] =>
    wrapSegments(
      [
        ...(start > 0 ? [{ text: '…  ', kind: 'notice' as const }] : []),
        ...cycle.options
          .slice(start)
          .map((o, i): Segment =>
            start + i === cycle.index
              ? { text: `[${o.label}]${i < cycle.options.length - start - 1 ? '  ' : ''}`, kind: 'player' }
              : { text: `${o.label}  `, kind: 'notice' },
          ),
      ],
      width,
    );
  const all = from(0);
  const marked = all.findIndex((line) => line.some((seg) => seg.kind === 'player'));
  // The last row kept loses its end to the ellipsis: the mark must be above it, unless nothing is cut.
  return cutTo(all.length <= max || marked < max - 1 ? all : from(cycle.index), max);
}

/** The play screen's layout for a terminal of `columns` x `rows`. */
export function playLayout({
  columns,
  rows,
  debugOpen,
  editor,
  argumentChoices,
  error,
  retryHint = 'r tries again',
  notice,
  tabCycle,
}: PlayLayoutInput): PlayLayout {
  const width = historyWidth(columns);
  const wide = debugOpen && columns >= WIDE_COLUMNS;
  const paneWidth = wide ? Math.min(70, Math.floor(columns * 0.42)) : columns - 1;
  const storyWidth = wide ? columns - paneWidth - 2 : width;
  const narrowOpen = Math.min(14, Math.max(6, Math.floor(rows * 0.4)));
  const liveHeight = Math.max(0, rows - 1);
  // Inside the live area, the pane takes what the story's fewest rows leave, or nothing.
  const paneRoom = Math.min(narrowOpen, liveHeight - STORY_MIN_ROWS);
  const narrowPane = debugOpen && !wide && paneRoom >= PANE_MIN_ROWS ? paneRoom : 0;
  const composerMax = Math.min(6, Math.max(1, Math.floor(rows / 6)));
  const composerH = composerHeight(editor, storyWidth, composerMax);
  const slashMatches = editor.text.startsWith('/') ? completions(editor.text) : [];
  const argMatches = argumentMatches(editor.text, argumentChoices);
  const list = !error && (slashMatches.length > 1 || (slashMatches.length === 0 && argMatches.length > 0));
  const shown = error
    ? `${error.message}${error.retryable && retryHint ? ` · ${retryHint}` : ''}`
    : slashMatches.length > 1
      ? slashMatches.map((m) => `/${m.name}`).join('  ')
      : slashMatches.length === 1
        ? `/${slashMatches[0].name}${slashMatches[0].args ? ` ${slashMatches[0].args}` : ''}: ${slashMatches[0].help}`
        : argMatches.length > 0
          ? argMatches.join('  ')
          : notice;
  // An error or a notice is a sentence whose advice comes at its end ("Shorten it, or raise the
  // budget", "r sends it again"): it wraps in full, leaving the header, two rows of reply, the
  // carousel, the composer and the status line their rows. A list of completions is cut at three rows.
  const sentenceMax = Math.max(1, liveHeight - 1 - 2 - 1 - composerH - 1 - narrowPane);
  const noticeLines =
    tabCycle && !error
      ? cycleLines(tabCycle, storyWidth, Math.min(3, sentenceMax))
      : shown
        ? cutTo(wrapText(shown, storyWidth, error ? 'error' : 'notice'), list ? Math.min(3, sentenceMax) : sentenceMax)
        : [];
  const noticeH = noticeLines.length;
  const overlayH = Math.max(3, liveHeight - 2 - noticeH - narrowPane);
  const replyBudget = Math.max(2, liveHeight - HEADER_ROWS - 1 - noticeH - composerH - 1 - narrowPane);
  const paneHeight = wide ? liveHeight : narrowPane;
  // A pane opened by the key before in the same chunk is not laid out yet: the height it will have.
  const openPaneHeight = debugOpen ? paneHeight : columns >= WIDE_COLUMNS ? liveHeight : paneRoom >= PANE_MIN_ROWS ? paneRoom : 0;
  return {
    width,
    wide,
    paneWidth,
    paneHeight,
    openPaneHeight,
    storyWidth,
    narrowPane,
    composerMax,
    liveHeight,
    overlayH,
    replyBudget,
    spilledBudget: replyBudget + HEADER_ROWS,
    noticeLines,
    slashMatches,
    storyFits: HEADER_ROWS + replyBudget + 1 + noticeH + narrowPane + composerH + 1 <= liveHeight,
    overlayFits: HEADER_ROWS + overlayH + noticeH + narrowPane + 1 <= liveHeight,
  };
}
