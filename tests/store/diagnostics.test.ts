import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { MemorySessionStore, type SessionRecord, type TurnRecord } from '../../src/engine/session/records.js';
import { JsonlSessionStore, recordLines, sessionPath } from '../../src/store/session-file.js';
import { loadSession } from '../../src/store/load.js';
import { attachDiagnostics, diagnosticsPath, splitRecord, withEmptyDiagnostics } from '../../src/store/diagnostics.js';
import { sealJson } from '../../src/store/checksum.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { steppingClock } from '../engine/session/scripted-provider.js';
import { collect } from '../engine/session/helpers.js';

/** Plays a story into a memory store and a session file at once: what was made, and where it went. */
async function play(dir: string) {
  const memory = new MemorySessionStore();
  const file = new JsonlSessionStore({ dir });
  const store = {
    append: async (r: SessionRecord) => {
      await memory.append(r);
      await file.append(r);
    },
  };
  const session = await Session.create({
    pack: miniPack(),
    provider: createOfflineNarrator({ seed: 4 }),
    store,
    clock: steppingClock(),
    seed: 4,
    candidates: 3,
  });
  for (const text of ['Hello, brother.', 'Why did the wheel stop?', 'I ask about the debt.']) await collect(session.play({ text }));
  await collect(session.regenerate());
  await file.close();
  const path = sessionPath(session.id, dir);
  return { id: session.id, made: memory.records, path, side: diagnosticsPath(path) };
}

const turnsOf = (records: readonly SessionRecord[]) => records.filter((r): r is TurnRecord => r.type === 'turn');

