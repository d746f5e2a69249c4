/**
 * A cache of packs that loaded cleanly, so `skald worlds list`, `skald play <id>` and a pack played
 * by path (started or resumed) do not parse and validate every world's YAML on every start (the
 * YAML parser, the schema and the checks were most of those commands' time). An entry is used only
 * while every file the pack was read from, and the folders that could hold more, have the same
 * size, modification time and inode, and the loader itself is the same build; anything else loads
 * the pack again. Packs with errors are never cached (their problems are worth reading fresh). The
 * cache is one JSON file, replaced whole by a rename, so a crash or a second skald cannot leave
 * half of it; an unreadable cache is ignored.
 */
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataPaths } from '../paths.js';
import type { PackLoadResult } from './load.js';
import type { LoadedPack, PackOrigin } from './types.js';

/** Bumped when what is cached, or how a pack is normalised, changes in a way mtimes cannot tell. */
const CACHE_FORMAT = 1;

/**
 * Packs played by path kept at most (the latest loaded): unlike the bundled and installed folders,
 * any folder can be one, and an entry per folder ever played would grow the file every start reads.
 */
export const MAX_PATH_ENTRIES = 8;

interface Entry {
  fingerprint: string;
  loaded: LoadedPack;
}

interface CacheFile {
  format: number;
  /** The loader's own build: a new skald never trusts an older one's normalised packs. */
  build: string;
  entries: Record<string, Entry>;
}

let memory: { path: string; file: CacheFile } | undefined;
let dirty = false;

/** The cache file, beside the player's other data. */
export function packCachePath(): string {
  return join(dataPaths().root, 'cache', 'packs.json');
}

async function statKey(path: string): Promise<string> {
  try {
    const s = await stat(path, { bigint: true });
    return `${s.size}:${s.mtimeNs}:${s.ino}`;
  } catch {
    return '-';
  }
}

/**
 * What the pack at `location` was read from, as one string: the file itself, or the folder, its
 * world.yaml, the `characters/` and `lore/` folders and every file in them.
 */
export async function packFingerprint(location: string): Promise<string> {
  const parts = [`${location}=${await statKey(location)}`];
  const self = await stat(location).catch(() => undefined);
  if (!self?.isDirectory()) return parts.join('|');
  parts.push(`world.yaml=${await statKey(join(location, 'world.yaml'))}`);
  for (const list of ['characters', 'lore']) {
    const dir = join(location, list);
    parts.push(`${list}/=${await statKey(dir)}`);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.sort()) parts.push(`${list}/${name}=${await statKey(join(dir, name))}`);
  }
  return parts.join('|');
}

let buildKey: Promise<string> | undefined;

/** This module's own file (the bundle chunk, or the source under tests): a rebuilt skald has a new one. */
function currentBuild(): Promise<string> {
  return (buildKey ??= statKey(fileURLToPath(import.meta.url)).then((key) => `${CACHE_FORMAT}:${key}`));
}

async function readCache(): Promise<CacheFile> {
  const path = packCachePath();
  if (memory?.path === path) return memory.file;
  const build = await currentBuild();
  let file: CacheFile = { format: CACHE_FORMAT, build, entries: {} };
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<CacheFile>;
    if (parsed.format === CACHE_FORMAT && parsed.build === build && parsed.entries && typeof parsed.entries === 'object')
      file = { format: CACHE_FORMAT, build, entries: parsed.entries };
  } catch {
    // missing or unreadable: start an empty one
  }
  memory = { path, file };
  dirty = false;
  return file;
}

/**
 * `loadPack`, answered from the cache while the pack's files are unchanged. The YAML loader and
 * the schema are imported only when a pack has to be read.
 */
export async function loadPackCached(path: string, origin: PackOrigin): Promise<PackLoadResult> {
  const location = resolve(path);
  const [cache, fingerprint] = await Promise.all([readCache(), packFingerprint(location)]);
  const key = `${origin}:${location}`;
  const hit = cache.entries[key];
  if (hit && hit.fingerprint === fingerprint) return { ok: true, loaded: structuredClone(hit.loaded) };
  const { loadPack } = await import('./load.js');
  // As given: a problem with a path the player typed names it as typed.
  const result = await loadPack(path, origin);
  if (result.ok) {
    // Deleted first, so that a pack loaded again counts as the latest.
    delete cache.entries[key];
    cache.entries[key] = { fingerprint, loaded: structuredClone(result.loaded) };
    if (origin === 'path') dropOldPaths(cache);
    dirty = true;
  } else if (hit) {
    delete cache.entries[key];
    dirty = true;
  }
  return result;
}

/** Keeps the latest `MAX_PATH_ENTRIES` packs played by path (entries keep their insertion order). */
function dropOldPaths(cache: CacheFile): void {
  const paths = Object.keys(cache.entries).filter((key) => key.startsWith('path:'));
  for (const key of paths.slice(0, Math.max(0, paths.length - MAX_PATH_ENTRIES))) delete cache.entries[key];
}

/** Writes the cache if a pack was loaded afresh; failures are ignored (the cache is only a shortcut). */
export async function savePackCache(): Promise<void> {
  if (!dirty || !memory) return;
  dirty = false;
  const { path, file } = memory;
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(temp, JSON.stringify(file), { mode: 0o600 });
    await rename(temp, path);
  } catch {
    // a read-only data folder: the next start reads the packs again
  }
}
