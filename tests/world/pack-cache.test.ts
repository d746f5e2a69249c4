import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataPaths } from '../../src/paths.js';
import { bundledWorldsDir, DEFAULT_WORLD_ID } from '../../src/world/discover.js';
import { loadPack } from '../../src/world/load.js';
import { BASE, writePack } from './helpers.js';

/** A fresh copy of the cache module, as a new process would have it (nothing held in memory). */
async function freshCache() {
  vi.resetModules();
  return import('../../src/world/pack-cache.js');
}

afterEach(async () => {
  await rm(join(dataPaths().root, 'cache'), { recursive: true, force: true });
});

describe('the pack cache', () => {
  it('answers with exactly what the loader returns, from the file a later process reads', async () => {
    const location = join(bundledWorldsDir(), DEFAULT_WORLD_ID);
    const direct = await loadPack(location, 'bundled');
    const first = await freshCache();
    expect(await first.loadPackCached(location, 'bundled')).toEqual(direct);
    await first.savePackCache();
    expect(existsSync(first.packCachePath())).toBe(true);

    const second = await freshCache();
    const cached = await second.loadPackCached(location, 'bundled');
    expect(cached).toEqual(direct);
    // A caller may change what it got without changing what the next caller gets.
    if (cached.ok) cached.loaded.pack.title = 'changed';
    expect(await second.loadPackCached(location, 'bundled')).toEqual(direct);
  });

  it('reads a pack again once one of its files changes, or a file is added to a merged folder', async () => {
    const folder = await writePack({ 'world.yaml': BASE });
    const cache = await freshCache();
    const before = await cache.loadPackCached(folder, 'installed');
    expect(before.ok && before.loaded.pack.title).toBe('Test Pack');
    await cache.savePackCache();

    writeFileSync(join(folder, 'world.yaml'), BASE.replace('title: Test Pack', 'title: Renamed Pack'));
    const renamed = await (await freshCache()).loadPackCached(folder, 'installed');
    expect(renamed.ok && renamed.loaded.pack.title).toBe('Renamed Pack');

    const again = await freshCache();
    await again.loadPackCached(folder, 'installed');
    await again.savePackCache();
    writeFileSync(join(folder, 'lore.yaml.txt'), 'not a pack file');
    mkdirSync(join(folder, 'lore'), { recursive: true });
    writeFileSync(join(folder, 'lore', 'extra.yaml'), '- id: well\n  keys: [well]\n  text: A well.\n');
    const merged = await (await freshCache()).loadPackCached(folder, 'installed');
    expect(merged.ok && merged.loaded.pack.lore.map((l) => l.id)).toEqual(['mill', 'well']);
  });

  it('never keeps a pack with errors, and ignores a cache file it cannot read', async () => {
    const folder = await writePack({ 'world.yaml': BASE.replace('title: Test Pack', 'title: [broken') });
    const cache = await freshCache();
    const bad = await cache.loadPackCached(folder, 'installed');
    expect(bad.ok).toBe(false);
    await cache.savePackCache();
    expect(existsSync(cache.packCachePath()) ? readFileSync(cache.packCachePath(), 'utf8') : '').not.toContain(folder);

    mkdirSync(join(cache.packCachePath(), '..'), { recursive: true });
    writeFileSync(cache.packCachePath(), '{ torn');
    const location = join(bundledWorldsDir(), DEFAULT_WORLD_ID);
    expect(await (await freshCache()).loadPackCached(location, 'bundled')).toEqual(await loadPack(location, 'bundled'));
  });
});
