import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataPaths } from '../../src/paths.js';
import { bundledWorldsDir, DEFAULT_WORLD_ID, listWorlds, resolveWorld, UnknownWorldError } from '../../src/world/discover.js';
import { installPack } from '../../src/world/install.js';
import { PackError } from '../../src/world/problems.js';
import { BASE, writePack } from './helpers.js';

afterEach(async () => {
  await rm(dataPaths().worlds, { recursive: true, force: true });
});

describe('discovering worlds', () => {
  it('finds the bundled worlds folder from src/', () => {
    expect(bundledWorldsDir()).toBe(new URL('../../worlds', import.meta.url).pathname);
    expect(existsSync(join(bundledWorldsDir(), DEFAULT_WORLD_ID, 'world.yaml'))).toBe(true);
  });

  it('lists bundled worlds with their details', async () => {
    const worlds = await listWorlds();
    const orchard = worlds.find((w) => w.id === DEFAULT_WORLD_ID);
    expect(orchard).toMatchObject({ origin: 'bundled', language: 'en', location: join(bundledWorldsDir(), DEFAULT_WORLD_ID) });
    expect(orchard?.title.length).toBeGreaterThan(0);
  });

  it('installs a pack, lists it, and lets an installed id override a bundled one with a note', async () => {
    const mine = await writePack({ 'world.yaml': BASE, 'lore/extra.yaml': '- id: well\n  keys: [well]\n  text: A well.\n' });
    const installed = await installPack(mine);
    expect(installed).toEqual({
      id: 'test-pack',
      location: join(dataPaths().worlds, 'test-pack'),
      overridesBundled: false,
      replaced: false,
    });
    expect(existsSync(join(installed.location, 'lore', 'extra.yaml'))).toBe(true);
    expect((await resolveWorld('test-pack')).pack.lore.map((l) => l.id)).toEqual(['mill', 'well']);

    const shadow = await writePack({
      'shadow.yaml': BASE.replace('id: test-pack', `id: ${DEFAULT_WORLD_ID}`).replace('title: Test Pack', 'title: My Orchard'),
    });
    const over = await installPack(join(shadow, 'shadow.yaml'));
    expect(over.overridesBundled).toBe(true);
    const worlds = await listWorlds();
    const orchards = worlds.filter((w) => w.id === DEFAULT_WORLD_ID);
    expect(orchards).toHaveLength(1);
    expect(orchards[0]).toMatchObject({ title: 'My Orchard', origin: 'installed', overrides: true });
    expect(orchards[0].note).toMatch(/overrides the bundled world/);
    const resolved = await resolveWorld(DEFAULT_WORLD_ID);
    expect(resolved.origin).toBe('installed');
    expect(resolved.pack.title).toBe('My Orchard');
  });

  it('reinstalls, even from the installed folder or a file in it, without losing the pack', async () => {
    const mine = await writePack({ 'world.yaml': BASE, 'lore/extra.yaml': '- id: well\n  keys: [well]\n  text: A well.\n' });
    await installPack(mine);
    const again = await installPack(mine);
    expect(again.replaced).toBe(true);
    const self = await installPack(again.location);
    expect(self.replaced).toBe(true);
    await installPack(join(again.location, 'world.yaml'));
    expect(existsSync(join(again.location, 'world.yaml'))).toBe(true);
    expect((await resolveWorld('test-pack')).origin).toBe('installed');
    expect((await listWorlds()).filter((w) => w.id === 'test-pack')).toHaveLength(1);
  });

  it('refuses to install an invalid pack', async () => {
    const bad = await writePack({ 'world.yaml': BASE.replace('skald: 1', 'skald: 2') });
    await expect(installPack(bad)).rejects.toBeInstanceOf(PackError);
    expect(existsSync(join(dataPaths().worlds, 'test-pack'))).toBe(false);
  });

  it('resolves paths to folders and files', async () => {
    const dir = await writePack({ 'world.yaml': BASE, 'solo.yml': BASE.replace('id: test-pack', 'id: solo') });
    expect((await resolveWorld(dir)).origin).toBe('path');
    expect((await resolveWorld(join(dir, 'solo.yml'))).pack.id).toBe('solo');
  });

  it('names the known ids for an unknown id, and throws PackError for an invalid path', async () => {
    const error = await resolveWorld('no-such-world').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownWorldError);
    expect((error as Error).message).toMatch(/^There is no world with id "no-such-world"; known worlds: .*glass-orchard/);
    const bad = await writePack({ 'world.yaml': BASE.replace('      wren: debtor', '      morrow: rival') });
    const packError = await resolveWorld(bad).catch((e: unknown) => e);
    expect(packError).toBeInstanceOf(PackError);
    expect((packError as PackError).problems).toHaveLength(1);
    expect((packError as Error).message).toContain('world.yaml:16:7 characters[1].relations.morrow: no character with id "morrow"');
  });

  it('lists an installed pack that no longer loads, with a note, and refuses to resolve it', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const broken = join(dataPaths().worlds, 'broken');
    await mkdir(broken, { recursive: true });
    await writeFile(join(broken, 'world.yaml'), BASE.replace('id: test-pack', 'id: broken').replace('skald: 1', 'skald: 2'));
    const listed = (await listWorlds()).find((w) => w.id === 'broken');
    expect(listed).toMatchObject({ origin: 'installed', title: '(invalid pack)' });
    expect(listed?.note).toMatch(/skald worlds validate/);
    expect(listed?.problems?.[0].message).toBe('unsupported format version 2; this skald reads version 1');
    await expect(resolveWorld('broken')).rejects.toBeInstanceOf(PackError);
  });
});
