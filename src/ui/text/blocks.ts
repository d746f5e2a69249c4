/**
 * The transcript's blocks as wrapped lines: the opening, a player's message, a reply. Pure, so a
 * block's height is known before it is drawn and the live area can be budgeted.
 */
import type { Candidate, Turn } from '../../engine/types.js';
import { LENGTH_LIMIT_REPAIR } from '../../engine/critics/repair.js';
import { unfinishedReason } from '../../commands/texts.js';
import { neutralize } from '../../text/sanitize.js';
import type { NameColor } from './colors.js';
import { styleStory, type Segment } from './segments.js';
import { wrapSegments, type Line } from './wrap.js';

/** The player's message: a marker and the text in the player's colour. */
export function playerLines(name: string, text: string, width: number): Line[] {
  const segs: Segment[] = [
    { text: `${neutralize(name)} › `, kind: 'meta' },
    { text: neutralize(text), kind: 'player' },
  ];
  return wrapSegments(segs, width);
}

/** A story passage (opening or reply), styled and wrapped. */
export function storyLines(text: string, names: NameColor[], width: number): Line[] {
  return wrapSegments(styleStory(neutralize(text).trim(), names), width);
}

/** The token limit's fragment was dropped by a repair: the reply reads whole and needs no mark. */
const trimmedAtLimit = (candidate: Candidate) => candidate.repairs.includes(LENGTH_LIMIT_REPAIR);

/** The mark after a reply that did not finish. */
export function candidateMark(candidate: Candidate): string | undefined {
  if (candidate.finishReason === 'aborted') return '(stopped)';
  if (candidate.error) return `(cut off: ${neutralize(candidate.error.message)})`;
  if (candidate.incomplete) return '(incomplete)';
  if (candidate.finishReason === 'length' && !trimmedAtLimit(candidate)) return '(cut at the length limit)';
  return undefined;
}

/** Whether a reply ended before it was done (stopped, cut at the limit, broken off): continuing it is the likely next step. */
export function isCut(candidate: Candidate | undefined): boolean {
  return Boolean(candidate && (candidate.incomplete || candidate.finishReason === 'length' || candidate.finishReason === 'aborted'));
}

/** The carousel's label for a reply: its variant, and `edited` or `continued` for a new version of one. */
export function versionLabel(candidate: Candidate): string {
  return candidate.revision ? `${candidate.variant.label} · ${candidate.revision.kind}` : candidate.variant.label;
}

/**
 * The dim line under an unfinished reply on the live area: its mark, why it ended (the
 * candidate's `finishReason`, kept in the session file too), and what to do. A reply saved before
 * reasons were kept only says that it ended early.
 */
export function cutNote(candidate: Candidate): string | undefined {
  const mark = candidateMark(candidate);
  if (!mark) return undefined;
  const again = 'Alt+C continues · Ctrl+R writes another';
  if (candidate.finishReason === 'aborted') return `${mark} by you · ${again}`;
  // The failure's own sentence is already in the mark.
  if (candidate.error) return candidate.error.retryable ? `${mark} · ${again}` : mark;
  if (candidate.finishReason === 'length' && !candidate.incomplete) return `${mark} the model reached its reply length limit · ${again}`;
  return `${mark} ${unfinishedReason(candidate.finishReason)} · ${again}`;
}

/** A finished turn for the history: the player's message, a blank line, the kept reply. */
export function turnLines(turn: Turn, playerName: string, names: NameColor[], width: number): Line[] {
  const chosen = turn.candidates[turn.chosen];
  const lines = [...playerLines(playerName, turn.input.text, width), []];
  if (chosen) {
    lines.push(...storyLines(chosen.text, names, width));
    const mark = candidateMark(chosen) ?? (chosen.revision?.kind === 'edited' ? '(edited)' : undefined);
    if (mark) lines.push([{ text: mark, kind: 'meta' }]);
  }
  lines.push([]);
  return lines;
}
