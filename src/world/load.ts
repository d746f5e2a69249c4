/**
 * Loading a pack from disk: a folder with `world.yaml` (plus `characters/*.yaml` and
 * `lore/*.yaml` merged in), or a single `.yaml` file. Every problem carries the file (relative to
 * the pack folder), line and column of the offending node.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { isInside, positionIn, readPackFile, type ParsedFile } from './read.js';
import { validatePack, type Locate } from './validate.js';
import type { LoadedPack, PackOrigin, PackProblem } from './types.js';

export type PackLoadResult = { ok: true; loaded: LoadedPack } | { ok: false; problems: PackProblem[] };

const MERGED = ['characters', 'lore'] as const;
type MergedList = (typeof MERGED)[number];
/** Merged files beyond this many per folder are refused: a pack is not a file dump. */
const MAX_MERGED_FILES = 500;

interface MergedItem {
  file: ParsedFile;
  /** Index inside the file when it holds a list; undefined when it holds a single object. */
  index?: number;
}

const isYaml = (name: string) => /\.ya?ml$/i.test(name) && !name.startsWith('.');
const fileProblem = (file: string, message: string): PackProblem => ({ severity: 'error', file, path: '', message });

/** Loads and validates a pack folder or file. Never throws for bad input: problems come back. */
export async function loadPack(path: string, origin: PackOrigin = 'path'): Promise<PackLoadResult> {
  const location = resolve(path);
  let info;
  try {
    info = await stat(location);
  } catch {
    return { ok: false, problems: [fileProblem(path, 'no such file or folder')] };
  }
  if (info.isDirectory()) return loadFolder(location, origin);
  if (!isYaml(basename(location))) {
    return {
      ok: false,
      problems: [
        fileProblem(
          basename(location),
          `a pack is a folder with world.yaml or a .yaml file, not a ${extname(location) || 'file without extension'}`,
        ),
      ],
    };
  }
  const read = await readPackFile(location, basename(location));
  if (!read.file) return { ok: false, problems: read.problems };
  const world = read.file;
  return finish(world.value, world, () => undefined, read.problems, location, origin);
}

async function loadFolder(location: string, origin: PackOrigin): Promise<PackLoadResult> {
  const root = await realpath(location);
  const worldPath = join(location, 'world.yaml');
  try {
    await stat(worldPath);
  } catch {
    return { ok: false, problems: [fileProblem('world.yaml', 'missing: a pack folder needs a world.yaml')] };
  }
  const problems: PackProblem[] = [];
  const read = await readPackFile(worldPath, 'world.yaml', root);
  problems.push(...read.problems);

  const merged: Record<MergedList, MergedItem[]> = { characters: [], lore: [] };
  for (const list of MERGED) {
    const found = await readMergedFolder(location, root, list);
    problems.push(...found.problems);
    merged[list] = found.items;
  }
  if (!read.file || problems.some((p) => p.severity === 'error')) return { ok: false, problems };

  const world = read.file;
  const raw = world.value;
  const base: Record<MergedList, number> = { characters: 0, lore: 0 };
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const obj = raw as Record<string, unknown>;
    for (const list of MERGED) {
      if (merged[list].length === 0) continue;
      const own = obj[list] ?? [];
      if (!Array.isArray(own)) continue; // the schema reports the wrong type
      base[list] = own.length;
      obj[list] = [
        ...(own as unknown[]),
        ...merged[list].map((m): unknown => (m.index === undefined ? m.file.value : (m.file.value as unknown[])[m.index])),
      ];
    }
  }

  const locate: Locate = (path, at) => {
    const [list, index] = path;
    if ((list === 'characters' || list === 'lore') && typeof index === 'number' && index >= base[list] && merged[list].length > 0) {
      const item = merged[list][index - base[list]];
      if (item) return positionIn(item.file, item.index === undefined ? path.slice(2) : [item.index, ...path.slice(2)], at);
    }
    return undefined;
  };
  return finish(raw, world, locate, problems, location, origin);
}

/** Reads `<pack>/<list>/*.yaml`: each file a list of entries or a single entry. */
async function readMergedFolder(
  location: string,
  root: string,
  list: MergedList,
): Promise<{ items: MergedItem[]; problems: PackProblem[] }> {
  const dir = join(location, list);
  const items: MergedItem[] = [];
  const problems: PackProblem[] = [];
  let realDir: string;
  try {
    realDir = await realpath(dir);
  } catch {
    return { items, problems };
  }
  if (!isInside(root, realDir)) {
    return {
      items,
      problems: [
        fileProblem(`${list}/`, 'this folder points outside the pack folder (through a symlink); packs may only read their own files'),
      ],
    };
  }
  if (!(await stat(realDir)).isDirectory()) return { items, problems };
  const names = (await readdir(realDir)).filter(isYaml).sort();
  if (names.length > MAX_MERGED_FILES) {
    return { items, problems: [fileProblem(`${list}/`, `${names.length} files; a pack folder may merge at most ${MAX_MERGED_FILES}`)] };
  }
  for (const name of names) {
    const rel = `${list}/${name}`;
    const read = await readPackFile(join(dir, name), rel, root);
    problems.push(...read.problems);
    const file = read.file;
    if (!file) continue;
    const value = file.value;
    if (value === null || value === undefined) {
      problems.push({ severity: 'warning', file: rel, path: '', message: 'this file is empty' });
    } else if (Array.isArray(value)) {
      value.forEach((_, index) => items.push({ file, index }));
    } else if (typeof value === 'object') {
      items.push({ file });
    } else {
      problems.push(fileProblem(rel, `expected a list of ${list === 'lore' ? 'lore entries' : 'characters'} or a single one`));
    }
  }
  return { items, problems };
}

function finish(
  raw: unknown,
  world: ParsedFile,
  locateMerged: Locate,
  earlier: PackProblem[],
  location: string,
  origin: PackOrigin,
): PackLoadResult {
  const locate: Locate = (path, at) => locateMerged(path, at) ?? positionIn(world, path, at);
  const result = validatePack(raw, world.rel, locate);
  const problems = [...earlier, ...result.problems];
  if (!result.pack || problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  return { ok: true, loaded: { pack: result.pack, origin, location, warnings: problems } };
}
