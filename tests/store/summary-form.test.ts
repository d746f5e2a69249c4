import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemorySessionStore, type SessionRecord, type TurnRecord } from '../../src/engine/session/records.js';
import { Session } from '../../src/engine/session/index.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { compactRecord, expandRecord } from '../../src/store/compact.js';
import { writeSessionCopy } from '../../src/store/copy.js';
import { loadSession } from '../../src/store/load.js';
import { parseSessionBytes } from '../../src/store/parse-session.js';
import { JsonlSessionStore, logLines, recordLine, recordLines, sessionPath } from '../../src/store/session-file.js';
import { applySummaryEdit, summaryCheck, summaryEdit, WHOLE_EVERY } from '../../src/store/summary-form.js';
import { readLogTail } from '../../src/store/tail.js';
import { BEATS, CRITIC_IDS, type Candidate } from '../../src/engine/types.js';
import { sillyTavernChat } from '../../bench/sillytavern.js';
import { bundledWorld, newSession, playTurns } from '../../bench/story.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { collect } from '../engine/session/helpers.js';
import { steppingClock } from '../engine/session/scripted-provider.js';

const TURNS = 120;
let made: SessionRecord[];

beforeAll(async () => {
  // A story played for real (offline narrator, 3 candidates): the summary fills its budget by about turn 40.
  const store = new MemorySessionStore();
  await playTurns(await newSession(await bundledWorld(), { candidates: 3, store }), TURNS);
  made = store.records;
}, 300_000);

const turnsOf = (records: readonly SessionRecord[]) => records.filter((r): r is TurnRecord => r.type === 'turn');
const text = (lines: Array<{ story: string }>) => `${lines.map((l) => l.story).join('\n')}\n`;
const stored = (log: string) =>
  log
    .trim()
    .split('\n')
    .map((l) => JSON.parse(`{${l.slice(18)}`) as Record<string, unknown> & { type: string; nodeId: string; parentId: string | null });

