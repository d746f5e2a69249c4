/**
 * Defect 1 of issue 17: the disk fills during an append (half a line written, then ENOSPC), space
 * is freed, and play goes on. The next record must start on a line of its own, whatever state the
 * file was opened in, so no committed turn is lost and the story is not cut; a turn the player is
 * told was saved is in the file.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import type { SessionEvent } from '../../src/engine/types.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { activeBranch } from '../../src/store/branch.js';
import { loadSession } from '../../src/store/load.js';
import { JsonlSessionStore, type OpenFile } from '../../src/store/session-file.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { collect } from './helpers.js';

/**
 * Real file handles whose `write` fails with ENOSPC while `full()` says so, after writing the
 * first half of what it was given (as a disk that fills mid-record does).
 */
function fillingDisk(fills: (path: string) => boolean = () => true) {
  let full = false;
  let failures = 0;
  const openFile: OpenFile = async (path, flags, mode) => {
    const handle = await open(path, flags, mode);
    if (!fills(path)) return handle;
    return new Proxy(handle, {
      get(target, key, receiver) {
        if (key === 'write') {
          return async (buffer: Buffer, offset: number, length: number, position: number | null) => {
            if (!full) return target.write(buffer, offset, length, position);
            failures++;
            await target.write(buffer, offset, Math.floor(length / 2), position);
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          };
        }
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return { openFile, fill: () => (full = true), free: () => (full = false), failures: () => failures };
}

const deps = (store: JsonlSessionStore) => {
  let t = Date.UTC(2026, 11, 1);
  return {
    pack: miniPack(),
    provider: createOfflineNarrator({ seed: 2 }),
    store,
    clock: { now: () => (t += 1000) },
    seed: 2,
    candidates: 2,
  };
};

const done = (events: SessionEvent[]) => events.flatMap((e) => (e.type === 'turn-done' ? [e.turn] : []));
const errors = (events: SessionEvent[]) => events.flatMap((e) => (e.type === 'error' ? [e.error] : []));

describe('a disk that fills mid-append and is then freed', () => {
  it('loses no committed turn: the retried turn lands on a line of its own and the story goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-enospc-'));
    const disk = fillingDisk();
    const store = new JsonlSessionStore({ dir, open: disk.openFile });
    const session = await Session.create(deps(store));
    const claimed: string[] = [];
    for (const text of ['One.', 'Two.', 'Three.', 'Four.', 'Five.'])
      claimed.push(...done(await collect(session.play({ text }))).map((t) => t.input.text));

    disk.fill();
    const failed = await collect(session.play({ text: 'Six.' }));
    expect(done(failed)).toEqual([]);
    expect(errors(failed)).toEqual([
      expect.objectContaining({ retryable: true, message: expect.stringMatching(/could not be saved .*ENOSPC/) }),
    ]);
    // Still full: the retry is not claimed either.
    const again = await collect(session.play({ text: 'Six.' }));
    expect(done(again)).toEqual([]);
    expect(disk.failures()).toBe(2);

    disk.free();
    for (const text of ['Six.', 'Seven.', 'Eight.']) claimed.push(...done(await collect(session.play({ text }))).map((t) => t.input.text));
    await store.close();
    expect(claimed).toEqual(['One.', 'Two.', 'Three.', 'Four.', 'Five.', 'Six.', 'Seven.', 'Eight.']);

    // Before the fix, turn 6 was appended onto the torn half line: lost, and turns 7-8 cut off the story.
    const loaded = await loadSession(session.id, dir);
    const story = activeBranch(loaded.records);
    expect(story.map((t) => t.input.text)).toEqual(claimed);
    expect(story.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The disk filled while turn 6's diagnostics were written (they go first, to the side file):
    // the two torn halves are there, each followed by a line of its own, and the log never held
    // a torn line. Turn 6, saved whole on the third try, has its own diagnostics back.
    expect(loaded.warnings).toEqual([]);
    expect(
      readFileSync(`${loaded.path}.diag`, 'utf8')
        .split('\n')
        .filter((l) => l && !l.endsWith('}')),
    ).toHaveLength(2);
    expect(story[5].prompt.breakdown).toEqual(expect.objectContaining({ system: expect.any(Number) }));

    // And a resume continues at turn 9 from the whole story.
    const resumedStore = new JsonlSessionStore({ id: session.id, dir });
    const resumed = await Session.restore(loaded.records, deps(resumedStore));
    expect(resumed.turns()).toHaveLength(8);
    const next = done(await collect(resumed.play({ text: 'Nine.' })));
    await resumedStore.close();
    expect(next.map((t) => t.number)).toEqual([9]);
    const lines = readFileSync(loaded.path, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
  });

  it("when only the log's own write fails, the torn halves are named there and nothing is lost", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-enospc-'));
    const disk = fillingDisk((path) => path.endsWith('.jsonl'));
    const store = new JsonlSessionStore({ dir, open: disk.openFile });
    const session = await Session.create(deps(store));
    const claimed: string[] = [];
    for (const text of ['One.', 'Two.']) claimed.push(...done(await collect(session.play({ text }))).map((t) => t.input.text));
    disk.fill();
    expect(done(await collect(session.play({ text: 'Three.' })))).toEqual([]);
    expect(done(await collect(session.play({ text: 'Three.' })))).toEqual([]);
    disk.free();
    for (const text of ['Three.', 'Four.']) claimed.push(...done(await collect(session.play({ text }))).map((t) => t.input.text));
    await store.close();
    const loaded = await loadSession(session.id, dir);
    expect(activeBranch(loaded.records).map((t) => t.input.text)).toEqual(claimed);
    expect(loaded.warnings).toHaveLength(2);
    for (const warning of loaded.warnings)
      expect(warning).toMatch(
        /^Line \d+ of session .* is unreadable \(.*\) and was skipped; it was an earlier try at turn 3 \("Three\."\), saved again on line \d+, so nothing is lost\.$/,
      );
  });

  it('a store opened on a file that already ends in a torn line still starts the next record on a new line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-enospc-'));
    const disk = fillingDisk();
    const store = new JsonlSessionStore({ dir, open: disk.openFile });
    const session = await Session.create(deps(store));
    await collect(session.play({ text: 'One.' }));
    await store.close();
    // Another process (or a crash) tore the tail after this store closed: the next open must see it.
    const { appendFileSync } = await import('node:fs');
    const fragment = '{"crc":"00000000","type":"turn","at":1,"nod';
    appendFileSync(join(dir, `${session.id}.jsonl`), fragment);
    const reopened = new JsonlSessionStore({ id: session.id, dir });
    const resumed = await Session.restore((await loadSession(session.id, dir)).records, deps(reopened));
    await collect(resumed.play({ text: 'Two.' }));
    await reopened.close();
    expect(activeBranch((await loadSession(session.id, dir)).records).map((t) => t.input.text)).toEqual(['One.', 'Two.']);
    // The fragment is a line of its own: the record after it was not glued on (and then split off again by the loader).
    expect(readFileSync(join(dir, `${session.id}.jsonl`), 'utf8').split('\n')).toContain(fragment);
  });
});
