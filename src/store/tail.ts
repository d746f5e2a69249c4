/**
 * The end of a session log read on its own, for a resume's first frame: the start record, the
 * last turns of the active branch (with their swipes, regenerates and forks applied) and the
 * story-wide records (openings, samplers, notes, the system prompt, pins), without parsing the
 * turns in between. It vouches only for what it is sure of: any line it needs that is unsealed
 * (an old log), damaged or of a doubtful shape, a torn end, a type it does not know, or an active
 * leaf it cannot place gives undefined, and the caller waits for the careful load (load.ts), which
 * stays the source of truth for everything else (the lines in between are checked there).
 */
import type { Turn } from '../engine/types.js';
import type { SessionRecord, SessionStartRecord, TurnRecord } from '../engine/session/records.js';
import { ROOT, SessionTree, type TurnNode } from '../engine/session/tree.js';
import { checkSeal, parseUnsealed, SEAL_LENGTH } from './checksum.js';
import { expandRecord } from './compact.js';
import { withEmptyDiagnostics } from './diagnostics.js';
import { certainlyWellShaped, treeProblem } from './fast-shape.js';
import { isBlank } from './parse-log.js';
import { EditBudget, isEdited, resolveEdit, WHOLE_EVERY, type Memory, type StoredMemory } from './summary-form.js';

export interface LogTail {
  start: SessionStartRecord;
  /** Records that hold for the whole story wherever they are (openings, samplers, notes, the system prompt, pins), in file order. */
  storyWide: SessionRecord[];
  /** The active branch's latest turns, oldest first, as the careful load would show them. */
  turns: Turn[];
  /** The same turns as records to restore a session from: the first hung from the opening, each with its swipes applied. */
  records: TurnRecord[];
  /** Turns of the active branch before `turns` (0 when `turns` reaches the opening). */
  earlier: number;
}

/** Whether the turns found so far are enough (the caller knows how many its screen shows). */
export type TailEnough = (turns: readonly Turn[]) => boolean;

/** Records whose effect is story-wide, read wherever they are in the log. */
const STORY_WIDE = new Set(['opening', 'samplers', 'note', 'system-prompt', 'memory']);
/** Records that touch only the nodes they name (written after them), so older ones cannot change the latest turns. */
const NODE_LOCAL = new Set(['turn', 'candidate', 'choose', 'regenerate', 'rewind', 'branch', 'edit']);

const TYPE_KEY = Buffer.from('"type":"');

/** The record type of a sealed line from its bytes (the type is a record's first field), or undefined. */
function peekType(bytes: Buffer, start: number, end: number): string | undefined {
  const at = start + SEAL_LENGTH;
  if (end - at < TYPE_KEY.length + 2) return undefined;
  for (let i = 0; i < TYPE_KEY.length; i++) if (bytes[at + i] !== TYPE_KEY[i]) return undefined;
  const from = at + TYPE_KEY.length;
  const close = bytes.indexOf(0x22, from);
  if (close < 0 || close > from + 20 || close >= end) return undefined;
  return bytes.toString('latin1', from, close);
}

/** One line as the careful reader would take it, or undefined when it could not vouch for it. */
function readRecord(bytes: Buffer, start: number, end: number): SessionRecord | undefined {
  if (checkSeal(bytes, start, end) !== 'sealed') return undefined;
  let value: unknown;
  try {
    value = parseUnsealed(bytes, start, end);
  } catch {
    return undefined;
  }
  if (!certainlyWellShaped(value) || treeProblem(value as { type: string })) return undefined;
  const record = expandRecord(value as SessionRecord);
  withEmptyDiagnostics(record);
  return record;
}

/**
 * Reads the log's end as described above; `enough` says when the active branch's turns found
 * cover what the first frame shows. Undefined whenever the careful load must decide. The tail
 * starts at `firstSize` records and doubles until it is enough.
 */