describe("a turn's rolling summary stored as an edit of its parent's", () => {
  it('reads back, turn for turn, as the summaries the engine made; most turns are stored as edits', () => {
    const log = text(logLines(made));
    const parsed = parseSessionBytes(Buffer.from(log), 'the story');
    expect(parsed.warnings).toEqual([]);
    expect(turnsOf(parsed.records).map((t) => t.memory)).toEqual(turnsOf(made).map((t) => t.memory));
    const turns = stored(log).filter((r) => r.type === 'turn');
    const edited = turns.filter((r) => (r.memory as { edit?: unknown }).edit !== undefined);
    expect(edited.length).toBeGreaterThan(TURNS * 0.7);
  });

  it('writes a whole summary at least every WHOLE_EVERY turns along a chain, so resolving looks back a bounded way', () => {
    const byId = new Map<string, { parentId: string | null; edited: boolean }>();
    let longest = 0;
    for (const r of stored(text(logLines(made)))) {
      if (r.type !== 'turn') continue;
      const edited = (r.memory as { edit?: unknown }).edit !== undefined;
      byId.set(r.nodeId, { parentId: r.parentId, edited });
      let back = 0;
      for (let at = byId.get(r.nodeId); at?.edited; at = at.parentId === null ? undefined : byId.get(at.parentId)) back++;
      longest = Math.max(longest, back);
    }
    expect(longest).toBeLessThanOrEqual(WHOLE_EVERY - 1);
    expect(longest).toBeGreaterThan(WHOLE_EVERY / 2);
  });

  it("keeps the played story's log within 1.2x SillyTavern's chat of it; written whole, the summaries make it far larger", () => {
    const chat = Buffer.byteLength(sillyTavernChat(made, (made[0] as { persona: string }).persona, 'Narrator'));
    const compact = Buffer.byteLength(text(logLines(made)));
    const whole = Buffer.byteLength(text(made.map((r) => recordLines(r))));
    expect(compact / chat).toBeLessThanOrEqual(1.2);
    // Against the log itself: the chat now carries SillyTavern's swipe_info (0.75x and 1.10x of it
    // when measured), so the whole form's cost shows against the edits it replaces (1.46x).
    expect(whole / compact).toBeGreaterThan(1.3);
  });

  it('loads logs written before it (every summary whole, diagnostics inline or not) unchanged', () => {
    for (const lines of [made.map((r) => recordLines(r).story), made.map(recordLine)]) {
      const parsed = parseSessionBytes(Buffer.from(`${lines.join('\n')}\n`), 'old');
      expect(parsed.warnings).toEqual([]);
      expect(turnsOf(parsed.records).map((t) => t.memory)).toEqual(turnsOf(made).map((t) => t.memory));
    }
  });

  it('a lost turn line: the turns whose summaries built on it take the nearest readable summary and its summaryThrough, with one warning', () => {
    const lines = logLines(made).map((l) => l.story);
    const records = stored(`${lines.join('\n')}\n`);
    const turns = turnsOf(made);
    // A turn whose child and grandchild are edits: damage it, and its chain loses its base. Its
    // summary differs from its parent's (between the summary's batches most turns keep their
    // parent's, and an edit of that resolves on the grandparent's as well).
    const k = turns.findIndex(
      (t, i) =>
        i > 50 &&
        t.memory.summary !== turns[i - 1].memory.summary &&
        [1, 2].every((d) => (records.find((r) => r.nodeId === turns[i + d].nodeId)!.memory as { edit?: unknown }).edit !== undefined),
    );
    const lost = turns[k];
    const line = records.findIndex((r) => r.type === 'turn' && r.nodeId === lost.nodeId);
    lines[line] = lines[line].replace('"chosen":', '"chosen" :');
    const parsed = parseSessionBytes(Buffer.from(`${lines.join('\n')}\n`), 'the story');
    const read = new Map(turnsOf(parsed.records).map((t) => [t.nodeId, t.memory]));
    const parent = turns[k - 1];
    // The child falls back to its new parent's (the lost turn's parent's) summary, summaryThrough and all.
    expect(read.get(turns[k + 1].nodeId)).toEqual(parent.memory);
    const summaryWarnings = parsed.problems.filter((p) => p.kind === 'summary');
    expect(summaryWarnings).toHaveLength(1);
    expect(summaryWarnings[0].message).toMatch(
      new RegExp(`rolling summary saved with turn ${lost.number + 1} .* the summary as of turn ${parent.number} stands in`),
    );
    // Every turn from the next whole summary on is exact again; none before the damage changed.
    const firstWhole = turns.findIndex(
      (t, i) => i > k && (records.find((r) => r.nodeId === t.nodeId)!.memory as { summary?: unknown }).summary !== undefined,
    );
    expect(firstWhole - k).toBeLessThanOrEqual(WHOLE_EVERY);
    for (const [i, t] of turns.entries()) {
      if (i === k) expect(read.has(t.nodeId)).toBe(false);
      else if (i < k || i >= firstWhole) expect(read.get(t.nodeId), `turn ${t.number}`).toEqual(t.memory);
      else expect(read.get(t.nodeId), `turn ${t.number}`).toEqual(parent.memory);
    }
  });

  it('an edit that does not resolve (a slice out of range, a check that fails) is never used', () => {
    const parent = '[t1] Wren opens the door of the mill.\n[t2] Tamsin: I ask about the debt my mother left.\n[t3] The wheel has stopped.';
    const next = '[t1] Wren opens the door of the mill.\n[t2] Tamsin: I ask about the debt my mother left.\n[t4] Rain.';
    const edit = summaryEdit(parent, next)!;
    expect(edit).toEqual([[0, 88], '[t4] Rain.']);
    expect(applySummaryEdit(parent, { summaryThrough: 3, edit, check: summaryCheck(next) })).toBe(next);
    expect(applySummaryEdit(parent, { summaryThrough: 3, edit: [[0, 999]], check: summaryCheck(next) })).toBeUndefined();
    expect(applySummaryEdit(parent, { summaryThrough: 3, edit, check: summaryCheck(`${next}!`) })).toBeUndefined();
    expect(applySummaryEdit('Other text of the same kind.', { summaryThrough: 3, edit, check: summaryCheck(next) })).toBeUndefined();
  });

  it("compacts a model's prose summary too: the sentences it keeps become slices, whatever it drops or adds", () => {
    const parent =
      'Tamsin came back to Dunmarrow after her mother died. Her brother Wren keeps the Alder mill, which owes a debt to Ilsa Morrow. The wheel stopped on the night Tamsin arrived.';
    const next =
      "Her brother Wren keeps the Alder mill, which owes a debt to Ilsa Morrow. The wheel stopped on the night Tamsin arrived. Tamsin found her mother's letter in the cellar and hid it from Wren.";
    const edit = summaryEdit(parent, next)!;
    expect(edit).toEqual([[53, parent.length], " Tamsin found her mother's letter in the cellar and hid it from Wren."]);
    expect(applySummaryEdit(parent, { summaryThrough: 9, edit, check: summaryCheck(next) })).toBe(next);
    // Nothing in common: written whole.
    expect(summaryEdit(parent, 'A different story altogether, told from the start by someone else.')).toBeUndefined();
  });

  it("the tail reader resolves the latest turns' summaries, looking back before its window to a whole one", () => {
    const bytes = Buffer.from(text(logLines(made)));
    const tail = readLogTail(bytes, (turns) => turns.length >= 3, 3);
    expect(tail).toBeDefined();
    expect(tail!.earlier).toBeGreaterThan(100);
    const byId = new Map(turnsOf(made).map((t) => [t.nodeId, t.memory]));
    expect(tail!.records.length).toBeGreaterThanOrEqual(3);
    for (const r of tail!.records) expect(r.memory).toEqual(byId.get(r.nodeId));
  });

  it('a copy (sessions repair, --copy) is written with its own edits, each built on a turn the copy holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-summary-'));
    const lines = logLines(made).map((l) => l.story);
    const records = stored(`${lines.join('\n')}\n`);
    // A turn whose summary its child's edit is built on and which differs from its own parent's:
    // losing it leaves the edit nothing to be rebuilt from (a turn that kept its parent's summary,
    // as most do between the summary's batches, would leave the grandparent's, the same text).
    const summaries = new Map(turnsOf(made).map((t) => [t.nodeId, t]));
    const victim = records.findIndex((r, i) => {
      const child = records[i + 1];
      const parent = r.parentId === null ? undefined : summaries.get(r.parentId);
      return (
        i > 80 &&
        r.type === 'turn' &&
        child?.type === 'turn' &&
        child.parentId === r.nodeId &&
        (child.memory as { edit?: unknown }).edit !== undefined &&
        summaries.get(r.nodeId)!.memory.summary !== parent?.memory.summary
      );
    });
    expect(victim).toBeGreaterThan(0);
    lines[victim] = lines[victim].replace('"chosen":', '"chosen" :');
    const id = (made[0] as { id: string }).id;
    writeFileSync(sessionPath(id, dir), `${lines.join('\n')}\n`);
    const loaded = await loadSession(id, dir, { diagnostics: 'none' });
    expect(loaded.problems.some((p) => p.kind === 'summary')).toBe(true);
    const copy = await writeSessionCopy(loaded, 'repaired');
    const again = await loadSession(copy.id, dir, { diagnostics: 'none' });
    expect(again.warnings.filter((w) => !w.includes('no diagnostics'))).toEqual([]);
    expect(turnsOf(again.records).map((t) => t.memory)).toEqual(turnsOf(loaded.records).map((t) => t.memory));
    expect(readFileSync(copy.path, 'utf8')).toContain('"edit":');
  });
});

