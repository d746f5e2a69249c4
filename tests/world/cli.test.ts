import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { create, install, list, schema, show, validate } from '../../src/cli/worlds-run.js';
import { dataPaths } from '../../src/paths.js';
import type { WorldPack } from '../../src/world/types.js';
import { BASE, writePack } from './helpers.js';

let written: string[] = [];
beforeEach(() => {
  written = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
});
afterEach(async () => {
  process.exitCode = undefined;
  await rm(dataPaths().worlds, { recursive: true, force: true });
});
const stdout = () => written.join('');

describe('skald worlds (run functions)', () => {
  it('validate: ok packs exit 0, one line per problem and exit 1 otherwise', async () => {
    const good = await writePack({ 'world.yaml': BASE });
    await validate([good]);
    expect(process.exitCode).toBeUndefined();
    expect(stdout()).toBe(`${good}: ok (test-pack)\n`);

    written = [];
    const bad = await writePack({ 'world.yaml': BASE.replace('      wren: debtor', '      morrow: rival').replace('skald: 1\n', '') });
    await validate([good, bad]);
    expect(process.exitCode).toBe(1);
    expect(stdout().split('\n')).toEqual([
      `${good}: ok (test-pack)`,
      `${bad}: invalid`,
      '  world.yaml:1:1 skald: required: write `skald: 1` (the format version) at the top',
      '  world.yaml:15:7 characters[1].relations.morrow: no character with id "morrow" (keys are character ids or `player`)',
      '',
    ]);
  });

  it('validate takes the id of a bundled world when no such path exists', async () => {
    await validate(['harbor-lights']);
    expect(process.exitCode).toBeUndefined();
    expect(stdout()).toBe('harbor-lights: ok (harbor-lights)\n');
    written = [];
    await validate(['no-such-world']);
    expect(process.exitCode).toBe(1);
    expect(stdout()).toContain('no-such-world: invalid');
  });

  it('validate --json reports each path', async () => {
    const bad = await writePack({ 'world.yaml': BASE.replace('skald: 1', 'skald: 2') });
    await validate([bad], { json: true });
    expect(process.exitCode).toBe(1);
    expect(JSON.parse(stdout())).toEqual([
      {
        path: bad,
        valid: false,
        problems: [
          {
            severity: 'error',
            file: 'world.yaml',
            line: 1,
            column: 8,
            path: 'skald',
            message: 'unsupported format version 2; this skald reads version 1',
          },
        ],
      },
    ]);
  });

  it('validate lists errors before warnings, in text and in JSON', async () => {
    // The loader meets the empty lore file and the unknown key before the missing version.
    const bad = await writePack({
      'world.yaml': BASE.replace('skald: 1\n', '').replace('title: Test Pack', 'title: Test Pack\ncolour: blue'),
      'lore/empty.yaml': '',
    });
    await validate([bad]);
    expect(process.exitCode).toBe(1);
    expect(stdout().split('\n')).toEqual([
      `${bad}: invalid`,
      '  world.yaml:1:1 skald: required: write `skald: 1` (the format version) at the top',
      '  warning: lore/empty.yaml this file is empty',
      '  warning: world.yaml:3:1 colour: unknown key `colour` is ignored; put your own data under `extensions:`',
      '',
    ]);
    written = [];
    await validate([bad], { json: true });
    const [result] = JSON.parse(stdout()) as { valid: boolean; problems: { severity: string }[] }[];
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => p.severity)).toEqual(['error', 'warning', 'warning']);
  });

  it('new writes a starter pack that validate accepts, and refuses to overwrite', async () => {
    const parent = await writePack({});
    const out = join(parent, 'lantern');
    await create('lantern-keep', { out });
    expect(existsSync(join(out, 'world.yaml'))).toBe(true);
    written = [];
    await validate([out]);
    expect(process.exitCode).toBeUndefined();
    expect(stdout()).toBe(`${out}: ok (lantern-keep)\n`);
    await expect(create('lantern-keep', { out })).rejects.toBeInstanceOf(InputError);
    await expect(create('Bad Id', { out: join(parent, 'x') })).rejects.toThrow(/not a pack id/);
  });

  it("new refuses a bundled world's id unless --force", async () => {
    const parent = await writePack({});
    const out = join(parent, 'orchard');
    const error = await create('glass-orchard', { out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(
      '"glass-orchard" is the id of a bundled world, which your pack would hide once installed: choose another id, like my-glass-orchard, or add --force to use it anyway.',
    );
    expect(existsSync(join(out, 'world.yaml'))).toBe(false);
    await create('glass-orchard', { out, force: true });
    expect(existsSync(join(out, 'world.yaml'))).toBe(true);
  });

  it('install, list and show work together', async () => {
    const dir = await writePack({ 'world.yaml': BASE.replace('setting: A small town.', 'setting: A small town.\ntags: [quiet]') });
    await install(dir);
    expect(stdout()).toContain(`Installed "test-pack" at ${join(dataPaths().worlds, 'test-pack')}`);

    written = [];
    await list({ json: true });
    const listed = JSON.parse(stdout()) as { id: string; origin: string; tags: string[] }[];
    expect(listed.find((w) => w.id === 'test-pack')).toMatchObject({ origin: 'installed', tags: ['quiet'] });
    expect(listed.some((w) => w.id === 'glass-orchard' && w.origin === 'bundled')).toBe(true);

    written = [];
    await list();
    expect(stdout()).toMatch(/^test-pack\s+Test Pack\s+\(en, teen, installed\)\s+\[quiet\]$/m);

    written = [];
    await show('test-pack', { json: true });
    const pack = JSON.parse(stdout()) as WorldPack;
    expect(pack).toMatchObject({ skald: 1, id: 'test-pack', language: 'en', rating: 'teen', style: { pov: 'second', length: [60, 220] } });
    expect(pack.lore[0]).toMatchObject({ id: 'mill', selectiveLogic: 'and_any', wholeWords: true, excludeKeys: [] });

    written = [];
    await show('test-pack');
    expect(stdout()).toContain('Test Pack (test-pack 1.0.0)');
    expect(stdout()).toContain('characters (2): Wren, Ilsa');
  });

  it('install and show turn bad input into InputError with the problem lines', async () => {
    const bad = await writePack({ 'world.yaml': BASE.replace('      wren: debtor', '      morrow: rival') });
    const error = await install(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain('characters[1].relations.morrow');
    const unknown = await show('no-such-world').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(InputError);
    expect((unknown as Error).message).toMatch(/^There is no world with id "no-such-world"; known worlds: /);
  });

  it('schema prints the JSON Schema', async () => {
    await schema();
    const printed = JSON.parse(stdout()) as { type: string; properties: Record<string, unknown> };
    expect(printed.type).toBe('object');
    expect(printed.properties).toHaveProperty('lore');
  });
});

describe('skald worlds validate through the entry point', () => {
  it('prints problems and exits 1, or exits 0 for the bundled worlds', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const bad = await writePack({ 'world.yaml': BASE.replace('lore:', 'lroe:').replace('      wren: debtor', '      morrow: rival') });
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env },
      });
    const failed = run('worlds', 'validate', bad);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('  warning: world.yaml:5:1 lroe: unknown key `lroe` is ignored; did you mean `lore`?\n');
    expect(failed.stdout).toContain('  world.yaml:16:7 characters[1].relations.morrow: no character with id "morrow"');
    expect(failed.stderr).toBe('');
    const ok = run('worlds', 'validate', join(root, 'worlds', 'glass-orchard'));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('ok (glass-orchard)');
  });
});
