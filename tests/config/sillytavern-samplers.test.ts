import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importSillyTavernPreset, PresetImportError } from '../../src/config/sillytavern-samplers.js';
import { layerProblem } from '../../src/world/samplers.js';

// ../shared beside the checkout; SKALD_SHARED names it for a worktree that lives elsewhere.
const SHARED = process.env.SKALD_SHARED ?? fileURLToPath(new URL('../../../shared/', import.meta.url));
export const PRESETS = join(SHARED, 'fixtures/sillytavern/presets');
const present = existsSync(join(PRESETS, 'textgen')) && existsSync(join(PRESETS, 'openai'));
if (!present) console.warn(`skipped: the SillyTavern presets are not at ${PRESETS} (a fresh clone has no ../shared)`);

const read = (rel: string) => JSON.parse(readFileSync(join(PRESETS, rel), 'utf8')) as Record<string, unknown>;
const samplerFiles = () => [
  ...readdirSync(join(PRESETS, 'textgen')).map((f) => `textgen/${f}`),
  ...readdirSync(join(PRESETS, 'openai')).map((f) => `openai/${f}`),
];

describe.skipIf(!present)("SillyTavern's own sampler presets (../shared/fixtures/sillytavern/presets)", () => {
  it('imports every text-completion and chat-completion preset into valid samplers, and accounts for every field', () => {
    const files = samplerFiles();
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const data = read(file);
      const result = importSillyTavernPreset(data);
      expect(layerProblem(result.samplers), file).toBeUndefined();
      // Every field is a sampler, off, listed as not imported, or empty (nothing to lose): never dropped silently.
      expect(Object.keys(result.fields).sort(), file).toEqual(Object.keys(data).sort());
      const listed = new Set(result.unmapped.map((u) => u.field));
      for (const [field, fate] of Object.entries(result.fields)) expect(fate === 'unmapped', `${file} ${field}`).toBe(listed.has(field));
      for (const [field, fate] of Object.entries(result.fields))
        if (fate === 'empty') expect(isEmpty(data[field]), `${file} ${field}`).toBe(true);
      for (const u of result.unmapped) expect(u.why.length, `${file} ${u.field}`).toBeGreaterThan(10);
    }
  });

  it('Big O: the named samplers as they are, typical_p and tfs under extra, off samplers not sent, sampler order listed', () => {
    const result = importSillyTavernPreset(read('textgen/Big O.json'));
    expect(result.kind).toBe('text-completion');
    expect(result.samplers).toEqual({
      temperature: 0.87,
      top_p: 0.99,
      top_k: 85,
      min_p: 0,
      repetition_penalty: 1.01,
      presence_penalty: 0,
      frequency_penalty: 0,
      extra: { typical_p: 0.68, tfs: 0.68 },
    });
    expect(result.off).toContain('mirostat_mode 0');
    expect(result.off).toContain('dry_multiplier 0');
    expect(result.unmapped.find((u) => u.field === 'sampler_order')?.why).toMatch(/sampler order/);
    expect(result.unmapped.find((u) => u.field === 'temperature_last')).toBeDefined();
  });

  it('Mirostat: mode, tau and eta under the names llama.cpp and KoboldCpp read', () => {
    const result = importSillyTavernPreset(read('textgen/Mirostat.json'));
    expect(result.samplers.extra).toEqual({ mirostat: 2, mirostat_tau: 8, mirostat_eta: 0.1 });
    expect(result.samplers.top_k).toBe(0);
  });

  it('Universal-Creative: a high temperature held by min_p', () => {
    expect(importSillyTavernPreset(read('textgen/Universal-Creative.json')).samplers).toMatchObject({ temperature: 1.5, min_p: 0.1 });
  });

  it('the chat-completion preset: its samplers and reply length; seed -1, n, the context size and the prompts listed with why', () => {
    const result = importSillyTavernPreset(read('openai/Default.json'));
    expect(result.kind).toBe('chat-completion');
    expect(result.samplers).toEqual({
      temperature: 1,
      top_p: 1,
      top_k: 0,
      min_p: 0,
      repetition_penalty: 1,
      presence_penalty: 0,
      frequency_penalty: 0,
      max_tokens: 300,
    });
    const why = Object.fromEntries(result.unmapped.map((u) => [u.field, u.why]));
    expect(why.seed).toMatch(/random seed/);
    expect(why.n).toMatch(/candidates/);
    expect(why.openai_max_context).toMatch(/contextBudget/);
    expect(why.prompts).toMatch(/system-prompt-file/);
    expect(why.prompt_order).toMatch(/system-prompt-file/);
    expect(why.openai_model).toMatch(/profile/);
    expect(why.scenario_format).toMatch(/system-prompt-file/);
    expect(why.names_behavior).toMatch(/system-prompt-file/);
    expect(result.off).toEqual(['top_a 0']);
    // A preset's regex scripts are run through the system-prompt-file too.
    const scripted = importSillyTavernPreset({ ...read('openai/Default.json'), extensions: { regex_scripts: [{ findRegex: '/x/g' }] } });
    expect(scripted.unmapped.find((u) => u.field === 'extensions')?.why).toMatch(/regex scripts run .*system-prompt-file/);
  });

  it('DRY, XTC and dynamic temperature switched on in a real preset go under extra, the breakers as a list', () => {
    const data = {
      ...read('textgen/Big O.json'),
      dry_multiplier: 0.8,
      xtc_probability: 0.5,
      xtc_threshold: 0.1,
      dynatemp: true,
      min_temp: 0.5,
      max_temp: 1.5,
      seed: 42,
    };
    const { samplers } = importSillyTavernPreset(data);
    expect(samplers.temperature).toBe(1);
    expect(samplers.seed).toBe(42);
    expect(samplers.extra).toMatchObject({
      dry_multiplier: 0.8,
      dry_base: 1.75,
      dry_allowed_length: 2,
      dry_penalty_last_n: 0,
      dry_sequence_breakers: ['\n', ':', '"', '*'],
      xtc_probability: 0.5,
      xtc_threshold: 0.1,
      dynatemp_range: 0.5,
      dynatemp_exponent: 1,
    });
  });

  it('refuses instruct and context templates and system prompts by name', () => {
    expect(() => importSillyTavernPreset(read('instruct/ChatML.json'))).toThrow(/instruct template, not a sampler preset/);
    expect(() => importSillyTavernPreset(read('context/ChatML.json'))).toThrow(/context template, not a sampler preset/);
    expect(() => importSillyTavernPreset(read('sysprompt/Roleplay - Immersive.json'))).toThrow(/system prompt, not a sampler preset/);
    expect(() => importSillyTavernPreset([1, 2])).toThrow(PresetImportError);
    expect(() => importSillyTavernPreset({ hello: 1 })).toThrow(/not a SillyTavern sampler preset/);
  });

  it('lists a value out of range for skald instead of importing it', () => {
    const result = importSillyTavernPreset({ ...read('textgen/Big O.json'), temp: 7 });
    expect(result.samplers.temperature).toBeUndefined();
    expect(result.unmapped.find((u) => u.field === 'temp')?.why).toMatch(/out of range.*temperature takes a number from 0 to 5/);
  });
});

function isEmpty(value: unknown): boolean {
  return (
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0)
  );
}
