/**
 * Reads a session's log without ever writing to it. Every line is checked (its checksum, when it
 * has one, then the record's shape); a line that fails is skipped and named with what it held, and
 * the records around it are kept: turns whose parent is lost are re-attached (mend.ts), a damaged
 * start record is rebuilt from what is left of it (salvage.ts). A torn last line (a crash mid-write)
 * is skipped with a warning. Only a file whose start cannot be made out at all fails to load.
 */
import { open, readFile } from 'node:fs/promises';
import type { SessionRecord, SessionStartRecord } from '../engine/session/records.js';
import { checkSeal, parseUnsealed } from './checksum.js';
import { expandRecord } from './compact.js';
import {
  attachDiagnostics,
  diagnosticsPath,
  isDiagnosticsRecord,
  lacksDiagnostics,
  withEmptyDiagnostics,
  type DiagnosticsRecord,
} from './diagnostics.js';
import { mendRecords, turnName, type Numbered } from './mend.js';
import { describeDamaged, salvageStart, type Doubtful, type LostHint } from './salvage.js';
import { shapeProblem } from './schema.js';
import { sessionPath } from './session-file.js';
import { SessionLoadError } from './load-error.js';

/** One thing found wrong while loading, and what was done about it. */
export interface LoadProblem {
  line: number;
  kind: 'torn' | 'damaged' | 'shape' | 'start' | 'joined' | 'reattached' | 'renamed' | 'dropped';
  /** One sentence. */
  message: string;
}

export interface LoadedSession {
  id: string;
  path: string;
  start: SessionStartRecord;
  records: SessionRecord[];
  /** One sentence per problem found (torn, damaged or wrong-shaped lines, re-attached turns). */
  warnings: string[];
  problems: LoadProblem[];
  /** Lines read, blank ones aside. */
  lines: number;
  /** Lines read that carry no checksum (written before checksums). */
  unsealed: number;
  /**
   * Attaches the diagnostics a resume left for later (all but the latest turns'), in place;
   * resolves at once when every record has its own. Call it once the screen is up.
   */
  attachRemaining: () => Promise<void>;
}

export interface LoadOptions {
  /**
   * `all` (the default): every record's diagnostics are attached before the load resolves.
   * `latest`: only the latest turns' (the end of the side file); `attachRemaining` does the rest.
   * `none`: the side file is not read (what the log alone holds: the story, the beat, the pacing
   * score and the prompt's size; `sessions show`).
   */
  diagnostics?: 'all' | 'latest' | 'none';
}

/** How much of the side file's end a resume reads at once: the last ~60 turns' diagnostics. */
const LATEST_BYTES = 256 * 1024;

export interface ParsedLog {
  records: SessionRecord[];
  warnings: string[];
  problems: LoadProblem[];
  lines: number;
  unsealed: number;
}

/** Parses a log's text into records and warnings. */
export function parseSessionLog(text: string, label: string, id?: string): ParsedLog {
  return parseSessionBytes(Buffer.from(text, 'utf8'), label, id);
}

interface Damaged {
  line: number;
  reason: string;
  kind: 'damaged' | 'shape' | 'torn';
  hint: LostHint;
  /** The start of the file: rebuilt if it can be. */
  text?: string;
}

const OPENERS = [Buffer.from('{"crc":"'), Buffer.from('{"type":"')];

/**
 * Parses a log's bytes line by line. Each line is decoded on its own, so a long session never
 * becomes one giant string (decoding and splitting that cost more than parsing the records).
 * `id` (the file's session id) lets a damaged start record be rebuilt.
 */
export function parseSessionBytes(bytes: Buffer, label: string, id?: string): ParsedLog;
export function parseSessionBytes(
  bytes: Buffer,
  label: string,
  id: string | undefined,
  collectLacking: true,
): ParsedLog & { lacking: SessionRecord[] };
export function parseSessionBytes(
  bytes: Buffer,
  label: string,
  id?: string,
  collectLacking = false,
): ParsedLog & { lacking?: SessionRecord[] } {
  const spans: Array<{ line: number; start: number; end: number; last: boolean }> = [];
  let sealed = false;
  for (let start = 0, line = 1; start < bytes.length; line++) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    if (!isBlank(bytes, start, end)) spans.push({ line, start, end, last: newline < 0 });
    if (!sealed && end - start > 8 && bytes[start + 2] === 0x63 && checkSeal(bytes, start, end) === 'sealed') sealed = true;
    start = end + 1;
  }
  const entries: Numbered[] = [];
  const damaged: Damaged[] = [];
  let unsealed = 0;
  const joined: LoadProblem[] = [];
  for (const span of spans) {
    const read = readSpan(bytes, span.start, span.end, sealed);
    if ('value' in read) {
      if (read.legacy) unsealed++;
      accept(span.line, read.value, entries, damaged, bytes, span);
      continue;
    }
    // A lost newline joins two records (or leaves a stray byte after one): each piece that checks out is still a record.
    const pieces = splitJoined(bytes, span.start, span.end, sealed);
    if (pieces.length > 0) {
      for (const piece of pieces) accept(span.line, piece, entries, damaged, bytes, span);
      joined.push({
        line: span.line,
        kind: 'joined',
        message: `Line ${span.line} of ${label} ${pieces.length > 1 ? `holds ${pieces.length} records run together (a lost line break)` : 'has stray bytes after its record'}; ${pieces.length > 1 ? 'each was read on its own' : 'the record was read'} and nothing is lost.`,
      });
      continue;
    }
    const text = bytes.toString('utf8', span.start, Math.min(span.end, span.start + 8192));
    damaged.push({
      line: span.line,
      reason: read.reason,
      kind: span.last ? 'torn' : 'damaged',
      hint: describeDamaged(text),
      ...(span.line === spans[0]?.line ? { text: bytes.toString('utf8', span.start, span.end) } : {}),
    });
  }
  const parsed = assemble(entries, damaged, label, id, spans.length);
  // Every record gets the full shape (a split log's diagnostics are attached to these objects later).
  const lacking = collectLacking ? parsed.records.filter(lacksDiagnostics) : undefined;
  for (const record of parsed.records) withEmptyDiagnostics(record);
  if (joined.length > 0) {
    parsed.problems = [...joined, ...parsed.problems].sort((a, b) => a.line - b.line);
    parsed.warnings = parsed.problems.map((p) => p.message);
  }
  return { ...parsed, unsealed, ...(lacking ? { lacking } : {}) };
}

