/**
 * Defect 10 of issue 17: an endless reply was written six times per candidate (the reply, its raw
 * form, and four critics quoting all of it as evidence): 60 MB per candidate at the cap. On disk
 * evidence now keeps its offsets into the reply and the raw form keeps only what differs; both are
 * restored on load, so consumers see the same evidence text as before.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { MemorySessionStore, type SessionRecord, type TurnRecord } from '../../src/engine/session/records.js';
import { sealJson } from '../../src/store/checksum.js';
import { compactRecord } from '../../src/store/compact.js';
import { loadSession } from '../../src/store/load.js';
import { JsonlSessionStore, sessionPath } from '../../src/store/session-file.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { scriptedProvider, steppingClock } from '../engine/session/scripted-provider.js';
import { collect } from './helpers.js';

describe('a very long reply in the session file', () => {
  it('is stored about once, however many critics quote it, and its evidence reads back the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-evidence-'));
    // A model that never stops: the same sentences over and over, after a reasoning block the repairs remove.
    const endless = 'Wren looks up at the wheel and says nothing. The water turns it, slowly, again. '.repeat(6000);
    const reply = `<think>keep going</think>${endless}`;
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
      provider: scriptedProvider({ text: () => reply }),
      store,
      clock: steppingClock(),
      seed: 5,
      candidates: 1,
    });
    await collect(session.play({ text: 'Keep talking.' }));
    await file.close();

    const made = memory.records.find((r): r is TurnRecord => r.type === 'turn')!;
    const candidate = made.candidates[0];
    expect(candidate.raw).toBe(reply);
    const quoted = candidate.critics.flatMap((c) => c.evidence).filter((e) => e.text.length > 100_000);
    // Without offsets, each of these is another full copy on disk.
    expect(quoted.length).toBeGreaterThanOrEqual(2);
    const fullCopies = JSON.stringify(made).length / endless.length;
    expect(fullCopies).toBeGreaterThan(quoted.length + 1.9);

    const line = readFileSync(sessionPath(session.id, dir), 'utf8').split('\n')[1];
    expect(line.length / endless.length).toBeLessThan(1.05);
    expect(JSON.stringify(compactRecord(made)).length / endless.length).toBeLessThan(1.05);

    const loaded = await loadSession(session.id, dir);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.records).toEqual(memory.records);
  });
  it("is kept, text and all, when a hand-made line's raw form slices it past any string's length", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-evidence-'));
    const said = 'Wren looks up at the wheel and says nothing. The water turns it, slowly, again. '.repeat(40);
    const file = new JsonlSessionStore({ dir });
    const session = await Session.create({
      pack: miniPack(),
      provider: scriptedProvider({ text: () => `<think>keep going</think>${said}` }),
      store: file,
      clock: steppingClock(),
      seed: 5,
      candidates: 1,
    });
    await collect(session.play({ text: 'Keep talking.' }));
    await file.close();
    const path = sessionPath(session.id, dir);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const turn = JSON.parse(lines[1]) as { crc?: string; candidates: Array<{ text: string; rawEdit?: unknown }> };
    const { crc: _crc, ...body } = turn;
    const text = body.candidates[0].text;
    expect(body.candidates[0].rawEdit).toBeDefined();
    // 400,000 whole copies of a 3,000-character reply: far past V8's longest string.
    body.candidates[0].rawEdit = Array.from({ length: 400_000 }, () => [0, text.length]);
    lines[1] = sealJson(JSON.stringify(body));
    writeFileSync(path, `${lines.join('\n')}\n`);

    const loaded = await loadSession(session.id, dir);
    const kept = loaded.records.find((r): r is TurnRecord => r.type === 'turn')!;
    expect(kept.candidates[0].text).toBe(text);
    expect(kept.candidates[0].raw).toBeUndefined();
    // Said once, as other damage is.
    expect(loaded.problems.map((p) => [p.kind, p.line])).toEqual([['raw', 2]]);
    expect(loaded.warnings[0]).toMatch(/the text the model first sent for one reply \(line 2\) could not be rebuilt/);
  });
});
