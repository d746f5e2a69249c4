/**
 * Reads a session log's bytes into records and warnings, in two passes so that zod is loaded only
 * when needed: the first checks each line's checksum, parses it and asks the quick shape check
 * (fast-shape.ts), which vouches for every record of a well-shaped log; the second gives the
 * verdicts, asking the schema (schema.ts, with zod) only about the records the first doubted.
 * A line that fails is skipped and named with what it held, and the records around it are kept:
 * turns whose parent is lost are re-attached (mend.ts), a damaged start record is rebuilt from
 * what is left of it (salvage.ts). A torn last line (a crash mid-write) is skipped with a warning.
 */
import type { SessionRecord, SessionStartRecord } from '../engine/session/records.js';
import { checkSeal, parseUnsealed } from './checksum.js';
import { expandRecord } from './compact.js';
import { lacksDiagnostics, withEmptyDiagnostics } from './diagnostics.js';
import { certainlyWellShaped, treeProblem } from './fast-shape.js';
import { mendRecords, turnName, type Numbered } from './mend.js';
import { describeDamaged, salvageStart, type Doubtful, type LostHint } from './salvage.js';
import { resolveSummaries } from './summary-form.js';

/** One thing found wrong while loading, and what was done about it. */
export interface LoadProblem {
  line: number;
  kind: 'torn' | 'damaged' | 'shape' | 'start' | 'joined' | 'reattached' | 'renamed' | 'dropped' | 'summary' | 'raw';
  /** One sentence. */
  message: string;
}

export interface ParsedLog {
  records: SessionRecord[];
  warnings: string[];
  problems: LoadProblem[];
  lines: number;
  unsealed: number;
}

/** The schema's verdict on one record: undefined when it has a record's shape, else what is wrong (schema.ts's `schemaProblem`). */
export type SchemaJudge = (value: unknown) => string | undefined;

interface Damaged {
  line: number;
  reason: string;
  kind: 'damaged' | 'shape' | 'torn';
  hint: LostHint;
  /** The start of the file: rebuilt if it can be. */
  text?: string;
}

const OPENERS = [Buffer.from('{"crc":"'), Buffer.from('{"type":"')];

/** A record the quick check doubted, for the schema to judge. */
interface Pending {
  line: number;
  value: unknown;
  /** Its line's bytes, quoted if it is the first record and is refused (a start record to rebuild). */
  start: number;
  end: number;
}

/** A log's lines after the first pass, in order: each record accepted, refused, or left for the schema. */
export interface LogRead {
  items: Array<Numbered | Damaged | Pending>;
  /** Lines that held records run together, or one with stray bytes after it: how many records each held. */
  joined: Array<{ line: number; pieces: number }>;
  unsealed: number;
  lines: number;
  /** Some record the quick check could not vouch for: `finishLog` needs the schema. */
  doubtful: boolean;
  /** The line of each candidate whose raw form could not be rebuilt (compact.ts); `finishLog` adds to it. */
  rawLost: number[];
}

/**
 * The first pass over a log's bytes: checksums, `JSON.parse` and the quick shape check, line by
 * line. Each line is decoded on its own, so a long session never becomes one giant string
 * (decoding and splitting that cost more than parsing the records).
 */