export function readLogTail(bytes: Buffer, enough: TailEnough, firstSize = 128): LogTail | undefined {
  // A log that does not end with a line break was cut mid-write: the careful load warns of it.
  if (bytes.length === 0 || bytes[bytes.length - 1] !== 0x0a) return undefined;
  const spans: Array<{ start: number; end: number; type: string }> = [];
  for (let start = 0; start < bytes.length;) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    if (!isBlank(bytes, start, end)) {
      const type = peekType(bytes, start, end);
      if (type === undefined || (!STORY_WIDE.has(type) && !NODE_LOCAL.has(type) && !(spans.length === 0 && type === 'session-start')))
        return undefined;
      spans.push({ start, end, type });
    }
    start = end + 1;
  }
  const first = spans[0];
  if (!first || first.type !== 'session-start') return undefined;
  const start = readRecord(bytes, first.start, first.end);
  if (!start || start.type !== 'session-start') return undefined;

  const parsed = new Map<number, SessionRecord>();
  const recordAt = (i: number): SessionRecord | undefined => {
    let record = parsed.get(i);
    if (!record) {
      record = readRecord(bytes, spans[i].start, spans[i].end);
      if (record) parsed.set(i, record);
    }
    return record;
  };
  // The story-wide records from anywhere before the tail; the tail's own are taken in its pass.
  const wideBefore: number[] = [];
  for (let i = 1; i < spans.length; i++) if (STORY_WIDE.has(spans[i].type)) wideBefore.push(i);

  // The tail grows until the active branch's turns in it are enough (or reach the opening).
  for (let size = Math.max(1, firstSize); ; size *= 2) {
    const from = Math.max(1, spans.length - size);
    const tail = replayTail(from, spans.length, recordAt);
    if (tail === 'unsure') return undefined;
    if (tail) {
      const { path, reachesOpening } = tail;
      if (!resolvePathSummaries(path, bytes, spans, from, recordAt)) return undefined;
      const turns = path.map(SessionTree.toTurn);
      if (reachesOpening || enough(turns)) {
        const storyWide: SessionRecord[] = [];
        for (const i of wideBefore) {
          const record = recordAt(i);
          if (!record) return undefined;
          storyWide.push(record);
        }
        return { start, storyWide, turns, records: path.map(turnRecordOf), earlier: reachesOpening ? 0 : (turns[0]?.number ?? 1) - 1 };
      }
    }
    if (from === 1) return undefined;
  }
}

/**
 * Records [from, to) applied to a tree of their own: the active branch's turns found in them,
 * whether they reach the opening, 'unsure' when a line cannot be vouched for, or undefined when
 * the active leaf lies before `from` (a larger tail may find it).
 */
function replayTail(
  from: number,
  to: number,
  recordAt: (i: number) => SessionRecord | undefined,
): { path: TurnNode[]; reachesOpening: boolean } | 'unsure' | undefined {
  const tree = new SessionTree();
  // The leaf is the opening when the tail is the whole log; otherwise unknown until a record in it moves it.
  let leafKnown = from === 1;
  for (let i = from; i < to; i++) {
    const record = recordAt(i);
    if (!record) return 'unsure';
    if (record.type === 'session-start') return 'unsure';
    tree.apply(record);
    const target = leafTarget(record);
    // A move to a node this tail does not hold (or a fork of one) leaves the leaf where it was.
    if (target !== undefined) leafKnown = tree.activeLeaf === target;
  }
  if (!leafKnown) return undefined;
  if (tree.activeLeaf === ROOT) return { path: [], reachesOpening: true };
  const nodes: TurnNode[] = tree.branch();
  if (nodes.length === 0) return undefined;
  const root = nodes[0].parentId;
  // Numbers must count the turns (the careful load's replay says the same of a well-formed log).
  for (let k = 1; k < nodes.length; k++) if (nodes[k].number !== nodes[k - 1].number + 1) return 'unsure';
  const reachesOpening = root === null || root === ROOT;
  if (reachesOpening && nodes[0].number !== 1) return 'unsure';
  return { path: nodes, reachesOpening };
}