describe('the session store writes the compact form', () => {
  it('edits only of turns it wrote itself: a resumed session writes its first summary whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-summary-'));
    const deps = { pack: miniPack(), provider: createOfflineNarrator({ seed: 3 }), clock: steppingClock(), seed: 3, candidates: 2 };
    const first = new JsonlSessionStore({ dir });
    const session = await Session.create({ ...deps, store: first });
    for (let n = 1; n <= 24; n++) await collect(session.play({ text: `I look around the mill, step ${n}.` }));
    await first.close();
    const loaded = await loadSession(session.id, dir);
    expect(loaded.warnings).toEqual([]);
    const second = new JsonlSessionStore({ id: session.id, dir });
    await second.lock();
    const resumed = await Session.restore(loaded.records, { ...deps, store: second });
    await collect(resumed.play({ text: 'I ask about the debt.' }));
    await collect(resumed.play({ text: 'I wait by the wheel.' }));
    await second.close();
    const written = stored(readFileSync(sessionPath(session.id, dir), 'utf8')).filter((r) => r.type === 'turn');
    const memoryOf = (r: Record<string, unknown>) => r.memory as { summary?: string; edit?: unknown };
    expect(written.slice(0, 24).filter((r) => memoryOf(r).edit !== undefined).length).toBeGreaterThan(5);
    // The first turn after the resume names no turn of the earlier process; the next builds on it.
    expect(memoryOf(written[24]).summary).toBeDefined();
    expect(memoryOf(written[25]).edit).toBeDefined();
    const reread = await loadSession(session.id, dir);
    expect(reread.warnings).toEqual([]);
    expect(resumed.memory().summary).toBe(turnsOf(reread.records).at(-1)!.memory.summary);
  }, 120_000);
});

