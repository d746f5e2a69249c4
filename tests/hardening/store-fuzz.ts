/**
 * The store fuzz, shared by tests/hardening/damage.test.ts (a few cases, fixed seed) and
 * `npm run fuzz:store` (1,000 cases each): one-byte damage at random offsets of real session files, and
 * records of the wrong shape (re-sealed, so the schema and not the checksum must catch them). Each
 * case loads the file the way `show`, `export` and resume do and counts what went missing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, type SessionDeps } from '../../src/engine/session/index.js';
import type { Random, SessionEvent } from '../../src/engine/types.js';
import { seededRandom } from '../../src/engine/random.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { activeBranch } from '../../src/store/branch.js';
import { sealJson } from '../../src/store/checksum.js';
import { parseSessionBytes } from '../../src/store/parse-session.js';
import { JsonlSessionStore, sessionPath } from '../../src/store/session-file.js';
import { markdown, turnExport } from '../../src/cli/sessions-run.js';
import { turnSummary } from '../../src/cli/sessions-show.js';
import { miniPack } from '../fixtures/mini-pack.js';

export interface RealSession {
  id: string;
  bytes: Buffer;
  deps: Omit<SessionDeps, 'store'>;
}

async function drain(events: AsyncIterable<SessionEvent>): Promise<void> {
  for await (const _ of events) void _;
}

/**
 * A session played for real (offline narrator, the JSONL store): `turns` turns, a swipe every 4th,
 * a regenerate every 7th, a pinned fact at turn 3. With `everyKind`, it also writes each record
 * type a player's commands leave: another opening, an author's note, a system prompt, samplers, an
 * edit, a continued and an edited reply, an undo, a switch of branch, a forgotten fact.
 */
export async function realSession(turns: number, seed: number, everyKind = false): Promise<RealSession> {
  const dir = mkdtempSync(join(tmpdir(), 'skald-fuzz-'));
  let t = Date.UTC(2026, 11, 1);
  const deps = { pack: miniPack(), provider: createOfflineNarrator({ seed }), clock: { now: () => (t += 1000) }, seed, candidates: 2 };
  const store = new JsonlSessionStore({ dir });
  const session = await Session.create({ ...deps, store });
  const lines = [
    'Hello, brother.',
    'Why did the wheel stop?',
    'I ask about the debt.',
    'Where is Ilsa tonight?',
    'I light the lantern and wait.',
    'Tell me about the mill.',
  ];
  if (everyKind) {
    await session.chooseOpening('the-ledger');
    await session.setAuthorsNote({ text: 'Keep the rain in every scene.', depth: 4, every: 1 });
    await session.setSystemPrompt('You narrate a quiet, patient story.');
    await session.setSampler('temperature', '0.9');
  }
  for (let n = 1; n <= turns; n++) {
    await drain(session.play({ text: `${lines[n % lines.length]} (${n})` }));
    if (n % 4 === 0) await session.choose(n, 1);
    if (n % 7 === 0) await drain(session.regenerate());
    if (n === 3) await session.remember('The mill wheel turns at night.');
    if (everyKind && n === 2) await everyOtherKind(session);
  }
  await store.close();
  return { id: session.id, bytes: readFileSync(sessionPath(session.id, dir)), deps };
}

/** The records a long session rarely holds, each written once by the command that writes it. */
async function everyOtherKind(session: Session): Promise<void> {
  await drain(session.edit('I ask about the debt instead.'));
  await drain(session.continueReply());
  await drain(session.editReply('Wren looks at the ledger and says nothing for a long time.'));
  const before = session.tree().find((b) => !b.active)?.leafId;
  await session.undo();
  if (before) await session.switchBranch(before);
  const fact = await session.remember('Ilsa keeps the deed in her parlour.');
  await session.forget(fact.id);
  await session.setAuthorsNote(undefined);
  await session.setSystemPrompt(undefined);
  await session.setSampler('temperature', 'default');
}

/** What a turn says, to tell it apart from a damaged version of itself. */
const content = (t: { input: { text: string }; candidates: Array<{ text: string }> }) =>
  JSON.stringify([t.input.text, t.candidates.map((c) => c.text)]);

