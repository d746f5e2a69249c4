/**
 * Moves the finished paragraphs of a long streaming reply out of the live area into the history
 * (printed above it), so the live area stays shorter than the terminal and Ink never clears the screen.
 *
 * A turn streams several candidates and the ranking may show another one first, so what was
 * moved is tied to the candidate it came from: while that candidate is the one shown, the
 * history keeps the moved head and the live area shows the rest; if another candidate is shown
 * (the ranking, a swipe, an undo) the moved head no longer matches and the history is redrawn.
 * A width change redraws the history too: the committed reply on the live area is then cut again
 * at the new width, so its head goes back into the history instead of the whole reply filling
 * the live area.
 */
import { useRef } from 'react';
import type { Candidate, Turn } from '../../engine/types.js';
import type { NameColor } from '../text/colors.js';
import { playerLines, storyLines } from '../text/blocks.js';
import type { Line } from '../text/wrap.js';
import type { HistoryItem } from '../components/Transcript.js';
import type { LiveTurn } from './useSessionRunner.js';

export interface Spill {
  /** Candidate id once the turn is committed. */
  candidateId?: string;
  turnNumber: number;
  streamIndex: number;
  width: number;
  /** The exact text moved (a prefix of the reply ending at a paragraph break). */
  text: string;
  items: HistoryItem[];
}

/** Where the last paragraph break (a blank line between paragraphs) starts, or -1. */
function lastBreak(text: string): number {
  let at = -1;
  for (const m of text.matchAll(/\n[^\S\n]*\n/g)) at = m.index;
  return at;
}

export interface SpillInput {
  live: LiveTurn | undefined;
  turns: readonly Turn[];
  width: number;
  /** Columns the live area gives the reply: narrower than `width` while the debug pane sits beside it. */
  liveWidth?: number;
  /** Lines the live area has for the reply, and for the rest of a spilled one (the header left out over it). */
  budget: number;
  spilledBudget?: number;
  names: NameColor[];
  playerName: string;
  /**
   * The live area's header for a turn, printed above the turn's spilled head: the live area leaves
   * its header out while it shows the rest, so no header sits in the middle of the reply.
   */
  header?: (turn: number) => Line[];
}

export interface SpillView {
  /** The spill of the running turn, if any. */
  live?: Spill;
  /** The committed spill of a turn, if its shown candidate is still the one spilled. */
  forTurn(turn: Turn): Spill | undefined;
  /** What is left of a text once its spilled head is taken away. */
  rest(spill: Spill, text: string): string;
  /** Changes whenever a spill is added, so memoised history recomputes. */
  version: string;
}

/** Whether the spill still describes the candidate the turn shows. */
function matches(spill: Spill, turn: Turn, width: number): boolean {
  const shown = turn.candidates[turn.chosen];
  return (
    Boolean(shown) && spill.width === width && shown.id === spill.candidateId && shown.text.trimStart().startsWith(spill.text.trimStart())
  );
}

/**
 * A spill of a committed reply cut afresh at `width`: everything before its last paragraph break
 * when the whole reply is taller than `budget`, as one history item (the history is being
 * redrawn anyway). Undefined when it fits.
 */
function refit(
  spill: Spill,
  turn: Turn,
  candidate: Candidate,
  width: number,
  liveWidth: number,
  budget: number,
  names: NameColor[],
  playerName: string,
  header: Line[],
): Spill | undefined {
  const head = [...header, ...playerLines(playerName, turn.input.text, width)];
  const cut = lastBreak(candidate.text);
  const tall =
    playerLines(playerName, turn.input.text, liveWidth).length + 1 + storyLines(candidate.text, names, liveWidth).length > budget;
  if (cut <= 0 || !tall) return undefined;
  const moved = candidate.text.slice(0, cut);
  const items = [
    { key: `spill:${turn.number}:${spill.streamIndex}:0-${cut}:${width}`, lines: [...head, [], ...storyLines(moved, names, width)] },
  ];
  return { ...spill, width, text: moved, items };
}

/**
 * The spill of a reply that has just been committed, moved on to the reply's last paragraph
 * break when what is left would not fit the live area. The end of a reply can arrive between two
 * frames (a loaded machine, a provider that sends its last part at once), and the live area would
 * then hide part of it behind a scroll marker. One line is kept free for the mark under the reply.
 */
