import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { variantsFor } from '../../src/engine/carousel/index.js';
import type { CandidateRecord, SessionRecord, TurnRecord } from '../../src/engine/session/records.js';
import { CRITIC_IDS, type Beat, type Cadence, type Candidate, type Plan } from '../../src/engine/types.js';
import { CLEAN_DEFAULT, compactRecord, expandRecord } from '../../src/store/compact.js';
import { certainlyWellShaped } from '../../src/store/fast-shape.js';
import { readLeanStory } from '../../src/store/lean-story.js';
import { loadSession } from '../../src/store/load.js';
import { schemaProblem } from '../../src/store/schema.js';
import { logLines, sessionPath } from '../../src/store/session-file.js';
import { codeOfVariant, variantOfCode } from '../../src/store/variant-code.js';
import { showLoaded } from '../../src/cli/sessions-show.js';
import { sealJson } from '../../src/store/checksum.js';
import { runCli } from '../hardening/helpers.js';

/**
 * The leaner turn line (compact.ts, variant-code.ts): values that follow from what the line keeps
 * are left out or written short, and every reader gives back what the store was given.
 */

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'store');
// Written by the store as of commit 41bd6da, before this form (tests/fixtures/store).
const OLD_ID = '20261129-0435-b72c';
const BEATS: Beat[] = ['escalate', 'complicate', 'reveal', 'breathe', 'deepen', 'resolve'];
const CADENCES: Cadence[] = ['gentle', 'steady', 'bold'];

const stored = (record: SessionRecord) => JSON.parse(JSON.stringify(compactRecord(record))) as Record<string, unknown>;
const roundTrip = (record: SessionRecord) => expandRecord(stored(record) as unknown as SessionRecord);
const MOVED = ['id', 'text', 'variant', 'critics', 'score'];
/** The fields this form leaves out or shortens, in their order, on every candidate (the usual values after them are appended as before). */
const movedKeys = (record: SessionRecord) =>
  (record.type === 'turn' ? record.candidates : record.type === 'candidate' ? [record.candidate] : []).map((c) =>
    Object.keys(c).filter((k) => MOVED.includes(k)),
  );

function candidate(over: Partial<Candidate> = {}): Candidate {
  return {
    id: 'n7-c1',
    text: 'A reply.',
    variant: { beat: 'reveal', cadence: 'gentle', label: 'gentler' },
    critics: [],
    score: 1,
    repairs: [],
    incomplete: false,
    retries: 0,
    ...over,
  } as Candidate;
}

function turn(candidates: Candidate[], plan: Partial<Plan> = {}): TurnRecord {
  return {
    type: 'turn',
    at: 5,
    nodeId: 'n7',
    parentId: 'n6',
    number: 7,
    cause: 'play',
    input: { text: 'Hello.' },
    candidates,
    chosen: 0,
    plan: { beat: 'reveal', cadence: 'steady', targetLength: [80, 200], tension: 0.5, actors: [], hook: 'h', ...plan } as Plan,
    pacing: { score: 0.25, confidence: 0.5 } as TurnRecord['pacing'],
    prompt: { tokens: 1234 } as TurnRecord['prompt'],
    facts: [],
    memory: { summary: '', summaryThrough: 0 },
  };
}

/** The CLI's answers for the session `id` in `home`, as the player sees them. */
async function cliAnswers(home: string, id: string): Promise<string[]> {
  const out: string[] = [];
  for (const args of [
    ['sessions', 'show', id],
    ['sessions', 'show', id, '--json'],
    ...['json', 'md', 'st'].map((format) => ['sessions', 'export', id, '--format', format]),
  ]) {
    const run = await runCli(args, { env: { SKALD_HOME: home } });
    expect(run.status, run.stderr).toBe(0);
    out.push(run.stdout, run.stderr);
  }
  return out;
}