export interface Outcome {
  /** Intact turns (their line untouched) missing from the story: must be 0. */
  hidden: number;
  /** Turns whose own line was damaged and that are gone: allowed, and named in a warning. */
  lostDamaged: number;
  /** A turn whose text changed with no warning at all: must be 0. */
  silent: number;
  /** Anything thrown: must be 0. */
  unexpected: string[];
  warned: boolean;
}

interface Baseline {
  /** Turns of the active branch: content by node id. */
  turns: Map<string, string>;
  /** Node id of the turn record on each 0-based line. */
  lineOf: Map<string, number>;
  /** Each turn's rolling summary (resolved: most are stored as edits of their parent's). */
  summaries: Map<string, string>;
}

export function baseline(bytes: Buffer): Baseline {
  const parsed = parseSessionBytes(bytes, 'base', 'base');
  if (parsed.warnings.length > 0) throw new Error(`the undamaged file warns: ${parsed.warnings.join(' | ')}`);
  const turns = new Map(activeBranch(parsed.records).map((t) => [t.id, content(t)]));
  const lineOf = new Map<string, number>();
  const text = bytes.toString('utf8').split('\n');
  text.forEach((line, i) => {
    const m = /"type":"turn","at":\d+,"nodeId":"([^"]+)"/.exec(line);
    if (m) lineOf.set(m[1], i);
  });
  const summaries = new Map<string, string>();
  for (const r of parsed.records) if (r.type === 'turn') summaries.set(r.nodeId, r.memory.summary);
  return { turns, lineOf, summaries };
}

/** Loads damaged bytes as show, export and resume do, and counts what is missing. */
export async function judge(
  base: Baseline,
  damaged: Buffer,
  touchedLines: Set<number>,
  session: RealSession,
  resealed = false,
): Promise<Outcome> {
  const outcome: Outcome = { hidden: 0, lostDamaged: 0, silent: 0, unexpected: [], warned: false };
  try {
    const parsed = parseSessionBytes(damaged, 'the session', session.id);
    outcome.warned = parsed.warnings.length > 0;
    const start = parsed.records[0];
    if (!start || start.type !== 'session-start') throw new Error('refused: no start record');
    const shown = activeBranch(parsed.records);
    // The same fields show --json, export --format json and export --format md read.
    JSON.stringify(shown.map(turnSummary));
    JSON.stringify(shown.map(turnExport));
    markdown(start, undefined, shown);
    const resumed = await Session.restore(parsed.records, { ...session.deps, store: { append: async () => undefined } });
    // A summary the next prompt would carry, changed with no warning, is as bad as a changed turn.
    for (const r of parsed.records)
      if (
        r.type === 'turn' &&
        base.summaries.has(r.nodeId) &&
        base.summaries.get(r.nodeId) !== r.memory.summary &&
        !outcome.warned &&
        !resealed
      )
        outcome.silent++;
    const sets = [new Map(shown.map((t) => [t.id, content(t)])), new Map(resumed.turns().map((t) => [t.id, content(t)]))];
    for (const [id, text] of base.turns) {
      const line = base.lineOf.get(id);
      const ownLineDamaged = line !== undefined && touchedLines.has(line);
      // Counted once, whether show, export or resume missed it.
      const found = sets.map((seen) => seen.get(id));
      if (found.some((f) => f === undefined)) {
        if (ownLineDamaged) outcome.lostDamaged++;
        else outcome.hidden++;
      } else if (found.some((f) => f !== text) && !outcome.warned && !resealed) {
        // (A re-sealed record of the right shape is an edit, not damage: only hidden turns count for it.)
        outcome.silent++;
      }
    }
  } catch (error) {
    outcome.unexpected.push(error instanceof Error ? error.message : String(error));
  }
  return outcome;
}

export interface Mutation {
  damaged: Buffer;
  /** 0-based lines changed. */
  touched: Set<number>;
  what: string;
  /** The changed line was given a valid checksum again. */
  resealed?: boolean;
}

