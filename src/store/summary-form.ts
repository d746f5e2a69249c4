/**
 * The compact form of a turn's rolling summary in the log. Every turn record carries the summary
 * after it (~1,600 characters once a story settles), and consecutive summaries share most of their
 * text: the extractive summariser keeps the parent's lines and adds a few, a model keeps many of
 * its sentences. Written whole on every turn, summaries were ~40% of a long story's log. On disk a
 * turn's summary is therefore usually an edit of its PARENT turn's: `edit` lists pieces, `[start,
 * end]` a slice of the parent's summary and a string new text, and `check` is the CRC-32 of the
 * summary they make, so a wrong resolution is always noticed, never used.
 *
 * A whole summary is written when the parent is not one this writer wrote (a resumed session's
 * first turn, a copy's first), every WHOLE_EVERY turns along a chain, and whenever the edit would
 * not be smaller; so resolving any turn looks back at most WHOLE_EVERY - 1 records, and a lost line
 * costs at most the summaries until the next whole one. An edit only ever names a parent whose line
 * was durably written before it (`remember` is called once the line is on disk). Logs without
 * edits (every summary whole) load unchanged.
 */
import { crc32Text } from '../text/crc32.js';
import type { TurnRecord } from '../engine/session/records.js';
import { ROOT } from '../engine/session/tree.js';
import { turnName, type Numbered } from './mend.js';

/** At most this many records in a chain of edits, the whole summary it starts from included. */
export const WHOLE_EVERY = 32;

/** A piece of an edit: a slice `[start, end)` of the parent's summary, or new text. */
export type SummaryPiece = [number, number] | string;

/** A turn's memory as the log stores it when its summary is an edit of its parent's. */
export interface EditedMemory {
  summaryThrough: number;
  edit: SummaryPiece[];
  /** CRC-32 (8 hex digits) of the resolved summary's UTF-8. */
  check: string;
}

export type Memory = TurnRecord['memory'];
/** A turn's memory as read from the log: whole, or an edit still to resolve. */
export type StoredMemory = Memory | EditedMemory;

/** Whether a turn's stored memory is an edit of its parent's (else its summary is whole). */
export function isEdited(memory: StoredMemory): memory is EditedMemory {
  return (memory as Partial<Memory>).summary === undefined;
}

const hex = (n: number) => n.toString(16).padStart(8, '0');

/** The check written with an edit: the CRC-32 of the summary it resolves to. */
export const summaryCheck = (summary: string): string => hex(crc32Text(summary));

/** A kept run shorter than this is written out: a slice costs about as many bytes. */
const MIN_SLICE = 12;

/**
 * The summary split into its lines and sentences, each with what ends it (a line break, or the
 * spaces after a sentence's stop); joined, they give the summary back exactly.
 */