function extend(spill: Spill, text: string, width: number, liveWidth: number, budget: number, names: NameColor[]): Spill {
  const full = text.trimStart();
  const done = spill.text.trimStart().length;
  const cut = lastBreak(full);
  if (cut <= done || 1 + storyLines(full.slice(done), names, liveWidth).length + 1 <= budget) return spill;
  const item = {
    key: `spill:${spill.turnNumber}:${spill.streamIndex}:${done}-${cut}:${width}:end`,
    lines: [[], ...storyLines(full.slice(done, cut), names, width)],
  };
  return { ...spill, text: full.slice(0, cut), items: [...spill.items, item] };
}

/** Tracks what of the streaming reply has moved into the history, and binds it to its candidate when the turn commits. */
export function useSpill({
  live,
  turns,
  width,
  liveWidth = width,
  budget,
  spilledBudget = budget,
  names,
  playerName,
  header,
}: SpillInput): SpillView {
  const current = useRef<Spill | undefined>(undefined);
  const committed = useRef(new Map<string, Spill>());
  const refits = useRef(0);

  // Only a turn being played (or edited) spills; a regenerate streams under a reply already shown.
  if (live && live.kind !== 'regenerate') {
    const stream = live.streams[live.focus];
    const text = stream?.text ?? '';
    let spill = current.current;
    if (spill && (spill.turnNumber !== live.turn || spill.streamIndex !== live.focus || spill.width !== width)) spill = undefined;
    const head = [...(header?.(live.turn) ?? []), ...playerLines(playerName, live.input.text, width)];
    const spilled = spill ? spill.text.length : 0;
    // Measured as the live area shows it; moved as the history shows it (full width).
    const restLines =
      storyLines(text.slice(spilled), names, liveWidth).length +
      (spill ? 1 : playerLines(playerName, live.input.text, liveWidth).length + 1);
    const cut = lastBreak(text);
    if (restLines > (spill ? spilledBudget : budget) && cut > spilled) {
      const moved = text.slice(spilled, cut);
      const lines: Line[] = spill ? [[], ...storyLines(moved, names, width)] : [...head, [], ...storyLines(moved, names, width)];
      const items = [...(spill?.items ?? []), { key: `spill:${live.turn}:${live.focus}:${spilled}-${cut}:${width}`, lines }];
      spill = { turnNumber: live.turn, streamIndex: live.focus, width, text: text.slice(0, cut), items };
    }
    current.current = spill;
  } else if (!live && current.current) {
    // The run ended: bind the spill to the committed candidate it came from, or drop it.
    const spill = current.current;
    current.current = undefined;
    const turn = turns.find((t) => t.number === spill.turnNumber);
    const candidate = turn?.candidates.find((c) => c.id.endsWith(`-c${spill.streamIndex}`));
    if (turn && candidate && candidate.text.trimStart().startsWith(spill.text.trimStart())) {
      committed.current.set(
        candidate.id,
        extend({ ...spill, candidateId: candidate.id }, candidate.text, width, liveWidth, spilledBudget, names),
      );
    }
  }
  if (!live) {
    // After a width change, the latest reply's spill (made at the old width) no longer matches.
    const latest = turns[turns.length - 1];
    const shown = latest?.candidates[latest.chosen];
    const spill = shown ? committed.current.get(shown.id) : undefined;
    if (latest && shown && spill && spill.width !== width) {
      const next = refit(spill, latest, shown, width, liveWidth, budget, names, playerName, header?.(latest.number) ?? []);
      // A reply that fits keeps its old spill, unused at this width, for a later change back.
      if (next) {
        committed.current.set(shown.id, next);
        refits.current += 1;
      }
    }
  }

  const liveSpill = live && live.kind !== 'regenerate' ? current.current : undefined;
  return {
    live: liveSpill,
    version: `${committed.current.size}:${refits.current}:${liveSpill?.items.length ?? 0}`,
    forTurn(turn) {
      const shown = turn.candidates[turn.chosen];
      const spill = shown ? committed.current.get(shown.id) : undefined;
      return spill && matches(spill, turn, width) ? spill : undefined;
    },
    rest(spill, text) {
      const trimmed = text.trimStart();
      return trimmed.slice(spill.text.trimStart().length);
    },
  };
}
