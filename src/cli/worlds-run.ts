/** `skald worlds list|show|validate|new|install|schema`: printing only; the work is in src/world. */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { display, displayLine, safeJson } from './output.js';
import { listWorlds, resolveWorld } from '../world/discover.js';
import { formatProblem, partitionProblems } from '../world/problems.js';
import type { LoadedPack, WorldPack } from '../world/types.js';
import { InputError, UsageError } from '../errors.js';

// Everything printed passes the sanitiser: pack fields, file names and ids are the pack's data.
const out = (line = '') => process.stdout.write(`${display(line)}\n`);
const clean = (s: string) => displayLine(s);

// `worlds list` is answered from the pack cache: the YAML loader, the schema and the installer
// are imported by the commands that need them.
const asInputError = async (error: unknown): Promise<never> => (await import('./world-resolve.js')).asInputError(error);

/** `skald worlds list [--json]` */
export async function list(options: { json?: boolean } = {}): Promise<void> {
  const worlds = await listWorlds();
  if (options.json) {
    out(safeJson(worlds, 2));
    return;
  }
  if (worlds.length === 0) {
    out('No worlds found. Create one with `skald worlds new <id>`.');
    return;
  }
  const width = Math.max(...worlds.map((w) => w.id.length));
  for (const w of worlds) {
    const tags = w.tags.length ? `  [${w.tags.map(clean).join(', ')}]` : '';
    out(`${clean(w.id).padEnd(width)}  ${clean(w.title)}  (${w.language || '?'}, ${w.rating}, ${w.origin})${tags}`);
    out(`${' '.repeat(width)}  ${clean(w.location)}${w.note ? `  - ${clean(w.note)}` : ''}`);
  }
}

/** `skald worlds show <id|path> [--json]` */
export async function show(world: string, options: { json?: boolean } = {}): Promise<void> {
  let loaded: LoadedPack;
  try {
    loaded = await resolveWorld(world);
  } catch (error) {
    return asInputError(error);
  }
  if (options.json) {
    out(safeJson(loaded.pack, 2));
    return;
  }
  for (const line of describePack(loaded)) out(line);
}

function describePack(loaded: LoadedPack): string[] {
  const p: WorldPack = loaded.pack;
  const names = (items: { id: string; title?: string; name?: string }[]) =>
    items.map((i) => clean(i.name ?? (i.title || i.id))).join(', ') || '-';
  const lines = [
    `${clean(p.title)} (${p.id} ${clean(p.version)})`,
    `  ${p.language}, rating ${p.rating}${p.tags.length ? `, tags: ${p.tags.map(clean).join(', ')}` : ''}`,
    `  from ${loaded.origin}: ${clean(loaded.location)}`,
  ];
  if (p.authors.length) lines.push(`  by ${p.authors.map(clean).join(', ')}`);
  if (p.summary) lines.push('', clean(p.summary));
  lines.push(
    '',
    `characters (${p.characters.length}): ${names(p.characters)}`,
    `player:         ${clean(p.player.name)}`,
    `openings (${p.openings.length}):   ${names(p.openings)}`,
    `threads (${p.threads.length}):    ${names(p.threads)}`,
    `laws: ${p.laws.length}, lore entries: ${p.lore.length}`,
    `style: ${p.style.pov} person, ${p.style.tense} tense, ${p.style.length[0]}-${p.style.length[1]} tokens`,
  );
  for (const w of loaded.warnings) lines.push(formatProblem(w));
  return lines;
}

/**
 * What `worlds validate` reads for `path`: the path itself, or, when nothing is there and it is
 * the id of an installed or bundled world, that world's folder (`skald worlds validate harbor-lights`).
 */
async function worldLocation(path: string): Promise<string> {
  if (
    !/^[a-z0-9-]+$/.test(path) ||
    (await stat(path).then(
      () => true,
      () => false,
    ))
  )
    return path;
  return (await listWorlds()).find((w) => w.id === path)?.location ?? path;
}

/** `skald worlds validate <paths...> [--json]`: exit code 1 when any pack is invalid. */
export async function validate(paths: string[], options: { json?: boolean } = {}): Promise<void> {
  const { loadPack } = await import('../world/load.js');
  const results = [];
  for (const path of paths) {
    const result = await loadPack(await worldLocation(path), 'path');
    // Errors first: they are why the exit code is 1; the loader reports in the order it reads.
    const { errors, warnings } = partitionProblems(result.ok ? result.loaded.warnings : result.problems);
    const problems = [...errors, ...warnings];
    results.push({ path, valid: result.ok, id: result.ok ? result.loaded.pack.id : undefined, problems });
  }
  if (options.json) {
    out(safeJson(results, 2));
  } else {
    for (const r of results) {
      if (r.valid) out(`${clean(r.path)}: ok (${r.id})${r.problems.length ? `, ${r.problems.length} warning(s)` : ''}`);
      else out(`${clean(r.path)}: invalid`);
      for (const p of r.problems) out(`  ${formatProblem(p)}`);
    }
  }
  if (results.some((r) => !r.valid)) process.exitCode = 1;
}

/** `skald worlds new <id> [--out folder] [--force]` */
export async function create(id: string, options: { out?: string; force?: boolean } = {}): Promise<void> {
  if (!/^[a-z0-9-]+$/.test(id))
    throw new UsageError(`"${id}" is not a pack id: use lowercase letters, digits and hyphens, like lantern-keep.`);
  // Installed, such a pack would hide the bundled world of that id: a pack author rarely means that.
  if (!options.force && (await listWorlds()).some((w) => w.id === id && (w.origin === 'bundled' || w.overrides))) {
    throw new UsageError(
      `"${id}" is the id of a bundled world, which your pack would hide once installed: choose another id, like my-${id}, or add --force to use it anyway.`,
    );
  }
  const folder = resolve(options.out ?? id);
  const file = join(folder, 'world.yaml');
  if (
    await stat(file).then(
      () => true,
      () => false,
    )
  ) {
    throw new InputError(`${file} already exists; choose another id or --out folder.`);
  }
  await mkdir(folder, { recursive: true });
  const { starterPack } = await import('../world/starter.js');
  await writeFile(file, starterPack(id), { flag: 'wx' });
  out(`Wrote ${clean(file)}`);
  out(`Edit it, then: skald worlds validate ${clean(folder)} && skald worlds install ${clean(folder)}`);
}

/** `skald worlds install <path>` */
export async function install(path: string): Promise<void> {
  let result;
  try {
    result = await (await import('../world/install.js')).installPack(path);
  } catch (error) {
    return asInputError(error);
  }
  out(`Installed "${result.id}" at ${clean(result.location)}${result.replaced ? ' (replacing the copy installed before)' : ''}`);
  if (result.overridesBundled)
    out(`Note: it overrides the bundled world "${result.id}"; remove ${clean(result.location)} to get the bundled one back.`);
}

/** `skald worlds schema` */
export async function schema(): Promise<void> {
  out(safeJson((await import('../world/schema.js')).packJsonSchema(), 2));
}