describe("a turn's variant as a letter", () => {
  it('stands for exactly the variant the carousel makes first, gentler and bolder, for every beat and cadence', () => {
    for (const beat of BEATS)
      for (const cadence of CADENCES) {
        const plan = { beat, cadence } as Plan;
        const made = variantsFor(plan, 3, () => 0);
        expect(made.map((v) => codeOfVariant(plan, v))).toEqual(['p', 'g', 'b']);
        // Read back key for key in its order.
        expect(['p', 'g', 'b'].map((code) => JSON.stringify(variantOfCode(plan, code)))).toEqual(made.map((v) => JSON.stringify(v)));
      }
  });

  it('is written only when it gives the variant back exactly; else the variant is written whole (its beat left out when the plan has it)', () => {
    const plan = { beat: 'reveal', cadence: 'steady' } as Plan;
    expect(codeOfVariant(plan, { beat: 'reveal', cadence: 'steady', label: 'planned 2' })).toBeUndefined();
    expect(codeOfVariant(plan, { cadence: 'steady', beat: 'reveal', label: 'planned' })).toBeUndefined();
    expect(codeOfVariant(plan, { beat: 'reveal', cadence: 'steady', label: 'planned', x: 1 } as never)).toBeUndefined();
    expect(codeOfVariant({ beat: 'reveal', cadence: 'brisk' }, { beat: 'reveal', cadence: 'gentle', label: 'gentler' })).toBe(undefined);
    const fourth = { beat: 'reveal' as Beat, cadence: 'bold' as Cadence, label: 'reveal, bold' };
    const record = turn([
      candidate({ variant: fourth }),
      candidate({ id: 'n7-c0', variant: { beat: 'reveal', cadence: 'steady', label: 'planned' } }),
    ]);
    const onDisk = stored(record) as { candidates: Array<{ variant: unknown }> };
    expect(onDisk.candidates.map((c) => c.variant)).toEqual([{ cadence: 'bold', label: 'reveal, bold' }, 'p']);
    expect(roundTrip(record)).toEqual(record);
    expect(movedKeys(roundTrip(record))).toEqual(movedKeys(record));
  });

  it('that its plan does not make is refused by the quick check and the schema alike, and the line is skipped with a warning', () => {
    const record = turn([candidate()]);
    const value = stored(record) as { candidates: Array<{ variant: unknown }>; plan: { cadence: string } };
    expect(value.candidates[0].variant).toBe('g');
    expect(certainlyWellShaped(value)).toBe(true);
    expect(schemaProblem(value)).toBeUndefined();
    for (const bad of [
      { ...value, candidates: [{ ...value.candidates[0], variant: 'x' }] },
      { ...value, plan: { ...value.plan, cadence: 'brisk' } },
    ]) {
      expect(certainlyWellShaped(bad)).toBe(false);
      expect(schemaProblem(bad)).toMatch(
        /^turn\.(candidates\.0\.variant is "x"|candidates\.0\.variant is "g", which its plan does not make)/,
      );
    }
  });
});

describe('values left out of a candidate, and short forms', () => {
  it('an id `<node>-c<k>` is written as k; any other id as it is', () => {
    for (const [id, nodeId, written] of [
      ['n7-c1', 'n7', 1],
      ['n7-c12', 'n7', 12],
      ['n7-c01', 'n7', 'n7-c01'],
      ['n7-c', 'n7', 'n7-c'],
      ['n7-cx', 'n7', 'n7-cx'],
      ['n70-c1', 'n7', 'n70-c1'],
      ['n7-e1a-c0', 'n7', 'n7-e1a-c0'],
    ] as const) {
      const record: CandidateRecord = { type: 'candidate', at: 1, nodeId, candidate: candidate({ id }), chosen: 0 };
      expect((stored(record).candidate as { id: unknown }).id).toBe(written);
      expect((roundTrip(record) as CandidateRecord).candidate.id).toBe(id);
    }
  });

  it('a score of 1 and CLEAN_DEFAULT clean critics are left out and come back where they were; any other value is kept', () => {
    const allClean = CRITIC_IDS.slice(0, CLEAN_DEFAULT).map((id) => ({ id, flagged: false, score: 1, evidence: [] }));
    const record = turn([
      candidate({ critics: allClean }),
      candidate({ id: 'n7-c2', critics: allClean, score: 0.75 }),
      candidate({ id: 'n7-c0', critics: allClean.slice(0, 4), score: 1 }),
    ]);
    const onDisk = (stored(record) as { candidates: Array<Record<string, unknown>> }).candidates;
    expect(onDisk[0]).toEqual({ id: 1, text: 'A reply.', variant: 'g' });
    expect(onDisk[1]).toEqual({ id: 2, text: 'A reply.', variant: 'g', score: 0.75 });
    expect(onDisk[2]).toEqual({ id: 0, text: 'A reply.', variant: 'g', critics: 4 });
    // In the order the engine made them.
    const back = roundTrip(record);
    expect(back).toEqual(record);
    expect(movedKeys(back)).toEqual(movedKeys(record));
  });

  it("a turn's pacing as [score, confidence] and its prompt as its token count; with diagnostics inline both are written whole", () => {
    const record = turn([candidate()]);
    expect(stored(record).pacing).toEqual([0.25, 0.5]);
    expect(stored(record).prompt).toBe(1234);
    const inline = { ...record, pacing: { ...record.pacing, evidence: ['e'] }, prompt: { ...record.prompt, budget: 9 } } as TurnRecord;
    expect(stored(inline).pacing).toEqual(inline.pacing);
    expect(stored(inline).prompt).toEqual(inline.prompt);
    for (const r of [record, inline]) {
      const back = roundTrip(r) as TurnRecord;
      expect(back).toEqual(r);
      expect(JSON.stringify([back.pacing, back.prompt])).toBe(JSON.stringify([r.pacing, r.prompt]));
    }
  });
});

