import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { JsonlSessionStore } from '../../src/store/session-file.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { scriptedProvider, steppingClock } from '../engine/session/scripted-provider.js';
import { collect } from '../engine/session/helpers.js';

const root = new URL('../../', import.meta.url);
const bin = new URL('bin/skald.js', root).pathname;
const home = mkdtempSync(join(tmpdir(), 'skald-sessions-'));

function skald(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

const ids: string[] = [];

beforeAll(async () => {
  for (const [seed, inputs] of [
    [1, ['I knock twice.', 'Who is there?']],
    [2, ['Hello.']],
  ] as const) {
    const store = new JsonlSessionStore({ dir: join(home, 'sessions') });
    const provider = { ...scriptedProvider(), label: 'openrouter · some-model', model: 'some-model' };
    const session = await Session.create({
      pack: miniPack(),
      provider,
      store,
      clock: steppingClock(Date.UTC(2026, 10, 29, 4, seed)),
      seed,
      candidates: 2,
    });
    for (const text of inputs) await collect(session.play({ text }));
    if (seed === 1) {
      await session.choose(1, 1); // forks: the active branch is now turn 1 with candidate 2
      await collect(session.play({ text: 'Is anyone home?' }));
    }
    await store.close();
    ids.push(session.id);
  }
});

describe('skald sessions', () => {
  it('list --json shows every session from its start record', () => {
    const out = skald('sessions', 'list', '--json');
    expect(out.status).toBe(0);
    const list = JSON.parse(out.stdout) as Array<{ id: string; world: string; provider: string }>;
    expect(list.map((s) => s.id).sort()).toEqual([...ids].sort());
    expect(list.every((s) => s.world === 'mini-mill' && s.provider === 'openrouter · some-model')).toBe(true);
    expect(skald('sessions', 'list').stdout).toContain(ids[0]);
  });

  it("list shows the turns on each story's active branch, in its table and as --json's turns", () => {
    const list = JSON.parse(skald('sessions', 'list', '--json').stdout) as Array<{ id: string; turns: number | null }>;
    // The first story forked at turn 1 and played on: two turns on its branch, as `show` says.
    expect(Object.fromEntries(list.map((s) => [s.id, s.turns]))).toEqual({ [ids[0]]: 2, [ids[1]]: 1 });
    const lines = skald('sessions', 'list').stdout.split('\n');
    expect(lines[0]).toMatch(/^ID +WORLD +OPENING +PROVIDER +TURNS +LAST PLAYED +SIZE$/);
    expect(lines.find((line) => line.startsWith(ids[0]))).toMatch(/some-model +2 +2026-/);
  });

  it('show --json prints the active branch only', () => {
    const out = skald('sessions', 'show', ids[0], '--json');
    expect(out.status).toBe(0);
    const shown = JSON.parse(out.stdout);
    expect(shown).toMatchObject({ id: ids[0], world: 'mini-mill' });
    expect(shown.turns.map((t: { input: string }) => t.input)).toEqual(['I knock twice.', 'Is anyone home?']);
    expect(shown.turns[0].chosen).toBe(1);
    expect(shown.turns[0].reply).toBe(shown.turns[0].candidates[1].text);
  });

  it('export md and json carry the story and no keys', () => {
    const md = skald('sessions', 'export', ids[0], '--format', 'md');
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('# The Mini Mill');
    expect(md.stdout).toContain('I knock twice.');
    const file = join(home, 'story.json');
    const json = skald('sessions', 'export', ids[0], '--format', 'json', '--out', file);
    expect(json.status).toBe(0);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.turns).toHaveLength(2);
    expect(JSON.stringify(exported)).not.toMatch(/sk-|apiKey|Bearer/);
    expect(skald('sessions', 'export', ids[0], '--format', 'pdf').status).toBe(2);
  });

  it('export to a folder that does not exist is one sentence, exit 1', () => {
    const target = join(home, 'no-such-folder', 'story.md');
    const run = skald('sessions', 'export', ids[0], '--out', target);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`skald: Cannot write the export to ${target} (its folder does not exist); choose another --out path.\n`);
  });

  it('show tolerates a torn last line and reports it on stderr', () => {
    appendFileSync(join(home, 'sessions', `${ids[1]}.jsonl`), '{"type":"turn","at":');
    const out = skald('sessions', 'show', ids[1], '--json');
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).turns).toHaveLength(1);
    expect(out.stderr).toMatch(/cut off/);
  });

  it('rm deletes one session; unknown ids are one sentence and exit 1', () => {
    expect(skald('sessions', 'rm', 'last').status).toBe(2);
    // Words the player left unsent beside the story go with it.
    writeFileSync(join(home, 'sessions', `${ids[1]}.jsonl.draft`), 'I kneel.');
    const rm = skald('sessions', 'rm', ids[1]);
    expect(rm.status).toBe(0);
    expect(existsSync(join(home, 'sessions', `${ids[1]}.jsonl`))).toBe(false);
    expect(existsSync(join(home, 'sessions', `${ids[1]}.jsonl.draft`))).toBe(false);
    const missing = skald('sessions', 'show', 'nope');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no session "nope"/);
  });
});
