/**
 * Where worlds come from: the packs bundled with skald, the player's installed packs (which
 * override a bundled pack of the same id), and any path given on the command line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataPaths } from '../paths.js';
import { loadPackCached, savePackCache } from './pack-cache.js';
import { PackError } from './problems.js';
import type { LoadedPack, PackOrigin, PackProblem, Rating } from './types.js';

export const DEFAULT_WORLD_ID = 'glass-orchard';

export interface WorldListing {
  id: string;
  title: string;
  language: string;
  rating: Rating;
  tags: string[];
  summary: string;
  origin: PackOrigin;
  location: string;
  /** An installed pack that hides a bundled one of the same id. */
  overrides?: boolean;
  note?: string;
  /** Set when the pack does not load; `id` is then the folder or file name. */
  problems?: PackProblem[];
}

/** No world with that id: the message lists the ids that exist. */
export class UnknownWorldError extends Error {
  constructor(
    readonly id: string,
    readonly known: string[],
  ) {
    super(
      `There is no world with id "${id}"; known worlds: ${known.join(', ') || 'none'} (or give a path to a pack folder or .yaml file).`,
    );
    this.name = 'UnknownWorldError';
  }
}

let bundledDir: string | undefined;

/** The package's `worlds/` folder, found from this module whether it runs from src/ or dist/. */
export function bundledWorldsDir(): string {
  if (bundledDir) return bundledDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'skald') return (bundledDir = join(dir, 'worlds'));
      } catch {
        // an unreadable package.json on the way up is not ours; keep climbing
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find skald's package folder to locate the bundled worlds");
    dir = parent;
  }
}

/** Pack candidates in a folder: subfolders with world.yaml, and .yaml files. */
async function candidates(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory() && existsSync(join(path, 'world.yaml'))) found.push(path);
    else if (info?.isFile() && /\.ya?ml$/i.test(name)) found.push(path);
  }
  return found;
}

async function listFrom(dir: string, origin: PackOrigin): Promise<{ listing: WorldListing; loaded?: LoadedPack }[]> {
  const out: { listing: WorldListing; loaded?: LoadedPack }[] = [];
  for (const location of await candidates(dir)) {
    const result = await loadPackCached(location, origin);
    if (result.ok) {
      const { pack } = result.loaded;
      out.push({
        listing: {
          id: pack.id,
          title: pack.title,
          language: pack.language,
          rating: pack.rating,
          tags: pack.tags,
          summary: pack.summary,
          origin,
          location,
        },
        loaded: result.loaded,
      });
    } else {
      const id = (location.split(/[\\/]/).pop() ?? location).replace(/\.ya?ml$/i, '');
      out.push({
        listing: {
          id,
          title: '(invalid pack)',
          language: '',
          rating: 'teen',
          tags: [],
          summary: '',
          origin,
          location,
          problems: result.problems,
          note: 'does not load; run `skald worlds validate` on it',
        },
      });
    }
  }
  return out;
}

async function discover(): Promise<{ listing: WorldListing; loaded?: LoadedPack }[]> {
  const bundled = await listFrom(bundledWorldsDir(), 'bundled');
  const installed = await listFrom(dataPaths().worlds, 'installed');
  await savePackCache();
  const installedIds = new Set(installed.filter((i) => i.loaded).map((i) => i.listing.id));
  for (const item of installed) {
    if (item.loaded && bundled.some((b) => b.listing.id === item.listing.id)) {
      item.listing.overrides = true;
      item.listing.note = 'installed; overrides the bundled world of the same id';
    }
  }
  return [...bundled.filter((b) => !installedIds.has(b.listing.id)), ...installed];
}

/** Every world the player can pick: bundled and installed, an installed id hiding a bundled one. */
export async function listWorlds(): Promise<WorldListing[]> {
  return (await discover()).map((d) => d.listing);
}

const looksLikePath = (s: string) => /[\\/]/.test(s) || s.startsWith('.') || /\.ya?ml$/i.test(s);

/**
 * Loads a world by id (installed first, then bundled) or by path. Throws PackError when the pack
 * is invalid and UnknownWorldError when no world has that id.
 */
export async function resolveWorld(idOrPath: string): Promise<LoadedPack> {
  if (looksLikePath(idOrPath) || (existsSync(idOrPath) && !/^[a-z0-9-]+$/.test(idOrPath))) {
    // Validated again only once one of its files changed (pack-cache.ts), as a bundled or installed pack is.
    const result = await loadPackCached(idOrPath, 'path');
    await savePackCache();
    if (!result.ok) throw new PackError(result.problems, idOrPath);
    return result.loaded;
  }
  const all = await discover();
  const match = all.find((d) => d.listing.id === idOrPath);
  if (!match) {
    if (existsSync(idOrPath)) return resolveWorld(`./${idOrPath}`);
    throw new UnknownWorldError(
      idOrPath,
      all.filter((d) => d.loaded).map((d) => d.listing.id),
    );
  }
  if (!match.loaded) throw new PackError(match.listing.problems ?? [], `The world "${idOrPath}"`);
  return match.loaded;
}