describe('a raw form that cannot be rebuilt', () => {
  it('loses only the first version of those replies, with one warning for all of them; show, which prints none, does not repeat it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-lean-raw-'));
    mkdirSync(join(home, 'sessions'));
    const path = sessionPath(OLD_ID, join(home, 'sessions'));
    const lines = readFileSync(join(FIXTURE, `${OLD_ID}.jsonl`), 'utf8')
      .trimEnd()
      .split('\n');
    copyFileSync(join(FIXTURE, `${OLD_ID}.jsonl.diag`), `${path}.diag`);
    const clean = await loadSession(OLD_ID, join(FIXTURE));
    // Slices out of order, as the writer never writes them, on two turn lines' first candidates.
    const turnLines = lines.flatMap((line, i) => (line.includes('"type":"turn"') ? [i] : [])).slice(3, 5);
    const damaged = turnLines[0] + 1;
    const out = lines.map((line, i) => {
      if (!turnLines.includes(i)) return line;
      const { crc: _crc, ...body } = JSON.parse(line) as { crc: string; candidates: Array<{ rawEdit?: unknown }> };
      body.candidates[0].rawEdit = [
        [5, 9],
        [0, 4],
      ];
      return sealJson(JSON.stringify(body));
    });
    expect(damaged).toBeGreaterThan(0);
    writeFileSync(path, `${out.join('\n')}\n`);
    const loaded = await loadSession(OLD_ID, join(home, 'sessions'));
    const lost = (records: SessionRecord[]) =>
      records.flatMap((r) => (r.type === 'turn' ? r.candidates : r.type === 'candidate' ? [r.candidate] : []));
    expect(lost(loaded.records).filter((c) => c.raw !== undefined)).toEqual(lost(clean.records).filter((c) => c.raw !== undefined));
    expect(loaded.problems.map((p) => [p.kind, p.line])).toEqual([['raw', damaged]]);
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toContain(`2 replies (the first on line ${damaged})`);
    // The story is the same.
    expect(lost(loaded.records).map((c) => c.text)).toEqual(lost(clean.records).map((c) => c.text));
    expect(showLoaded(loaded, false).warnings).toEqual([]);
    const show = await runCli(['sessions', 'show', OLD_ID], { env: { SKALD_HOME: home } });
    expect(show.status).toBe(0);
    expect(show.stderr).not.toContain('first sent');
  }, 60_000);
});

