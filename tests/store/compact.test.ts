import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { MemorySessionStore, type SessionRecord } from '../../src/engine/session/records.js';
import { CRITIC_IDS } from '../../src/engine/types.js';
import { JsonlSessionStore, sessionPath } from '../../src/store/session-file.js';
import { CLEAN_DEFAULT } from '../../src/store/compact.js';
import { loadSession } from '../../src/store/load.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { steppingClock } from '../engine/session/scripted-provider.js';
import { collect } from '../engine/session/helpers.js';

/** Plays the same story into a memory store and a file, so what was made can be compared with what was read back. */
async function playBoth(dir: string) {
  const memory = new MemorySessionStore();
  const records: SessionRecord[] = [];
  const file = new JsonlSessionStore({ dir });
  const store = {
    append: async (r: SessionRecord) => {
      await memory.append(r);
      records.push(r);
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
  return { id: session.id, made: memory.records, path: sessionPath(session.id, dir) };
}

describe('clean critic results on disk', () => {
  it("are written as their critic's index and read back as the full results, record for record", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-compact-'));
    const { id, made, path } = await playBoth(dir);
    const lines = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    type Stored = number | string | { flagged: boolean; score: number; evidence: unknown[] };
    const lists = lines.flatMap((r) => (r.type === 'turn' ? r.candidates : [])).map((c: { critics: Stored[] | number }) => c.critics);
    // Most critics pass an offline reply: a reply all of them passed stores nothing (CLEAN_DEFAULT of them).
    expect(CRITIC_IDS.length).toBe(CLEAN_DEFAULT);
    expect(lists.filter((c: unknown) => c === undefined).length).toBeGreaterThan(3);
    // Else the clean ones are indexes in CRITIC_IDS on disk (the list's form), not objects.
    const partly = lists.filter((c: unknown): c is Stored[] => Array.isArray(c));
    // What is still an object on disk is a result that says something.
    expect(partly.flat().filter((c: Stored) => typeof c === 'object' && !c.flagged && c.score === 1 && c.evidence.length === 0)).toEqual(
      [],
    );

    const loaded = await loadSession(id, dir);
    expect(loaded.records).toEqual(made);
    expect(loaded.warnings).toEqual([]);
  });

  it('gives every candidate that passed all critics one shared, frozen list of the clean results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-compact-'));
    const { id, made, path } = await playBoth(dir);
    type Stored = { critics?: unknown[] | number };
    const stored = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; candidates?: Stored[]; candidate?: Stored })
      .flatMap((r) => (r.type === 'turn' ? r.candidates! : r.type === 'candidate' ? [r.candidate!] : []));
    const loaded = (await loadSession(id, dir)).records.flatMap((r) =>
      r.type === 'turn' ? r.candidates : r.type === 'candidate' ? [r.candidate] : [],
    );
    const clean = loaded.filter((_, i) => stored[i].critics === undefined);
    expect(clean.length).toBeGreaterThan(1);
    for (const c of clean) {
      expect(c.critics).toBe(clean[0].critics);
      expect(Object.isFrozen(c.critics)).toBe(true);
      expect(Object.isFrozen(c.repairs)).toBe(true);
    }
    expect(() => clean[0].critics.push(clean[0].critics[0])).toThrow(TypeError);
    // The lists read as the results the session made.
    const madeCandidates = made.flatMap((r) => (r.type === 'turn' ? r.candidates : r.type === 'candidate' ? [r.candidate] : []));
    expect(loaded).toEqual(madeCandidates);
  });

  it('a file written with full results (before compaction) loads the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-compact-'));
    const { id, made, path } = await playBoth(dir);
    writeFileSync(path, `${made.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const loaded = await loadSession(id, dir);
    expect(loaded.records).toEqual(made);
  });

  it('makes a turn record markedly smaller', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-compact-'));
    const { made, path } = await playBoth(dir);
    const full = made.map((r) => JSON.stringify(r).length + 1).reduce((a, b) => a + b, 0);
    const written = readFileSync(path).length;
    expect(written).toBeLessThan(full * 0.85);
  });
});
