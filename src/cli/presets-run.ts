/** `skald presets import|list|show|rm`: sampler presets in the data folder. */
import { showValue } from '../engine/samplers/layers.js';
import type { SamplerLayer } from '../world/samplers.js';
import { importSillyTavernPreset, PresetImportError } from '../config/sillytavern-samplers.js';
import {
  listSamplerPresets,
  presetNameFor,
  presetNameProblem,
  removeSamplerPreset,
  requireSamplerPreset,
  saveSamplerPreset,
  type SamplerPreset,
} from '../config/sampler-presets.js';
import { InputError, UsageError } from '../errors.js';
import { readImportJson } from './import-json.js';
import { display, safeJson } from './output.js';

const out = (line = '') => process.stdout.write(`${display(line)}\n`);
/** A preset file is a few KB; anything far larger is not one. */
const MAX_BYTES = 1_000_000;

/** `skald presets import FILE.json [--name NAME]` */
export async function importPreset(file: string, options: { name?: string }): Promise<void> {
  const name = (options.name ?? presetNameFor(file)).trim();
  const problem = presetNameProblem(name);
  if (problem) throw new UsageError(`${problem}${options.name ? '' : ' Give it one with --name.'}`);
  const data = await readImportJson(file, {
    maxBytes: MAX_BYTES,
    atMost: 'a sampler preset can be (1 MB)',
    reads: "`skald presets import` reads SillyTavern's preset .json files.",
  });
  let imported;
  try {
    imported = importSillyTavernPreset(data);
  } catch (error) {
    if (error instanceof PresetImportError) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
  const preset: SamplerPreset = {
    name,
    samplers: imported.samplers,
    source: { file, kind: imported.kind, importedAt: new Date().toISOString() },
    ...(imported.off.length ? { off: imported.off } : {}),
    ...(imported.unmapped.length ? { unmapped: imported.unmapped } : {}),
  };
  const path = saveSamplerPreset(preset);
  out(`Imported "${name}" (a SillyTavern ${imported.kind} preset) to ${path}:`);
  for (const line of describe(preset)) out(`  ${line}`);
  out(`Use it for a run with \`--preset "${name}"\`, or for a profile with \`skald profiles set PROFILE preset "${name}"\`.`);
}

/** The samplers, then what is off and what was left out, one line each. */
function describe(preset: SamplerPreset): string[] {
  const lines = [`samplers: ${samplerText(preset.samplers) || '(none)'}`];
  if (preset.samplers.extra)
    lines.push(
      `extra (sent as they are; for llama.cpp, KoboldCpp and the like): ${Object.entries(preset.samplers.extra)
        .map(([k, v]) => `${k} ${showValue(v)}`)
        .join(', ')}`,
    );
  if (preset.off?.length) lines.push(`off in the preset, so not sent: ${preset.off.join(', ')}`);
  // Grouped by reason, so that forty prompt fields read as one line.
  const groups = new Map<string, string[]>();
  for (const u of preset.unmapped ?? []) groups.set(u.why, [...(groups.get(u.why) ?? []), u.field]);
  if (groups.size > 0) lines.push('not imported:');
  for (const [why, fields] of groups) lines.push(`  ${fields.join(', ')}: ${why}`);
  return lines;
}

function samplerText(layer: SamplerLayer): string {
  return Object.entries(layer)
    .filter(([k]) => k !== 'extra')
    .map(([k, v]) => `${k} ${v === null ? 'none' : showValue(v)}`)
    .join(', ');
}

/** `skald presets list [--json]` */
export async function list(options: { json?: boolean }): Promise<void> {
  const presets = listSamplerPresets();
  if (options.json) {
    process.stdout.write(`${safeJson(presets, 2)}\n`);
    return;
  }
  if (presets.length === 0) {
    out(
      "No sampler presets yet: import one with `skald presets import FILE.json` (SillyTavern's text-completion or chat-completion presets).",
    );
    return;
  }
  for (const p of presets)
    out(
      `${p.name}: ${samplerText(p.samplers) || '(no named samplers)'}${p.samplers.extra ? ` + ${Object.keys(p.samplers.extra).length} extra` : ''}`,
    );
}

/** `skald presets show NAME [--json]` */
export async function show(name: string, options: { json?: boolean }): Promise<void> {
  const preset = requireSamplerPreset(name);
  if (options.json) {
    process.stdout.write(`${safeJson(preset, 2)}\n`);
    return;
  }
  out(`${preset.name}${preset.source ? ` (imported from ${preset.source.file}, a SillyTavern ${preset.source.kind} preset)` : ''}`);
  for (const line of describe(preset)) out(`  ${line}`);
}

/** `skald presets rm NAME` */
export async function remove(name: string): Promise<void> {
  const preset = removeSamplerPreset(name);
  out(`Removed sampler preset ${preset.name}.`);
}