function segments(text: string): string[] {
  return text.match(/[^\n]*?(?:[.!?。！？…]["'”’)\]]*[ \t]+|\n|$)/gu)?.filter((s) => s !== '') ?? [];
}

/**
 * `next` as pieces of `parent` and new text, at line and sentence granularity (what both the
 * extractive and a model's summary keep of the last one), or undefined when it would not be smaller
 * written whole.
 */
export function summaryEdit(parent: string, next: string): SummaryPiece[] | undefined {
  if (parent === '' || next === '') return undefined;
  const pieces: SummaryPiece[] = [];
  const push = (piece: SummaryPiece) => {
    const last = pieces[pieces.length - 1];
    if (typeof piece === 'string') {
      if (typeof last === 'string') pieces[pieces.length - 1] = last + piece;
      else pieces.push(piece);
    } else if (Array.isArray(last) && last[1] === piece[0]) last[1] = piece[1];
    else pieces.push(piece);
  };
  for (const segment of segments(next)) {
    const last = pieces[pieces.length - 1];
    // The run goes on where the last slice ended, when the parent says the same there.
    if (Array.isArray(last) && parent.startsWith(segment, last[1])) {
      push([last[1], last[1] + segment.length]);
      continue;
    }
    // A line kept but no longer last (or newly last) differs from the parent's only in its break.
    const body = segment.replace(/\s+$/, '');
    const at = body.length >= MIN_SLICE ? parent.indexOf(body) : -1;
    if (at < 0) {
      push(segment);
      continue;
    }
    const whole = parent.startsWith(segment, at);
    push([at, at + (whole ? segment.length : body.length)]);
    if (!whole) push(segment.slice(body.length));
  }
  // Short slices between new text cost more than they save: folded back into the text.
  const merged: SummaryPiece[] = [];
  for (const piece of pieces) {
    const text = Array.isArray(piece) && piece[1] - piece[0] < MIN_SLICE ? parent.slice(piece[0], piece[1]) : piece;
    const last = merged[merged.length - 1];
    if (typeof text === 'string' && typeof last === 'string') merged[merged.length - 1] = last + text;
    else merged.push(text);
  }
  // An edit never takes more of its parent than the parent holds (applySummaryEdit refuses it): next
  // repeating a kept sentence is written whole instead.
  if (slicedLength(merged) > parent.length) return undefined;
  return JSON.stringify(merged).length + 24 < JSON.stringify(next).length ? merged : undefined;
}

/** How many characters an edit's slices take from the parent, counted however they are written. */
function slicedLength(edit: readonly SummaryPiece[]): number {
  let n = 0;
  for (const piece of edit) if (typeof piece !== 'string') n += piece[1] - piece[0];
  return n;
}

/**
 * The summary `edit` makes of `parent`, or undefined when a slice falls outside it, the slices
 * take more than the parent holds, or the check fails. The bound keeps a summary no longer than its
 * parent plus the text its line holds: a few lines slicing the same text over and over would
 * otherwise build a summary of gigabytes (and a string past V8's limit throws).
 */
export function applySummaryEdit(parent: string, memory: EditedMemory, budget?: EditBudget): string | undefined {
  let sliced = 0;
  let added = 0;
  for (const piece of memory.edit) {
    if (typeof piece === 'string') {
      added += piece.length;
      continue;
    }
    const [start, end] = piece;
    if (!(start >= 0 && start <= end && end <= parent.length)) return undefined;
    sliced += end - start;
  }
  if (sliced > parent.length) return undefined;
  budget?.earn(added);
  if (budget && !budget.spend(sliced + added)) return undefined;
  let out = '';
  for (const piece of memory.edit) out += typeof piece === 'string' ? piece : parent.slice(piece[0], piece[1]);
  return summaryCheck(out) === memory.check ? out : undefined;
}

/**
 * The memory `stored` makes of its parent's resolved memory (the summary the edit makes, the
 * edit's own `summaryThrough`), or undefined when there is no parent or the edit cannot be applied
 * (`applySummaryEdit`). Every reader resolves an edit through this.
 */
export function resolveEdit(parent: Memory | undefined, stored: EditedMemory, budget?: EditBudget): Memory | undefined {
  const summary = parent && applySummaryEdit(parent.summary, stored, budget);
  return summary === undefined ? undefined : { summary, summaryThrough: stored.summaryThrough };
}

/** Text a log holds earns edits this many times its length in text they may make. */
const EDIT_SLACK = 64;
/** What any log's edits may make, however little text it holds (a 10,000-turn story makes ~16M). */
const EDIT_FLOOR = 1 << 25;

/**
 * How much text resolving a log's edits may still make. Each edit is bounded by its parent, but
 * many edits of one long summary (a thousand branches of it) would each make a copy: gigabytes from
 * a file of megabytes. The log's own text (whole summaries, an edit's new text) earns EDIT_SLACK
 * times its length, far above what the writer's edits ever make; an edit past it is refused.
 */
export class EditBudget {
  private left = EDIT_FLOOR;

  /** Notes text the log holds. */
  earn(chars: number): void {
    this.left += EDIT_SLACK * chars;
  }

  /** Takes `chars` from what is left; false (nothing taken) when that is not enough. */
  spend(chars: number): boolean {
    if (chars > this.left) return false;
    this.left -= chars;
    return true;
  }
}

/**
 * Writes turns' summaries in the compact form, remembering what it wrote: the summary of each
 * node written and how many edits lead to it from a whole one. One per log being written.
 */
export class SummaryEncoder {
  private readonly written = new Map<string, { summary: string; run: number }>();

  /** The memory of `record` as the log will store it (an edit of its parent's when that is smaller). */
  encode(record: TurnRecord): StoredMemory {
    const { memory } = record;
    const parent = record.parentId === null ? undefined : this.written.get(record.parentId);
    if (!parent || parent.run + 1 >= WHOLE_EVERY) return memory;
    const edit = summaryEdit(parent.summary, memory.summary);
    return edit ? { summaryThrough: memory.summaryThrough, edit, check: summaryCheck(memory.summary) } : memory;
  }

  /** Notes that `record`, stored as `stored`, is durably written: later turns may build on it. */
  remember(record: TurnRecord, stored: StoredMemory): void {
    const parent = record.parentId === null ? undefined : this.written.get(record.parentId);
    const run = isEdited(stored) ? (parent?.run ?? WHOLE_EVERY) + 1 : 0;
    this.written.set(record.nodeId, { summary: record.memory.summary, run });
  }
}

/** What a turn's summary resolved to, and the turn whose summary that is (0: none yet). */
interface Resolved {
  memory: Memory;
  from: number;
  /** Set when the turn's own summary could not be rebuilt: the first turn of that run of losses. */
  lost?: Loss;
}

interface Loss {
  line: number;
  name: string;
  from: number;
  after: number;
}

/**
 * Resolves, in place and in file order, the summaries of the turn records in `entries` (mended:
 * every parent defined before its children, node ids unique) that are edits of their parent's.
 * A turn whose edit cannot be applied (its parent is lost, damaged or itself unresolved; a slice
 * out of range; the check fails) takes its parent's resolved summary and that summary's
 * `summaryThrough`, so the summariser folds the turns after it in again on the next turn. One note
 * per run of such turns.
 */
export function resolveSummaries(entries: readonly Numbered[]): Array<{ line: number; message: string }> {
  const resolved = new Map<string, Resolved>();
  const losses: Loss[] = [];
  const budget = new EditBudget();
  for (const { line, record } of entries) {
    if (record.type !== 'turn') continue;
    const stored = record.memory as StoredMemory;
    if (!isEdited(stored)) {
      budget.earn(stored.summary.length);
      resolved.set(record.nodeId, { memory: stored, from: record.number });
      continue;
    }
    const parent = record.parentId === null || record.parentId === ROOT ? undefined : resolved.get(record.parentId);
    const made = resolveEdit(parent?.memory, stored, budget);
    if (made) {
      record.memory = made;
      resolved.set(record.nodeId, { memory: made, from: record.number });
      continue;
    }
    const memory = parent ? parent.memory : { summary: '', summaryThrough: 0 };
    const from = parent?.from ?? 0;
    let lost = parent?.lost;
    if (lost) lost.after++;
    else {
      lost = { line, name: turnName(record.number, record.input.text), from, after: 0 };
      losses.push(lost);
    }
    record.memory = { summary: memory.summary, summaryThrough: memory.summaryThrough };
    resolved.set(record.nodeId, { memory: record.memory, from, lost });
  }
  return losses.map(({ line, name, from, after }) => ({
    line,
    message: `the rolling summary saved with ${name} (line ${line}) could not be rebuilt from the turn before it, which is lost or damaged${after > 0 ? ` (nor could ${after} later turn${after === 1 ? "'s" : "s'"} built on it)` : ''}; ${from > 0 ? `the summary as of turn ${from} stands in` : 'the summary starts again empty'}, and the turns since are summarised again on the next turn`,
  }));
}