export function readLog(bytes: Buffer): LogRead {
  const spans: Array<{ line: number; start: number; end: number; last: boolean }> = [];
  let sealed = false;
  for (let start = 0, line = 1; start < bytes.length; line++) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    if (!isBlank(bytes, start, end)) spans.push({ line, start, end, last: newline < 0 });
    if (!sealed && end - start > 8 && bytes[start + 2] === 0x63 && checkSeal(bytes, start, end) === 'sealed') sealed = true;
    start = end + 1;
  }
  const items: LogRead['items'] = [];
  let unsealed = 0;
  let doubtful = false;
  const joined: LogRead['joined'] = [];
  const rawLost: number[] = [];
  const take = (line: number, value: unknown, span: { start: number; end: number }) => {
    if (!certainlyWellShaped(value)) {
      doubtful = true;
      items.push({ line, value, start: span.start, end: span.end });
      return;
    }
    const problem = treeProblem(value as { type: string });
    if (problem)
      items.push(wrongShape(line, value, problem, items.length === 0 ? bytes.toString('utf8', span.start, span.end) : undefined));
    else items.push({ line, record: expandRecord(value as SessionRecord, () => rawLost.push(line)) });
  };
  for (const span of spans) {
    const read = readSpan(bytes, span.start, span.end, sealed);
    if ('value' in read) {
      if (read.legacy) unsealed++;
      take(span.line, read.value, span);
      continue;
    }
    // A lost newline joins two records (or leaves a stray byte after one): each piece that checks out is still a record.
    const pieces = splitJoined(bytes, span.start, span.end, sealed);
    if (pieces.length > 0) {
      for (const piece of pieces) take(span.line, piece, span);
      joined.push({ line: span.line, pieces: pieces.length });
      continue;
    }
    const text = bytes.toString('utf8', span.start, Math.min(span.end, span.start + 8192));
    items.push({
      line: span.line,
      reason: read.reason,
      kind: span.last ? 'torn' : 'damaged',
      hint: describeDamaged(text),
      ...(span.line === spans[0]?.line ? { text: bytes.toString('utf8', span.start, span.end) } : {}),
    });
  }
  return { items, joined, unsealed, lines: spans.length, doubtful, rawLost };
}

/** A record refused for its shape; `text`, the line, when it is the first (a start record may be rebuilt from it). */
function wrongShape(line: number, value: unknown, reason: string, text: string | undefined): Damaged {
  return { line, reason, kind: 'shape', hint: hintOf(value), ...(text !== undefined ? { text } : {}) };
}

const noSchema: SchemaJudge = () => {
  throw new Error('finishLog was given a doubtful record and no schema to judge it');
};

/**
 * The second pass: the schema's verdict on each record the quick check doubted (`judge` is needed
 * when `read.doubtful`), then the tree mended and the warnings written. `id` (the file's
 * session id) lets a damaged start record be rebuilt; `collectLacking` lists the records whose
 * diagnostics are in the side file.
 */
export function finishLog(
  read: LogRead,
  bytes: Buffer,
  label: string,
  id: string | undefined,
  judge: SchemaJudge | undefined,
  collectLacking = false,
): ParsedLog & { lacking?: SessionRecord[] } {
  const entries: Numbered[] = [];
  const damaged: Damaged[] = [];
  for (let i = 0; i < read.items.length; i++) {
    const item = read.items[i];
    if ('record' in item) entries.push(item);
    else if ('kind' in item) damaged.push(item);
    else {
      const problem = (judge ?? noSchema)(item.value) ?? treeProblem(item.value as { type: string });
      if (problem)
        damaged.push(wrongShape(item.line, item.value, problem, i === 0 ? bytes.toString('utf8', item.start, item.end) : undefined));
      else entries.push({ line: item.line, record: expandRecord(item.value as SessionRecord, () => read.rawLost.push(item.line)) });
    }
  }
  const parsed = assemble(entries, damaged, label, id, read.lines);
  // Every record gets the full shape (a split log's diagnostics are attached to these objects later).
  const lacking = collectLacking ? parsed.records.filter(lacksDiagnostics) : undefined;
  for (const record of parsed.records) withEmptyDiagnostics(record);
  const lost = rawLostProblem(read.rawLost, label);
  if (lost) {
    parsed.problems = [...parsed.problems, lost].sort((a, b) => a.line - b.line);
    parsed.warnings = parsed.problems.map((p) => p.message);
  }
  if (read.joined.length > 0) {
    const joined = read.joined.map(({ line, pieces }): LoadProblem => ({
      line,
      kind: 'joined',
      message: `Line ${line} of ${label} ${pieces > 1 ? `holds ${pieces} records run together (a lost line break)` : 'has stray bytes after its record'}; ${pieces > 1 ? 'each was read on its own' : 'the record was read'} and nothing is lost.`,
    }));
    parsed.problems = [...joined, ...parsed.problems].sort((a, b) => a.line - b.line);
    parsed.warnings = parsed.problems.map((p) => p.message);
  }
  return { ...parsed, unsealed: read.unsealed, ...(lacking ? { lacking } : {}) };
}

/**
 * One problem for every candidate whose raw form could not be rebuilt: a hand-made or miswritten
 * `rawEdit` (slices out of order or outside the text). The story's text stands; only the reply as
 * the model sent it before repairs (the debug pane's "raw") is lost.
 */