function isBlank(bytes: Buffer, start: number, end: number): boolean {
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

function accept(
  line: number,
  value: unknown,
  entries: Numbered[],
  damaged: Damaged[],
  bytes: Buffer,
  span: { start: number; end: number; last: boolean },
): void {
  const problem = shapeProblem(value);
  if (problem) {
    damaged.push({
      line,
      reason: problem,
      kind: 'shape',
      hint: hintOf(value),
      ...(entries.length === 0 && damaged.length === 0 ? { text: bytes.toString('utf8', span.start, span.end) } : {}),
    });
    return;
  }
  entries.push({ line, record: expandRecord(value as SessionRecord) });
}

/**
 * Side records in bytes [from, end) of a side file; a line cut by `from`, a torn last line and
 * lines that fail their checksum are skipped (they hold diagnostics only).
 */
export function parseDiagnostics(bytes: Buffer, from = 0): { records: DiagnosticsRecord[]; unreadable: number } {
  const records: DiagnosticsRecord[] = [];
  let unreadable = 0;
  let start = from;
  if (from > 0) {
    const newline = bytes.indexOf(0x0a, from - 1);
    start = newline < 0 ? bytes.length : newline + 1;
  }
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    if (!isBlank(bytes, start, end)) {
      let value: unknown;
      if (checkSeal(bytes, start, end) === 'sealed') {
        try {
          value = parseUnsealed(bytes, start, end);
        } catch {
          value = undefined;
        }
      }
      if (isDiagnosticsRecord(value)) records.push(value);
      else unreadable++;
    }
    start = end + 1;
  }
  return { records, unreadable };
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

/** Loads session `id` from the data folder, with its diagnostics from the side file. */
export async function loadSession(id: string, dir?: string, options: LoadOptions = {}): Promise<LoadedSession> {
  const path = sessionPath(id, dir);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SessionLoadError(
      code === 'ENOENT'
        ? `There is no session "${id}"; see \`skald sessions list\`.`
        : `Session "${id}" could not be read (${code ?? String(error)}).`,
    );
  }
  const { records, warnings, problems, lines, unsealed, lacking } = parseWithLacking(bytes, `session ${id}`, id);
  const start = records[0];
  if (!start || start.type !== 'session-start') {
    throw new SessionLoadError(
      `Session "${id}" cannot be loaded: its first record is missing or unreadable. The file was left untouched at ${path}.`,
    );
  }
  let attachRemaining = async () => undefined as void;
  if (lacking.length > 0 && options.diagnostics !== 'none') {
    const side = diagnosticsPath(path);
    if (options.diagnostics === 'latest') {
      const tail = await readTail(side, LATEST_BYTES);
      if (tail) attachDiagnostics(lacking, parseDiagnostics(tail.bytes, tail.cut ? 1 : 0).records);
      if (!tail || tail.cut) {
        let done: Promise<void> | undefined;
        attachRemaining = () =>
          (done ??= readFile(side).then(
            (all) => void attachDiagnostics(lacking, parseDiagnostics(all).records),
            () => undefined,
          ));
      }
    } else {
      const all = await readFile(side).catch(() => undefined);
      const parsed = all ? parseDiagnostics(all) : { records: [], unreadable: 0 };
      const missing = lacking.length - attachDiagnostics(lacking, parsed.records);
      if (missing > 0) {
        const message = `${missing} record${missing === 1 ? '' : 's'} of session ${id} ${missing === 1 ? 'has' : 'have'} no diagnostics (${all ? `${parsed.unreadable} line${parsed.unreadable === 1 ? '' : 's'} of its side file ${parsed.unreadable === 1 ? 'is' : 'are'} unreadable` : 'its side file is missing'}); the story is intact, the debug pane shows nothing for ${missing === 1 ? 'it' : 'them'}.`;
        problems.push({ line: 0, kind: 'damaged', message });
        warnings.push(message);
      }
    }
  }
  return { id, path, start, records, warnings, problems, lines, unsealed, attachRemaining };
}

function parseWithLacking(bytes: Buffer, label: string, id: string): ParsedLog & { lacking: SessionRecord[] } {
  return parseSessionBytes(bytes, label, id, true);
}

/**
 * The last `size` bytes of a file, with the byte before them when the file is longer (`cut`: the
 * first line may be partial, and that byte says whether it is); undefined when it cannot be read.
 */
async function readTail(path: string, size: number): Promise<{ bytes: Buffer; cut: boolean } | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
    const total = (await handle.stat()).size;
    const from = Math.max(0, total - size - 1);
    const bytes = Buffer.alloc(total - from);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, from);
    return { bytes: bytes.subarray(0, bytesRead), cut: from > 0 };
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
