/**
 * How often the diagnostics side file is flushed to disk (session-file.ts, SIDE_SYNC_EVERY): the
 * log with every record, the side file with every 16th line and on close. A power cut can then
 * lose the side lines written since its last flush (never the log's: every record was flushed, and
 * a kill -9 loses neither, both being in the page cache). These tests cut the side file back to
 * what its last flush held, as such a cut leaves it (its end gone, half a line, or the lost bytes
 * as zeros) and hold the story whole, the turns before the flush with their diagnostics, the
 * turns after it plainly without (one warning), and play going on after a resume.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { MemorySessionStore, type SessionRecord, type TurnRecord } from '../../src/engine/session/records.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { activeBranch } from '../../src/store/branch.js';
import { diagnosticsPath } from '../../src/store/diagnostics.js';
import { loadSession } from '../../src/store/load.js';
import { JsonlSessionStore, SIDE_SYNC_EVERY, sessionPath, type OpenFile } from '../../src/store/session-file.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { collect } from '../engine/session/helpers.js';

/** Real file handles that note each file's size whenever it is flushed to disk. */
function flushNotingDisk() {
  const flushed = new Map<string, number[]>();
  const openFile: OpenFile = async (path, flags, mode) => {
    const handle = await open(path, flags, mode);
    return new Proxy(handle, {
      get(target, key, receiver) {
        if (key === 'datasync')
          return async () => {
            await target.datasync();
            const sizes = flushed.get(path) ?? [];
            sizes.push((await target.stat()).size);
            flushed.set(path, sizes);
          };
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return { openFile, flushed: (path: string) => flushed.get(path) ?? [] };
}

const deps = (store: { append(r: SessionRecord): Promise<void> }) => {
  let t = Date.UTC(2026, 11, 1);
  return {
    pack: miniPack(),
    provider: createOfflineNarrator({ seed: 3 }),
    store,
    clock: { now: () => (t += 1000) },
    seed: 3,
    candidates: 1,
  };
};

const TURNS = SIDE_SYNC_EVERY + 4;
const lines = [...Array(TURNS).keys()].map((i) => `I take step ${i + 1} along the wall.`);
const turnsOf = (records: readonly SessionRecord[]) => records.filter((r): r is TurnRecord => r.type === 'turn');

/** Plays TURNS turns into a session file (and a memory store, for what was made); the file is left open. */
async function play(dir: string) {
  const disk = flushNotingDisk();
  const file = new JsonlSessionStore({ dir, open: disk.openFile });
  const memory = new MemorySessionStore();
  const session = await Session.create(
    deps({
      append: async (r) => {
        await memory.append(r);
        await file.append(r);
      },
    }),
  );
  for (const text of lines) await collect(session.play({ text }));
  const path = sessionPath(session.id, dir);
  return { id: session.id, file, disk, made: memory.records, path, side: diagnosticsPath(path) };
}

describe('the side file flushed every few turns', () => {
  it('flushes the log with every record, the side file with every 16th line and on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-side-sync-'));
    const { file, disk, path, side } = await play(dir);
    const logLines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const sideLines = readFileSync(side, 'utf8').trimEnd().split('\n');
    expect(sideLines).toHaveLength(TURNS);
    let end = 0;
    expect(disk.flushed(path)).toEqual(logLines.map((line) => (end += Buffer.byteLength(`${line}\n`))));
    expect(disk.flushed(side)).toEqual([Buffer.byteLength(`${sideLines.slice(0, SIDE_SYNC_EVERY).join('\n')}\n`)]);
    await file.close();
    expect(disk.flushed(side)).toHaveLength(2);
    expect(disk.flushed(side).at(-1)).toBe(readFileSync(side).length);
  });

  for (const [cut, rest] of [
    ['its end gone', () => Buffer.alloc(0)],
    ['half a line after it', (lost: Buffer) => lost.subarray(0, Math.floor(lost.indexOf(0x0a) / 2))],
    ['the lost bytes as zeros', (lost: Buffer) => Buffer.alloc(lost.length)],
  ] as const) {
    it(`loads every turn after a power cut left the side file at its last flush (${cut}), and play goes on`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'skald-side-sync-'));
      const { id, file, disk, made, path, side } = await play(dir);
      // What a power cut now leaves: the log as it is (flushed with every record), the side file as its last flush held it.
      const kept = disk.flushed(side).at(-1)!;
      const whole = readFileSync(side);
      const after = mkdtempSync(join(tmpdir(), 'skald-side-cut-'));
      writeFileSync(sessionPath(id, after), readFileSync(path));
      writeFileSync(diagnosticsPath(sessionPath(id, after)), Buffer.concat([whole.subarray(0, kept), rest(whole.subarray(kept))]));
      await file.close();

      const loaded = await loadSession(id, after);
      const turns = turnsOf(loaded.records);
      const lost = TURNS - SIDE_SYNC_EVERY;
      expect(activeBranch(loaded.records).map((t) => t.input.text)).toEqual(lines);
      expect(turns.map((t) => t.candidates.map((c) => c.text))).toEqual(turnsOf(made).map((t) => t.candidates.map((c) => c.text)));
      expect(turns.slice(0, SIDE_SYNC_EVERY)).toEqual(turnsOf(made).slice(0, SIDE_SYNC_EVERY));
      for (const t of turns.slice(SIDE_SYNC_EVERY)) {
        expect(t.prompt.breakdown).toEqual({});
        expect(t.plan.directive).toBe('');
        expect(t.candidates[0].timing).toEqual({ ttftMs: null, totalMs: 0, tokensPerSecond: null });
        // What the log itself keeps is there.
        expect(t.prompt.tokens).toBeGreaterThan(0);
      }
      expect(loaded.warnings).toHaveLength(1);
      expect(loaded.warnings[0]).toMatch(
        new RegExp(
          `^${lost} records of session ${id} have no diagnostics \\((its side file has no lines for them|1 line of its side file is unreadable)\\); the story is intact, the debug pane shows nothing for them\\.$`,
        ),
      );
      // A resume reads the side file's end first: the same story, no error.
      const latest = await loadSession(id, after, { diagnostics: 'latest' });
      await latest.attachRemaining();
      expect(activeBranch(latest.records).map((t) => t.input.text)).toEqual(lines);

      // Play goes on: the next turn's side line starts a line of its own and is read back.
      const store = new JsonlSessionStore({ id, dir: after });
      const resumed = await Session.restore(loaded.records, deps(store));
      await collect(resumed.play({ text: 'I knock on the door.' }));
      await store.close();
      const again = await loadSession(id, after);
      const last = turnsOf(again.records).at(-1)!;
      expect(last.input.text).toBe('I knock on the door.');
      expect(Object.keys(last.prompt.breakdown).length).toBeGreaterThan(0);
      expect(last.candidates[0].timing.totalMs).toBeGreaterThanOrEqual(0);
      expect(again.warnings).toEqual(loaded.warnings);
    });
  }
});