describe('critics on disk', () => {
  it('all passed in table order: stored as how many ran; otherwise the list, each read back as it was', () => {
    const clean = (i: number) => ({ id: CRITIC_IDS[i], flagged: false, score: 1, evidence: [] });
    const candidate = (critics: Candidate['critics']) =>
      ({
        id: 'c',
        text: 'A reply.',
        variant: { beat: 'b', cadence: 'c', label: 'l' },
        critics,
        score: 1,
        repairs: [],
        incomplete: false,
        retries: 0,
      }) as unknown as Candidate;
    const all = CRITIC_IDS.map((_, i) => clean(i));
    const flagged = [...all.slice(0, 3), { ...clean(3), flagged: true, score: 0.2, evidence: [] }, ...all.slice(4)];
    const record = (c: Candidate) => ({ type: 'candidate', at: 1, nodeId: 'n1', candidate: c, chosen: 0 }) as SessionRecord;
    const onDisk = (critics: Candidate['critics']) =>
      (compactRecord(record(candidate(critics))) as { candidate: { critics: unknown } }).candidate.critics;
    // All passed: left out (CLEAN_DEFAULT of them), or how many ran when the count differs.
    expect(onDisk(all)).toBeUndefined();
    expect(onDisk(all.slice(0, 5))).toBe(5);
    // A flagged result is kept whole, its id as its index.
    expect(onDisk(flagged)).toEqual([0, 1, 2, { ...flagged[3], id: 3 }, ...CRITIC_IDS.slice(4).map((_, i) => i + 4)]);
    for (const critics of [all, all.slice(0, 5), flagged]) {
      const back = expandRecord(JSON.parse(JSON.stringify(compactRecord(record(candidate(critics))))) as SessionRecord);
      expect((back as { candidate: Candidate }).candidate.critics).toEqual(critics);
    }
  });
});

describe('usual values left out of a turn on disk', () => {
  it("a played turn's cause, no facts and a candidate's beat when it is the plan's are left out and read back as they were", () => {
    const turn = turnsOf(made).find((t) => t.facts.length === 0 && t.candidates.some((c) => c.variant.beat === t.plan.beat))!;
    const onDisk = JSON.parse(JSON.stringify(compactRecord(turn))) as Record<string, unknown> & {
      candidates: Array<{ variant: object | string }>;
    };
    expect(onDisk.cause).toBeUndefined();
    expect(onDisk.facts).toBeUndefined();
    // The carousel's first three variants as a letter (variant-code.ts).
    expect(onDisk.candidates.some((c) => typeof c.variant === 'string')).toBe(true);
    const back = expandRecord(onDisk as unknown as SessionRecord) as TurnRecord;
    expect(back.cause).toBe('play');
    expect(back.facts).toEqual([]);
    // The variant reads back key for key in its order (the headless turn line prints it whole).
    expect(back.candidates.map((c) => JSON.stringify(c.variant))).toEqual(turn.candidates.map((c) => JSON.stringify(c.variant)));
    // An edit, facts, and a beat of its own are kept.
    const other = {
      ...turn,
      cause: 'edit' as const,
      facts: [{ id: 'f', text: 'x', kind: 'other' as const, turn: 1, source: 'player' as const }],
    };
    const beat = BEATS.find((b) => b !== turn.plan.beat)!;
    other.candidates = [{ ...turn.candidates[0], variant: { ...turn.candidates[0].variant, beat } }];
    const kept = JSON.parse(JSON.stringify(compactRecord(other))) as TurnRecord;
    expect(kept.cause).toBe('edit');
    expect(kept.facts).toEqual(other.facts);
    expect(kept.candidates[0].variant.beat).toBe(beat);
  });
});