function rawLostProblem(lines: readonly number[], label: string): LoadProblem | undefined {
  if (lines.length === 0) return undefined;
  const first = lines.reduce((a, b) => Math.min(a, b));
  const n = lines.length;
  const which = n === 1 ? `one reply (line ${first})` : `${n} replies (the first on line ${first})`;
  return {
    line: first,
    kind: 'raw',
    message: `In ${label}, the text the model first sent for ${which} could not be rebuilt from its saved repairs; the story's text is kept, only that first version is lost.`,
  };
}

/** Whether bytes [start, end) are only spaces, tabs and carriage returns. */
export function isBlank(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] !== 0x20 && bytes[i] !== 0x09 && bytes[i] !== 0x0d) return false;
  return true;
}

type Read = { value: unknown; legacy: boolean } | { reason: string };

/** One line's value, or why it cannot be trusted. */
function readSpan(bytes: Buffer, start: number, end: number, sealed: boolean): Read {
  const seal = checkSeal(bytes, start, end);
  if (seal === 'mismatch') return { reason: 'its checksum does not match' };
  // In a file written with checksums, a line without one is a damaged one.
  if (seal === 'other' && sealed) return { reason: 'it is not a record' };
  try {
    return {
      value: seal === 'sealed' ? parseUnsealed(bytes, start, end) : JSON.parse(bytes.toString('utf8', start, end)),
      legacy: seal !== 'sealed',
    };
  } catch {
    return { reason: 'it is not valid JSON' };
  }
}

/** The records in a line that is two or more records run together, each checked on its own. */
function splitJoined(bytes: Buffer, start: number, end: number, sealed: boolean): unknown[] {
  const cuts: number[] = [];
  for (const opener of OPENERS) {
    for (let at = bytes.indexOf(opener, start + 1); at >= 0 && at < end; at = bytes.indexOf(opener, at + 1)) cuts.push(at);
  }
  // No second record inside, and nothing after the closing brace to cut away: simply damaged.
  if (cuts.length === 0 && bytes[end - 1] === 0x7d) return [];
  cuts.sort((a, b) => a - b);
  const bounds = [start, ...cuts, end];
  const values: unknown[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    // What replaced the lost newline sits after the record's closing brace.
    let pieceEnd = bounds[i + 1];
    while (pieceEnd > bounds[i] && bytes[pieceEnd - 1] !== 0x7d) pieceEnd--;
    const read = readSpan(bytes, bounds[i], pieceEnd, sealed);
    if ('value' in read) values.push(read.value);
  }
  // Only a split that recovered every piece but at most one damaged one is a join; else the line is just damaged.
  return values.length >= bounds.length - 2 && values.length > 0 ? values : [];
}

function hintOf(value: unknown): LostHint {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const input = v.input as { text?: unknown } | null | undefined;
  return {
    ...(typeof v.type === 'string' ? { type: v.type } : {}),
    ...(typeof v.nodeId === 'string' ? { nodeId: v.nodeId } : {}),
    ...(typeof v.number === 'number' ? { number: v.number } : {}),
    ...(input && typeof input === 'object' && typeof input.text === 'string' ? { input: input.text } : {}),
  };
}