/**
 * Resolves, in place, the summaries of the path's turns stored as edits of their parent's
 * (summary-form.ts): along the path, then for the first turn back through the log before the
 * tail, at most a chain's length. False when any cannot be (the careful load decides then), and
 * when they would make more text than the careful load allows the whole log (`EditBudget`): a
 * long chain of edits each keeping all of a long parent would otherwise make gigabytes here first.
 */
function resolvePathSummaries(
  path: TurnNode[],
  bytes: Buffer,
  spans: ReadonlyArray<{ start: number; end: number; type: string }>,
  from: number,
  recordAt: (i: number) => SessionRecord | undefined,
): boolean {
  const budget = new EditBudget();
  let parent: Memory | undefined;
  for (let k = 0; k < path.length; k++) {
    const node = path[k];
    const stored = node.memory as StoredMemory;
    if (isEdited(stored)) {
      const base = k > 0 ? parent : summaryBefore(node.parentId, bytes, spans, spans[from].start, recordAt, budget);
      const made = resolveEdit(base, stored, budget);
      if (!made) return false;
      node.memory = made;
    } else budget.earn(stored.summary.length);
    parent = node.memory;
  }
  return true;
}

/**
 * The resolved summary of turn `nodeId` as the log defines it last before byte `before`, or
 * undefined when it cannot be found within a chain's length or does not resolve.
 */
function summaryBefore(
  nodeId: string | null,
  bytes: Buffer,
  spans: ReadonlyArray<{ start: number; end: number; type: string }>,
  before: number,
  recordAt: (i: number) => SessionRecord | undefined,
  budget: EditBudget,
  depth = 0,
): Memory | undefined {
  if (nodeId === null || nodeId === ROOT || depth >= WHOLE_EVERY) return undefined;
  // A record's node id is written as this field, and never so inside a string (its quotes are escaped).
  const needle = Buffer.from(`"nodeId":${JSON.stringify(nodeId)}`);
  for (let at = bytes.lastIndexOf(needle, before - 1), tries = 0; at >= 0 && tries < 64; at = bytes.lastIndexOf(needle, at - 1), tries++) {
    const i = spanAt(spans, at);
    if (i <= 0 || spans[i].type !== 'turn') continue;
    const record = recordAt(i);
    if (record?.type !== 'turn' || record.nodeId !== nodeId) return undefined;
    const stored = record.memory as StoredMemory;
    if (!isEdited(stored)) {
      budget.earn(stored.summary.length);
      return stored;
    }
    return resolveEdit(summaryBefore(record.parentId, bytes, spans, spans[i].start, recordAt, budget, depth + 1), stored, budget);
  }
  return undefined;
}

/** The index of the span holding byte `at`. */
function spanAt(spans: ReadonlyArray<{ start: number; end: number }>, at: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Where a record moves the active leaf, if it does. */
function leafTarget(record: SessionRecord): string | undefined {
  switch (record.type) {
    case 'turn':
      return record.nodeId;
    case 'rewind':
    case 'branch':
      return record.leafId;
    case 'candidate':
    case 'choose':
      return record.forkId;
    default:
      return undefined;
  }
}

/** A node as the turn record that would make it, its parent cut off when it is the tail's first. */
function turnRecordOf(node: TurnNode, k: number): TurnRecord {
  const { id, createdAt, updatedAt: _updated, children: _children, picked: _picked, ...rest } = node;
  return { type: 'turn', at: createdAt, nodeId: id, ...rest, parentId: k === 0 ? null : rest.parentId };
}

/** The start record from a log's first line, when that line is sealed and well shaped. */
export function readLogStart(bytes: Buffer): SessionStartRecord | undefined {
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    if (!isBlank(bytes, start, end)) {
      const record = newline < 0 ? undefined : readRecord(bytes, start, end);
      return record?.type === 'session-start' ? record : undefined;
    }
    start = end + 1;
  }
  return undefined;
}
