/**
 * How far a story got, read from the end of its log only: whether a turn was ever played and how
 * many turns its active branch holds. `sessions list` shows it for every story and `--resume last`
 * skips stories opened and left before their first message, so it must cost one small read per
 * file however long the story is. The careful load (load.ts) stays the source of truth: this reads
 * the records after the last turn that moves the active branch, and says `undefined` turns when
 * it cannot be sure (the record it needs lies further back than it reads, or is damaged).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { ROOT } from '../engine/session/tree.js';
import { checkSeal, parseUnsealed } from './checksum.js';

export interface StoryActivity {
  /** A turn was played at some point (it may since have been undone). */
  played: boolean;
  /** Turns on the active branch; undefined when the tail read cannot tell. */
  turns?: number;
}

/** The first read; a log whose last records do not fit is read once more, this much larger. */
const FIRST_WINDOW = 16 * 1024;
const LAST_WINDOW = 512 * 1024;

/** Records that move the active branch's end (as the tree applies them). */
const MOVES = new Set(['turn', 'rewind', 'branch', 'candidate', 'choose']);

type Loose = { type?: unknown; [key: string]: unknown };

/**
 * The activity of the log at `path` of `bytes` bytes. A log whose last 512 kB hold no record that
 * moves the branch (a reply of that size, a start record with a card's long greeting) is taken as
 * played, turns unknown: `last` skips only a story it is sure was never played.
 */
export function readActivity(path: string, bytes: number): StoryActivity {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    for (const window of [FIRST_WINDOW, LAST_WINDOW]) {
      const from = Math.max(0, bytes - window);
      const buffer = Buffer.allocUnsafe(bytes - from);
      const length = readSync(fd, buffer, 0, buffer.length, from);
      const found = activityIn(buffer.subarray(0, length), from === 0);
      if (found) return found;
    }
    return { played: true };
  } catch {
    // Gone or unreadable since it was listed: nothing to say of it.
    return { played: false };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The activity the records in `bytes` show, or undefined when none of them moves the branch and
 * earlier bytes might. `whole`: the bytes start at the log's first line.
 */
export function activityIn(bytes: Buffer, whole: boolean): StoryActivity | undefined {
  const lines = lineSpans(bytes, whole);
  for (let i = lines.length - 1; i >= 0; i--) {
    const record = readLine(bytes, lines[i]);
    if (!record || typeof record.type !== 'string' || !MOVES.has(record.type)) continue;
    // A regenerate or swipe without a fork leaves the branch's end where it was.
    if ((record.type === 'candidate' || record.type === 'choose') && typeof record.forkId !== 'string') continue;
    return { played: true, turns: numberAt(record, bytes, lines) };
  }
  return whole ? { played: false, turns: 0 } : undefined;
}

/** Turns on the branch that ends where `record` leaves it. */
function numberAt(record: Loose, bytes: Buffer, lines: Span[]): number | undefined {
  switch (record.type) {
    case 'turn':
      return typeof record.number === 'number' ? record.number : undefined;
    case 'rewind':
    case 'branch':
      return typeof record.leafId === 'string' ? numberOf(record.leafId, bytes, lines, 0) : undefined;
    default:
      // A swipe or regenerate that forks an earlier turn: the fork is a copy of that turn.
      return typeof record.nodeId === 'string' ? numberOf(record.nodeId, bytes, lines, 0) : undefined;
  }
}

/** The number of node `id` as the records in `bytes` define it (a turn, or a fork of one). */
function numberOf(id: string, bytes: Buffer, lines: Span[], depth: number): number | undefined {
  if (id === ROOT) return 0;
  if (depth > 8) return undefined;
  const quoted = JSON.stringify(id);
  // A record's ids are written as these fields, never so inside a string (its quotes are escaped).
  for (const needle of [`"nodeId":${quoted}`, `"forkId":${quoted}`]) {
    for (let at = bytes.lastIndexOf(needle); at >= 0; at = at > 0 ? bytes.lastIndexOf(needle, at - 1) : -1) {
      const line = lines.find((span) => span.start <= at && at < span.end);
      const record = line && readLine(bytes, line);
      if (!record) continue;
      if (record.type === 'turn' && record.nodeId === id) return typeof record.number === 'number' ? record.number : undefined;
      if ((record.type === 'candidate' || record.type === 'choose') && record.forkId === id && typeof record.nodeId === 'string')
        return numberOf(record.nodeId, bytes, lines, depth + 1);
    }
  }
  return undefined;
}

interface Span {
  start: number;
  end: number;
}

/** The whole lines in `bytes` (the first is cut unless `whole`), blank ones left out. */
function lineSpans(bytes: Buffer, whole: boolean): Span[] {
  const spans: Span[] = [];
  let start = 0;
  if (!whole) {
    const first = bytes.indexOf(0x0a);
    if (first < 0) return spans;
    start = first + 1;
  }
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    if (end > start) spans.push({ start, end });
    start = end + 1;
  }
  return spans;
}

/** A line's record, loosely (only the fields read above are used), or undefined when damaged. */
function readLine(bytes: Buffer, { start, end }: Span): Loose | undefined {
  try {
    const seal = checkSeal(bytes, start, end);
    const value: unknown =
      seal === 'sealed' ? parseUnsealed(bytes, start, end) : seal === 'legacy' ? JSON.parse(bytes.toString('utf8', start, end)) : undefined;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined;
  } catch {
    return undefined;
  }
}
