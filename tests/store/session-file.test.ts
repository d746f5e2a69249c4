import { mkdtempSync, readFileSync, writeFileSync, appendFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { open } from 'node:fs/promises';
import { JsonlSessionStore, sessionPath, type OpenFile } from '../../src/store/session-file.js';
import { loadSession } from '../../src/store/load.js';
import { SessionLoadError } from '../../src/store/load-error.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { scriptedProvider, steppingClock } from '../engine/session/scripted-provider.js';
import { collect } from '../engine/session/helpers.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'skald-store-'));
}

async function playedSession(dir: string, inputs: string[]) {
  const store = new JsonlSessionStore({ dir });
  const deps = { pack: miniPack(), provider: scriptedProvider(), store, clock: steppingClock(), seed: 3, candidates: 2 };
  const session = await Session.create(deps);
  for (const text of inputs) await collect(session.play({ text }));
  await store.close();
  return { session, deps, path: sessionPath(session.id, dir) };
}

describe('session files', () => {
  it('appends one JSON line per record and never rewrites earlier bytes', async () => {
    const dir = tempDir();
    const store = new JsonlSessionStore({ dir });
    const session = await Session.create({
      pack: miniPack(),
      provider: scriptedProvider(),
      store,
      clock: steppingClock(),
      seed: 3,
      candidates: 2,
    });
    const path = sessionPath(session.id, dir);
    const first = readFileSync(path, 'utf8');
    await collect(session.play({ text: 'Hello, brother.' }));
    const second = readFileSync(path, 'utf8');
    expect(second.startsWith(first)).toBe(true);
    await session.choose(1, 1);
    const third = readFileSync(path, 'utf8');
    expect(third.startsWith(second)).toBe(true);
    const types = third
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).type);
    expect(types).toEqual(['session-start', 'turn', 'choose']);
    expect(session.id).toMatch(/^\d{8}-\d{4}-[0-9a-f]{4}$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await store.close();
  });

  it("reads a file's tail once per handle, not before every append, while every write completes", async () => {
    const dir = tempDir();
    const tailReads: string[] = [];
    // Real handles; only their stat and read calls are noted.
    const openFile: OpenFile = async (path, flags, mode) => {
      const handle = await open(path, flags, mode);
      return new Proxy(handle, {
        get(target, key, receiver) {
          if (key === 'stat' || key === 'read') tailReads.push(`${String(key)} ${path.endsWith('.diag') ? 'side' : 'log'}`);
          const value = Reflect.get(target, key, receiver) as unknown;
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    };
    const store = new JsonlSessionStore({ dir, open: openFile });
    const session = await Session.create({
      pack: miniPack(),
      provider: scriptedProvider(),
      store,
      clock: steppingClock(),
      seed: 3,
      candidates: 2,
    });
    for (const text of ['One.', 'Two.', 'Three.', 'Four.']) await collect(session.play({ text }));
    await store.close();
    // The log's handle is opened for the first turn (the start record is written by `create`), the side file's too.
    expect(tailReads.filter((r) => r.startsWith('stat')).sort()).toEqual(['stat log', 'stat side']);
    const records = readFileSync(sessionPath(session.id, dir), 'utf8').split('\n');
    expect(records.at(-1)).toBe('');
    expect(records.slice(0, -1).map((l) => JSON.parse(l).type)).toEqual(['session-start', 'turn', 'turn', 'turn', 'turn']);
  });

  it('recovers from a torn last line: warns, keeps everything before it, resumes on a fresh line', async () => {
    const dir = tempDir();
    const { session, deps, path } = await playedSession(dir, ['Hello, brother.', 'Why did the wheel stop?']);
    appendFileSync(path, '{"type":"turn","at":1,"nodeId":"n3","paren');
    const loaded = await loadSession(session.id, dir);
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatch(/last line .* cut off/);
    expect(loaded.records.map((r) => r.type)).toEqual(['session-start', 'turn', 'turn']);

    const store = new JsonlSessionStore({ id: session.id, dir });
    const resumed = await Session.restore(loaded.records, { ...deps, store });
    await collect(resumed.play({ text: 'And Ilsa?' }));
    await store.close();
    const again = await loadSession(session.id, dir);
    expect(again.records.filter((r) => r.type === 'turn')).toHaveLength(3);
    // The torn fragment is still there (never rewritten), now reported as an unreadable line.
    expect(readFileSync(path, 'utf8')).toContain('"paren\n');
    expect(again.warnings).toEqual([expect.stringMatching(/Line 4 .* unreadable/)]);
  });

  it('keeps what is readable around a corrupted middle line and reports it', async () => {
    const dir = tempDir();
    const { session, path } = await playedSession(dir, ['One.', 'Two.', 'Three.']);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[2] = lines[2].slice(0, 40) + '\u0000garbage';
    writeFileSync(path, lines.join('\n'));
    const loaded = await loadSession(session.id, dir);
    // Turn 2 is lost; turn 3, whose parent it was, is re-attached to turn 1 and kept.
    expect(loaded.warnings).toEqual([
      expect.stringMatching(/^Line 3 .* unreadable \(its checksum does not match\) and was skipped; a turn is lost\.$/),
      expect.stringMatching(/turn 3 \("Three\."\) followed n2, which is lost; it now follows turn 1 \("One\."\)/),
    ]);
    expect(loaded.records.map((r) => r.type)).toEqual(['session-start', 'turn', 'turn']);
    expect(loaded.records.flatMap((r) => (r.type === 'turn' ? [[r.number, r.parentId]] : []))).toEqual([
      [1, null],
      [3, 'n1'],
    ]);
  });

  it('a session whose start is unreadable fails to load and its file is left byte for byte', async () => {
    const dir = tempDir();
    const { session, path } = await playedSession(dir, ['One.']);
    const broken = 'not json\n' + readFileSync(path, 'utf8').split('\n').slice(1).join('\n');
    writeFileSync(path, broken);
    await expect(loadSession(session.id, dir)).rejects.toBeInstanceOf(SessionLoadError);
    expect(readFileSync(path, 'utf8')).toBe(broken);
  });

  it('resume continues turn numbers from the file', async () => {
    const dir = tempDir();
    const { session, deps } = await playedSession(dir, ['One.', 'Two.']);
    const loaded = await loadSession(session.id, dir);
    const store = new JsonlSessionStore({ id: session.id, dir });
    const resumed = await Session.restore(loaded.records, { ...deps, store });
    const events = await collect(resumed.play({ text: 'Three.' }));
    await store.close();
    const done = events.at(-1);
    expect(done?.type === 'turn-done' && done.turn.number).toBe(3);
    const reread = await loadSession(session.id, dir);
    expect(reread.records.filter((r) => r.type === 'turn').map((r) => (r as { number: number }).number)).toEqual([1, 2, 3]);
  });

  it('never writes an API key into a session', async () => {
    const dir = tempDir();
    const provider = { ...scriptedProvider(), label: 'local · llama', model: 'llama' };
    const store = new JsonlSessionStore({ dir });
    const session = await Session.create({ pack: miniPack(), provider, store, clock: steppingClock(), seed: 3, candidates: 1 });
    await collect(session.play({ text: 'Hi.' }));
    await store.close();
    const text = readFileSync(sessionPath(session.id, dir), 'utf8');
    const start = JSON.parse(text.split('\n')[0]);
    expect(Object.keys(start.provider).sort()).toEqual(['id', 'label', 'model', 'offline']);
  });
});

describe('session ids', () => {
  it('a new session never appends to an existing file with the same id', async () => {
    const dir = tempDir();
    const deps = {
      pack: miniPack(),
      provider: scriptedProvider(),
      clock: steppingClock(),
      seed: 3,
      candidates: 1,
      id: '20261129-0435-beef',
    };
    const first = new JsonlSessionStore({ dir });
    await Session.create({ ...deps, store: first });
    await first.close();
    const before = readFileSync(sessionPath(deps.id, dir), 'utf8');
    await expect(Session.create({ ...deps, store: new JsonlSessionStore({ dir }) })).rejects.toThrow(/already exists/);
    expect(readFileSync(sessionPath(deps.id, dir), 'utf8')).toBe(before);
  });
});
