// A pack played by path (`skald play ./my-pack`, started or resumed) is answered from the pack cache
// while its files are unchanged, as a bundled or installed one is, and read and validated again
// once one changes. What a start answers from is shown by the cache file itself: an entry edited
// by hand is what the next start gets, until the pack's own files change.
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataPaths } from '../../src/paths.js';
import { BASE, writePack } from './helpers.js';

/** skald's world discovery as a new process has it (no cache held in memory). */
async function freshStart() {
  vi.resetModules();
  const [discover, cache] = await Promise.all([import('../../src/world/discover.js'), import('../../src/world/pack-cache.js')]);
  return { resolveWorld: discover.resolveWorld, cachePath: cache.packCachePath(), max: cache.MAX_PATH_ENTRIES };
}

type CacheFile = { entries: Record<string, { loaded: { pack: { title: string } } }> };
const readCache = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as CacheFile;

afterEach(async () => {
  await rm(join(dataPaths().root, 'cache'), { recursive: true, force: true });
});

describe('a pack played by path', () => {
  it('is answered from the cache while unchanged, validated again once edited, and refused once broken', async () => {
    const folder = await writePack({ 'world.yaml': BASE });
    const first = await freshStart();
    expect((await first.resolveWorld(folder)).pack.title).toBe('Test Pack');

    // The next start answers from the cache: the hand-edited entry, not the folder, is what it gets.
    const file = readCache(first.cachePath);
    const entry = file.entries[`path:${folder}`];
    expect(entry).toBeDefined();
    entry.loaded.pack.title = 'Kept In The Cache';
    writeFileSync(first.cachePath, JSON.stringify(file));
    expect((await (await freshStart()).resolveWorld(folder)).pack.title).toBe('Kept In The Cache');

    // Edited between runs: read and validated again.
    writeFileSync(join(folder, 'world.yaml'), BASE.replace('title: Test Pack', 'title: Renamed Pack'));
    expect((await (await freshStart()).resolveWorld(folder)).pack.title).toBe('Renamed Pack');
    writeFileSync(join(folder, 'world.yaml'), BASE.replace('title: Test Pack', 'title: [broken'));
    // (A fresh module graph has its own PackError class: the problems say what it is.)
    await expect((await freshStart()).resolveWorld(folder)).rejects.toMatchObject({
      problems: [{ severity: 'error', file: 'world.yaml' }],
    });
  });

  it('names a missing path as it was typed, and keeps only the latest packs played by path', async () => {
    const start = await freshStart();
    const typed = `./${relative(process.cwd(), join(dataPaths().root, 'no-such-pack.yaml'))}`;
    await expect(start.resolveWorld(typed)).rejects.toThrow(typed.slice(2));
    const folders: string[] = [];
    for (let i = 0; i < start.max + 2; i++) {
      const folder = await writePack({ 'world.yaml': BASE.replace('id: test-pack', `id: pack-${i}`) });
      folders.push(folder);
      expect((await start.resolveWorld(folder)).pack.id).toBe(`pack-${i}`);
    }
    const kept = Object.keys(readCache(start.cachePath).entries).filter((key) => key.startsWith('path:'));
    expect(kept).toEqual(folders.slice(-start.max).map((f) => `path:${f}`));
  });
});