describe('diagnostics in a side file', () => {
  it('keeps the log to the story and the state a resume needs, and reads every diagnostic back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-diag-'));
    const { id, made, path, side } = await play(dir);
    const log = readFileSync(path, 'utf8');
    for (const diagnostic of ['"breakdown"', '"loreFired"', '"directive"', '"evidence":["', '"timing"', '"usage"'])
      expect(log).not.toContain(diagnostic);
    expect(readFileSync(side, 'utf8')).toContain('"breakdown"');
    // What `sessions show --json` prints is in the log itself.
    const turn = JSON.parse(log.split('\n').find((l) => l.includes('"type":"turn"'))!);
    expect(turn.plan.beat).toEqual(expect.any(String));
    // The pacing as its score and confidence, the prompt as its token count (compact.ts).
    expect(turn.pacing).toEqual([expect.any(Number), expect.any(Number)]);
    expect(turn.prompt).toBeGreaterThan(0);

    const loaded = await loadSession(id, dir);
    expect(loaded.records).toEqual(made);
    expect(loaded.warnings).toEqual([]);
    // A candidate added by regenerate has its timing back too.
    const regenerated = loaded.records.find((r) => r.type === 'candidate');
    expect(regenerated && regenerated.type === 'candidate' && regenerated.candidate.timing).toEqual(
      (made.find((r) => r.type === 'candidate') as { candidate: { timing: unknown } }).candidate.timing,
    );
  });

  it('loads the story alone without reading the side file, and attaches later what a resume left for later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-diag-'));
    const { id, made, side } = await play(dir);
    const bare = await loadSession(id, dir, { diagnostics: 'none' });
    expect(turnsOf(bare.records).map((t) => t.candidates.map((c) => c.text))).toEqual(
      turnsOf(made).map((t) => t.candidates.map((c) => c.text)),
    );
    expect(turnsOf(bare.records).map((t) => t.plan.beat)).toEqual(turnsOf(made).map((t) => t.plan.beat));
    expect(turnsOf(bare.records)[0].prompt.loreFired).toEqual([]);
    expect(bare.warnings).toEqual([]);

    // Later turns' diagnostics (here unmatched lines) push this story's out of the end a resume reads first.
    const filler = sealJson(
      JSON.stringify({
        type: 'diag',
        of: 'candidate',
        at: 1,
        nodeId: 'elsewhere',
        candidate: { timing: { ttftMs: null, totalMs: 0, tokensPerSecond: null }, note: 'x'.repeat(1000) },
      }),
    );
    appendFileSync(side, `${`${filler}\n`.repeat(300)}`);
    const latest = await loadSession(id, dir, { diagnostics: 'latest' });
    expect(turnsOf(latest.records)[0].prompt.breakdown).toEqual({});
    const held = turnsOf(latest.records)[0].prompt;
    await latest.attachRemaining();
    expect(latest.records).toEqual(made);
    // Filled in place: the objects a session tree was built from see them.
    expect(held.breakdown).toEqual(turnsOf(made)[0].prompt.breakdown);
  });

  it('shares one frozen empty value across records still waiting for their diagnostics, and attaching replaces it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-diag-'));
    const { id, made } = await play(dir);
    const bare = turnsOf((await loadSession(id, dir, { diagnostics: 'none' })).records);
    const [first, second] = bare;
    for (const empty of [
      first.prompt.lore,
      first.prompt.breakdown,
      first.pacing.evidence,
      first.pacing.longTerm,
      first.candidates[0].timing,
    ])
      expect(Object.isFrozen(empty)).toBe(true);
    expect(second.prompt.loreFired).toBe(first.prompt.loreFired);
    expect(second.candidates[1].timing).toBe(first.candidates[0].timing);
    // A write into one would reach every record: it throws instead.
    expect(() => (first.prompt.lore as unknown[]).push('x')).toThrow(TypeError);
    // The record's own objects are its own: filling one leaves the shared empties and the others alone.
    const [made1] = turnsOf(made);
    attachDiagnostics([first], [splitRecord(made1).diagnostics!]);
    expect(first).toEqual(made1);
    expect(second.prompt.breakdown).toEqual({});
    expect(second.candidates[0].timing).toEqual({ ttftMs: null, totalMs: 0, tokensPerSecond: null });
  });

  it('keeps the story when the side file is missing or a line of it is damaged, and says so once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-diag-'));
    const { id, made, side } = await play(dir);
    const lines = readFileSync(side, 'utf8').split('\n');
    lines[1] = lines[1].replace('"breakdown"', '"breakdowN"');
    writeFileSync(side, lines.join('\n'));
    const damaged = await loadSession(id, dir);
    expect(damaged.warnings).toEqual([
      `1 record of session ${id} has no diagnostics (1 line of its side file is unreadable); the story is intact, the debug pane shows nothing for it.`,
    ]);
    expect(turnsOf(damaged.records).map((t) => t.candidates.map((c) => c.text))).toEqual(
      turnsOf(made).map((t) => t.candidates.map((c) => c.text)),
    );

    rmSync(side);
    const missing = await loadSession(id, dir);
    expect(missing.warnings).toHaveLength(1);
    expect(missing.warnings[0]).toMatch(/^4 records of session .* have no diagnostics \(its side file is missing\); the story is intact/);
    expect(turnsOf(missing.records)).toHaveLength(3);
  });

  it('ignores the side line of a record a crash kept out of the log, and the next record gets its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-diag-'));
    const { id, made, path, side } = await play(dir);
    // Killed between the two writes of the last record: its side line is there, its log line is not.
    const kept = made.slice(0, -1);
    writeFileSync(path, `${kept.map((r) => recordLines(r).story).join('\n')}\n`);
    const loaded = await loadSession(id, dir);
    expect(loaded.records).toEqual(kept);
    expect(loaded.warnings).toEqual([]);
    expect(existsSync(side)).toBe(true);
  });

  it('loads logs written before the side file (diagnostics inline, critics as ids) exactly as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-diag-'));
    const { id, made, path, side } = await play(dir);
    rmSync(side);
    // What the store wrote until this change: one sealed line per record, everything in it, a clean critic as its id.
    const clean = (c: { id: string; flagged: boolean; score: number; evidence: unknown[] }) =>
      !c.flagged && c.score === 1 && c.evidence.length === 0 && Object.keys(c).length === 4 ? c.id : c;
    const legacy = (r: SessionRecord) => {
      const copy = JSON.parse(JSON.stringify(r));
      for (const c of copy.type === 'turn' ? copy.candidates : copy.type === 'candidate' ? [copy.candidate] : [])
        c.critics = c.critics.map(clean);
      return sealJson(JSON.stringify(copy));
    };
    writeFileSync(path, `${made.map(legacy).join('\n')}\n`);
    const old = readFileSync(path, 'utf8');
    expect(old).toContain('"breakdown"');
    expect(old).toContain('"mixed-language"');
    const loaded = await loadSession(id, dir);
    expect(loaded.records).toEqual(made);
    expect(loaded.warnings).toEqual([]);
  });

  it('keeps the count of control sequences a text-completion prompt had broken in the side file, and reads it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-diag-'));
    const { made } = await play(dir);
    const turn = structuredClone(turnsOf(made)[0]);
    turn.candidates[0].neutralised = 3;
    const { story, diagnostics } = splitRecord(turn);
    expect(JSON.stringify(story)).not.toContain('neutralised');
    const loaded = withEmptyDiagnostics(story);
    expect(attachDiagnostics([loaded], [diagnostics!])).toBe(1);
    expect((loaded as TurnRecord).candidates[0].neutralised).toBe(3);
    expect((loaded as TurnRecord).candidates[1].neutralised).toBeUndefined();
  });

  it('keeps the samplers each candidate was sent with in the side file, out of the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-diag-'));
    const { made } = await play(dir);
    const turn = structuredClone(turnsOf(made)[0]);
    turn.candidates[0].samplers = { temperature: 0.9, min_p: 0.05, max_tokens: 300 };
    const { story, diagnostics } = splitRecord(turn);
    expect(JSON.stringify(story)).not.toContain('min_p');
    const loaded = withEmptyDiagnostics(story);
    expect(attachDiagnostics([loaded], [diagnostics!])).toBe(1);
    expect((loaded as TurnRecord).candidates[0].samplers).toEqual({ temperature: 0.9, min_p: 0.05, max_tokens: 300 });
    expect((loaded as TurnRecord).candidates[1].samplers).toBeUndefined();
  });
});