/** Lines (0-based) that byte `offset` lies on; a newline belongs to the lines on both sides. */
function linesAt(bytes: Buffer, offset: number): Set<number> {
  let line = 0;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return bytes[offset] === 0x0a ? new Set([line, line + 1]) : new Set([line]);
}

/** One byte deleted, replaced or inserted at a random offset. */
export function oneByteDamage(bytes: Buffer, random: Random): Mutation {
  const offset = Math.floor(random() * bytes.length);
  const op = Math.floor(random() * 3);
  const touched = linesAt(bytes, offset);
  if (op === 0)
    return { damaged: Buffer.concat([bytes.subarray(0, offset), bytes.subarray(offset + 1)]), touched, what: `delete byte ${offset}` };
  const value = (bytes[offset] + 1 + Math.floor(random() * 255)) % 256;
  if (op === 1) {
    const damaged = Buffer.from(bytes);
    damaged[offset] = value;
    return { damaged, touched, what: `replace byte ${offset} with ${value}` };
  }
  return {
    damaged: Buffer.concat([bytes.subarray(0, offset), Buffer.from([value]), bytes.subarray(offset)]),
    touched,
    what: `insert ${value} at ${offset}`,
  };
}

const WRONG: unknown[] = [null, 0, -1, 1.5, '', 'x', true, [], {}, [null], { text: null }];

/** Every path to a value inside `value`, up to `depth` levels deep. */
function paths(value: unknown, depth: number, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (depth === 0 || value === null || typeof value !== 'object') return [];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...paths((value as Record<string | number, unknown>)[k], depth - 1, [...prefix, k])]);
}

/** One field of one record (any line, the start too) set to a value of the wrong shape, or removed; the line re-sealed. */
export function wrongShape(bytes: Buffer, random: Random): Mutation {
  const lines = bytes.toString('utf8').split('\n');
  const index = Math.floor(random() * (lines.length - 1));
  const record = JSON.parse(`{${lines[index].slice(18)}`) as Record<string, unknown>;
  const all = paths(record, 4).filter((p) => p[0] !== 'type');
  const path = all[Math.floor(random() * all.length)];
  let parent: Record<string | number, unknown> = record;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  const pickIndex = Math.floor(random() * (WRONG.length + 1));
  if (pickIndex === WRONG.length) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    parent[last] = WRONG[pickIndex];
  }
  lines[index] = sealJson(JSON.stringify(record));
  return {
    resealed: true,
    damaged: Buffer.from(lines.join('\n')),
    touched: new Set([index]),
    what: `${path.join('.')} := ${pickIndex === WRONG.length ? '(removed)' : JSON.stringify(WRONG[pickIndex])} on line ${index + 1}`,
  };
}

export interface FuzzTotals {
  cases: number;
  hidden: number;
  lostDamaged: number;
  silent: number;
  unexpected: number;
  warned: number;
  examples: string[];
}

/** Runs `cases` cases of `mutate` over the sessions, cycling through them. */
export async function fuzz(sessions: RealSession[], cases: number, seed: number, mutate: typeof oneByteDamage): Promise<FuzzTotals> {
  const random = seededRandom(seed);
  const bases = sessions.map((s) => baseline(s.bytes));
  const totals: FuzzTotals = { cases: 0, hidden: 0, lostDamaged: 0, silent: 0, unexpected: 0, warned: 0, examples: [] };
  for (let i = 0; i < cases; i++) {
    const k = i % sessions.length;
    const { damaged, touched, what, resealed } = mutate(sessions[k].bytes, random);
    const outcome = await judge(bases[k], damaged, touched, sessions[k], resealed);
    totals.cases++;
    totals.hidden += outcome.hidden;
    totals.lostDamaged += outcome.lostDamaged;
    totals.silent += outcome.silent;
    totals.unexpected += outcome.unexpected.length;
    if (outcome.warned) totals.warned++;
    if ((outcome.hidden > 0 || outcome.silent > 0 || outcome.unexpected.length > 0) && totals.examples.length < 5) {
      totals.examples.push(
        `${what}: hidden ${outcome.hidden}, silent ${outcome.silent}${outcome.unexpected.length ? `, error ${outcome.unexpected[0]}` : ''}`,
      );
    }
  }
  return totals;
}
