/**
 * The reply on the play screen's live area: the streaming one, or the selected turn's shown
 * candidate, cut to the lines the area has, scrolled, with a marker saying what is above or below.
 */
import { useMemo } from 'react';
import type { Candidate, Turn } from '../../engine/types.js';
import type { LiveTurn } from './useSessionRunner.js';
import type { NameColor } from '../text/colors.js';
import { cutNote, playerLines, storyLines } from '../text/blocks.js';
import type { Line } from '../text/wrap.js';
import type { SpillView } from './useSpill.js';

export interface ReplyViewInput {
  live: LiveTurn | undefined;
  /** The turn shown when nothing streams, and its shown candidate. */
  shownTurn: Turn | undefined;
  shownCandidate: Candidate | undefined;
  latest: Turn | undefined;
  playerName: string;
  names: NameColor[];
  width: number;
  spills: SpillView;
  /** Lines the reply may take, its marker included; `spilledBudget` once its head is in the history (no header over it). */
  budget: number;
  spilledBudget: number;
  /** How far the player scrolled the reply (the streaming one always shows its end). */
  scroll: number;
  debugOpen: boolean;
  /** A message as displayed (the pack's display-only regex scripts), streaming or finished; as stored when absent. */
  shown?: (role: 'player' | 'narrator', text: string) => string;
  /** A message whose run failed without a turn, shown under the reply (and its carousel) as not sent. */
  unsent?: string;
}

export interface ReplyView {
  /** The reply's lines on screen, and the marker above (streaming) or below (done) them. */
  visible: Line[];
  /**
   * The message whose run failed, marked not sent: drawn under the carousel, which belongs to the reply above it
   * (between the reply and its carousel, it read as the turn those candidates answered).
   */
  notSent: Line[];
  marker: string | undefined;
  /** The furthest the reply can scroll. */
  maxScroll: number;
  /** The lines it was given (with the header's row when spilled). */
  budget: number;
  /** The reply's head is in the history (with the header above it): the live area shows the rest, under no header of its own. */
  spilled: boolean;
  /** The unfinished reply's note ("(stopped) by you · ...") is on screen, so the carousel need not repeat its mark. */
  noteShown: boolean;
}

/** The live area's reply, as lines to draw. */
export function useReplyView(input: ReplyViewInput): ReplyView {
  const { live, shownTurn, shownCandidate, latest, playerName, names, width, spills, scroll, debugOpen, unsent, shown } = input;
  const stream = live ? live.streams[live.focus] : undefined;
  const spilled = live ? Boolean(spills.live) : Boolean(shownTurn && shownTurn === latest && spills.forTurn(shownTurn));
  const replyLines: Line[] = useMemo(() => {
    if (live) {
      // The display scripts run on the partial text as it grows (SillyTavern formats each streamed
      // chunk the same way); a spilled reply's rest alone, as its head is already printed.
      const asShown = (role: 'player' | 'narrator', text: string) => (shown ? shown(role, text) : text);
      if (spills.live)
        return [[], ...storyLines(asShown('narrator', stream ? stream.text.slice(spills.live.text.length) : ''), names, width)];
      const lines = [...playerLines(playerName, asShown('player', live.input.text), width), []];
      return stream ? [...lines, ...storyLines(asShown('narrator', stream.text), names, width)] : lines;
    }
    if (!shownTurn || !shownCandidate) return [];
    // A spilled reply's head is already in the history: the live area shows the rest.
    const spill = shownTurn === latest ? spills.forTurn(shownTurn) : undefined;
    const lines: Line[] = spill
      ? [[], ...storyLines(spills.rest(spill, shownCandidate.text), names, width)]
      : [
          ...playerLines(playerName, shown ? shown('player', shownTurn.input.text) : shownTurn.input.text, width),
          [],
          ...storyLines(shown ? shown('narrator', shownCandidate.text) : shownCandidate.text, names, width),
        ];
    const note = cutNote(shownCandidate);
    if (note) lines.push([{ text: note, kind: 'meta' }]);
    return lines;
  }, [live, stream, shownTurn, shownCandidate, playerName, names, width, spills, latest, shown]);
  const notSent: Line[] = useMemo(
    () => (!live && unsent !== undefined ? [[], ...playerLines(playerName, unsent, width), [{ text: '(not sent)', kind: 'meta' }]] : []),
    [live, unsent, playerName, width],
  );

  // The not-sent lines take their rows from the reply's.
  const budget = Math.max(2, (spilled ? input.spilledBudget : input.budget) - notSent.length);
  const overflow = replyLines.length > budget;
  const maxScroll = Math.max(0, replyLines.length - (budget - 1));
  const top = live ? maxScroll : Math.min(scroll, maxScroll);
  const visible = overflow ? replyLines.slice(top, top + budget - 1) : replyLines;
  const below = replyLines.length - (top + visible.length);
  const marker = !overflow
    ? undefined
    : live
      ? `↑ ${top} earlier lines (the whole reply is shown when it is done)`
      : // PgUp/PgDn scroll the debug pane while it is open, so the reply can only be scrolled without it.
        [top > 0 ? `↑ ${top} above` : '', below > 0 ? `↓ ${below} more lines` : ''].filter(Boolean).join(' · ') +
        (debugOpen ? ' · F2 closes the debug pane, then PgUp/PgDn' : ' · PgUp/PgDn');
  // The cut note is the reply's last line: the carousel repeats its mark only while it is scrolled out of view.
  const noteShown = !live && below === 0 && shownCandidate !== undefined && cutNote(shownCandidate) !== undefined;
  return { visible, notSent, marker, maxScroll, budget, spilled, noteShown };
}
