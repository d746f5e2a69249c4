/**
 * Sampler presets: named sets of sampler values (`skald presets import Big\ O.json`), one JSON
 * file each under the data folder, written atomically. Not the endpoint presets of presets.ts
 * (`profiles add --preset ollama`), which say where a model is served.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError, UsageError } from '../errors.js';
import { layerProblem, type SamplerLayer } from '../world/samplers.js';
import { suggest } from '../text/suggest.js';
import { dataPaths } from '../paths.js';
import type { SillyTavernPresetKind, UnmappedField } from './sillytavern-samplers.js';

/** A stored sampler preset. */
export interface SamplerPreset {
  name: string;
  samplers: SamplerLayer;
  /** Where it came from, when imported. */
  source?: { file: string; kind: SillyTavernPresetKind; importedAt: string };
  /** Back-end samplers switched off in the original. */
  off?: string[];
  /** What the import left out, and why. */
  unmapped?: UnmappedField[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._()+-]{0,63}$/;

/** Undefined when `name` can name a preset, else why not. */
export function presetNameProblem(name: string): string | undefined {
  if (!NAME.test(name) || name.endsWith('.'))
    return `"${name.slice(0, 70)}" cannot name a sampler preset: up to 64 letters, digits, spaces and . _ ( ) + -, starting with a letter or digit.`;
  return undefined;
}

/** The name an imported file gets: its file name without `.json`. */
export function presetNameFor(file: string): string {
  return basename(file, extname(file)).trim();
}

function dir(env: NodeJS.ProcessEnv): string {
  return dataPaths(env).samplerPresets;
}

function readPreset(path: string): SamplerPreset | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as SamplerPreset;
    if (typeof value?.name !== 'string' || layerProblem(value.samplers)) return undefined;
    return value;
  } catch {
    return undefined;
  }
}

/** Every stored preset, by name; a file that does not read back as one is left out. */
export function listSamplerPresets(env: NodeJS.ProcessEnv = process.env): SamplerPreset[] {
  let files: string[];
  try {
    files = readdirSync(dir(env)).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files
    .map((f) => readPreset(join(dir(env), f)))
    .filter((p): p is SamplerPreset => p !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A stored preset by name (case-insensitive), if there is one. */
export function findSamplerPreset(name: string, env: NodeJS.ProcessEnv = process.env): SamplerPreset | undefined {
  const key = name.trim().toLowerCase();
  return listSamplerPresets(env).find((p) => p.name.toLowerCase() === key);
}

/** A stored preset, or an InputError naming the closest one and how to import one. */
export function requireSamplerPreset(name: string, env: NodeJS.ProcessEnv = process.env): SamplerPreset {
  const found = findSamplerPreset(name, env);
  if (found) return found;
  const names = listSamplerPresets(env).map((p) => p.name);
  if (names.length === 0)
    throw new InputError(`There is no sampler preset "${name}" (none are stored yet): import one with \`skald presets import FILE.json\`.`);
  const guess = suggest(name, names);
  throw new InputError(`There is no sampler preset "${name}"${guess ? `; did you mean "${guess}"?` : '.'} Presets: ${names.join(', ')}.`);
}

/** Stores a preset (replacing one of the same name), atomically; returns its file. */
export function saveSamplerPreset(preset: SamplerPreset, env: NodeJS.ProcessEnv = process.env): string {
  const problem = presetNameProblem(preset.name) ?? layerProblem(preset.samplers);
  if (problem) throw new UsageError(problem);
  const existing = findSamplerPreset(preset.name, env);
  mkdirSync(dir(env), { recursive: true });
  const file = join(dir(env), `${existing?.name ?? preset.name}.json`);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify({ ...preset, name: existing?.name ?? preset.name }, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  return file;
}

/** Removes a stored preset; an InputError when there is none of that name. */
export function removeSamplerPreset(name: string, env: NodeJS.ProcessEnv = process.env): SamplerPreset {
  const preset = requireSamplerPreset(name, env);
  rmSync(join(dir(env), `${preset.name}.json`), { force: true });
  return preset;
}