function assemble(
  entries: Numbered[],
  damaged: Damaged[],
  label: string,
  id: string | undefined,
  lines: number,
): Omit<ParsedLog, 'unsealed'> {
  const problems: LoadProblem[] = [];
  let start: SessionStartRecord | undefined;
  let rest = entries;
  const first = Math.min(entries[0]?.line ?? Infinity, damaged[0]?.line ?? Infinity);
  if (entries[0]?.line === first && entries[0].record.type === 'session-start') {
    start = entries[0].record;
    rest = entries.slice(1);
  } else if (damaged[0]?.line === first && damaged[0].text !== undefined && id !== undefined) {
    const bad = damaged[0];
    damaged.shift();
    const salvaged = salvageStart(bad.text ?? '', id, bad.kind === 'shape');
    if (salvaged) {
      start = salvaged.start;
      const lost =
        salvaged.unreadable.length === 0
          ? 'though one of its settings may be wrong'
          : `but its ${list(salvaged.unreadable)} could not be read and ${salvaged.unreadable.length === 1 ? 'was' : 'were'} given defaults`;
      const doubt = bad.kind === 'shape' ? '' : doubtfulSentence(salvaged.doubtful, id);
      problems.push({
        line: bad.line,
        kind: 'start',
        message: `The start record of ${label} (line ${bad.line}) is damaged (${bad.reason}); it was rebuilt from what is left and the turns after it are kept, ${lost}.${doubt}`,
      });
    } else {
      damaged.unshift(bad);
    }
  }
  const mended = mendRecords(rest.filter((e) => e.record.type !== 'session-start'));
  // Summaries stored as edits of their parent's are resolved on the mended tree (summary-form.ts).
  const summaryNotes = resolveSummaries(mended.entries);
  // What each surviving node was, to say what a damaged line about it held.
  const turns = new Map<string, { number: number; input: string; line: number }>();
  if (damaged.length > 0)
    for (const { line, record } of mended.entries)
      if (record.type === 'turn') turns.set(record.nodeId, { number: record.number, input: record.input.text, line });
  for (const bad of damaged) {
    if (bad.kind === 'torn') {
      problems.push({
        line: bad.line,
        kind: 'torn',
        message: `The last line of ${label} was cut off (probably a crash while saving); it was skipped and everything before it kept.`,
      });
    } else {
      const what = bad.kind === 'shape' ? `has a record of the wrong shape (${bad.reason})` : `is unreadable (${bad.reason})`;
      problems.push({
        line: bad.line,
        kind: bad.kind,
        message: `Line ${bad.line} of ${label} ${what} and was skipped; ${lostPhrase(bad, turns)}.`,
      });
    }
  }
  for (const note of mended.notes) problems.push({ line: note.line, kind: note.kind, message: `In ${label}, ${note.message}.` });
  for (const note of summaryNotes) problems.push({ line: note.line, kind: 'summary', message: `In ${label}, ${note.message}.` });
  problems.sort((a, b) => a.line - b.line);
  const records: SessionRecord[] = start ? [start, ...mended.entries.map((e) => e.record)] : mended.entries.map((e) => e.record);
  return { records, warnings: problems.map((p) => p.message), problems, lines };
}

function lostPhrase(bad: Damaged, turns: Map<string, { number: number; input: string; line: number }>): string {
  const { type, nodeId, number, input } = bad.hint;
  const known = nodeId !== undefined ? turns.get(nodeId) : undefined;
  const at = known ? ` at ${turnName(known.number, known.input)}` : '';
  switch (type) {
    case 'turn':
      if (known && known.line > bad.line)
        return `it was an earlier try at ${turnName(known.number, known.input)}, saved again on line ${known.line}, so nothing is lost`;
      return number === undefined && input === undefined ? 'a turn is lost' : `${turnName(number, input)} is lost`;
    case 'candidate':
      return `a regenerated reply${at} is lost`;
    case 'choose':
      return `a swipe${at} is lost (another reply may show there)`;
    case 'regenerate':
      return 'it only marked a reply as swiped away, so no story text is lost';
    case 'rewind':
      return 'an undo is lost';
    case 'branch':
      return 'a switch of branch is lost';
    case 'edit':
      return 'an edit of a player line is lost';
    case 'memory':
      return 'a pinned or forgotten fact is lost';
    case 'opening':
      return 'the choice of another opening is lost (the story starts from its first one)';
    case 'note':
      return "a change of the author's note is lost (an earlier note may hold)";
    case 'system-prompt':
      return "a change of the story's system prompt is lost (an earlier one may hold)";
    case 'samplers':
      return 'a /set change of the samplers is lost';
    case 'session-start':
      return 'it was a second start record, so no story is lost';
    default:
      return 'what it held cannot be told';
  }
}

/** What a player does about a world and opening read from a damaged start record. */
function doubtfulSentence(doubtful: Doubtful, id: string | undefined): string {
  const read = [
    doubtful.world !== undefined ? `world "${doubtful.world}"` : '',
    doubtful.opening !== undefined ? `opening "${doubtful.opening}"` : '',
  ].filter(Boolean);
  const reads = read.length > 0 ? ` (it reads ${read.join(' and ')}, but any letter of it may have changed)` : '';
  return ` Its world and opening cannot be trusted${reads}: name the world to resume it, \`skald play <world> --resume ${id ?? '<id>'}\`; the story starts from that world's first opening.`;
}

function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