describe('a story written before this form', () => {
  it('loads unchanged, and written again in this form reads back record for record and key for key, shows and exports the same, and is smaller', async () => {
    const oldHome = mkdtempSync(join(tmpdir(), 'skald-lean-old-'));
    mkdirSync(join(oldHome, 'sessions'));
    const oldPath = sessionPath(OLD_ID, join(oldHome, 'sessions'));
    copyFileSync(join(FIXTURE, `${OLD_ID}.jsonl`), oldPath);
    copyFileSync(join(FIXTURE, `${OLD_ID}.jsonl.diag`), `${oldPath}.diag`);
    const old = await loadSession(OLD_ID, join(oldHome, 'sessions'));
    expect(old.warnings).toEqual([]);
    expect(old.records.filter((r) => r.type === 'turn').length).toBeGreaterThan(40);
    // The old file holds none of the new short forms.
    const oldText = readFileSync(oldPath, 'utf8');
    expect(oldText).toContain('"critics":13');
    expect(oldText).not.toMatch(/"variant":"[pgb]"/);

    const newHome = mkdtempSync(join(tmpdir(), 'skald-lean-new-'));
    mkdirSync(join(newHome, 'sessions'));
    const newPath = sessionPath(OLD_ID, join(newHome, 'sessions'));
    const lines = logLines(old.records);
    writeFileSync(newPath, `${lines.map((l) => l.story).join('\n')}\n`);
    writeFileSync(`${newPath}.diag`, `${lines.flatMap((l) => (l.diagnostics !== undefined ? [l.diagnostics] : [])).join('\n')}\n`);
    const newText = readFileSync(newPath, 'utf8');
    expect(newText).toMatch(/"variant":"[pgb]"/);
    expect(newText).toMatch(/"pacing":\[/);
    const again = await loadSession(OLD_ID, join(newHome, 'sessions'));
    expect(again.warnings).toEqual([]);
    expect(JSON.stringify(again.records)).toBe(JSON.stringify(old.records));
    // `sessions show`'s own reader gives the same story from both.
    expect(readLeanStory(readFileSync(newPath))).toEqual(readLeanStory(readFileSync(oldPath)));
    expect(await cliAnswers(newHome, OLD_ID)).toEqual((await cliAnswers(oldHome, OLD_ID)).map((o) => o.split(oldHome).join(newHome)));
    // The side file is the same; the log is smaller.
    expect(readFileSync(`${newPath}.diag`).equals(readFileSync(`${oldPath}.diag`))).toBe(true);
    expect(statSync(newPath).size).toBeLessThan(statSync(oldPath).size * 0.95);
  }, 120_000);
});

describe("a plan's tension by beat", () => {
  const tensions = { escalate: 0.48, complicate: 0.42, reveal: 0.39, breathe: 0.18, deepen: 0.33, resolve: 0.08 };

  it('is written as numbers in a fixed beat order, less than half the bytes, and read back exactly', () => {
    const record = turn([candidate()], { tensionByBeat: tensions });
    const onDisk = stored(record) as { plan: { tensionByBeat: unknown } };
    expect(onDisk.plan.tensionByBeat).toEqual([0.48, 0.42, 0.39, 0.18, 0.33, 0.08]);
    expect(JSON.stringify(onDisk.plan.tensionByBeat).length * 2).toBeLessThan(JSON.stringify(tensions).length);
    expect(certainlyWellShaped(onDisk)).toBe(true);
    expect(schemaProblem(onDisk)).toBeUndefined();
    expect(roundTrip(record)).toEqual(record);
    // The record given to the store is left as it was.
    expect(record.plan.tensionByBeat).toEqual(tensions);
  });

  it('keeps a beat left out as a gap, and reads the object of files written before the list', () => {
    const partial = { complicate: 0.5, breathe: 0.2 };
    const record = turn([candidate()], { tensionByBeat: partial });
    expect((stored(record) as { plan: { tensionByBeat: unknown } }).plan.tensionByBeat).toEqual([null, 0.5, null, 0.2]);
    expect(roundTrip(record)).toEqual(record);
    const before = { ...stored(record), plan: { ...(stored(record).plan as object), tensionByBeat: partial } };
    expect(certainlyWellShaped(before)).toBe(true);
    expect(expandRecord(before as unknown as SessionRecord)).toEqual(record);
  });

  it('of the wrong shape is refused by the quick check and the schema alike', () => {
    const value = stored(turn([candidate()], { tensionByBeat: tensions })) as { plan: Record<string, unknown> };
    for (const wrong of [['high'], [1, 2, 3, 4, 5, 6, 7], { escalate: 'high' }]) {
      const bad = { ...value, plan: { ...value.plan, tensionByBeat: wrong } };
      expect(certainlyWellShaped(bad)).toBe(false);
      expect(schemaProblem(bad)).toMatch(/tensionByBeat/);
    }
  });
});
