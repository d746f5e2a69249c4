/**
 * SillyTavern's own preset files from across its history (tests/fixtures/sillytavern-wild/, see
 * its PROVENANCE.md), each run through the importer the CLI uses for its kind, with the outcome
 * it must have: what is imported, what is named as unused, what is refused and how; and for the
 * templates, the prompt SillyTavern builds for a short chat with them.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importSillyTavernPreset, PresetImportError } from '../../src/config/sillytavern-samplers.js';
import type { ChatMessage } from '../../src/engine/types.js';
import {
  findReasoning,
  findTemplate,
  importTemplate,
  importTemplates,
  pairedReasoning,
  readTemplateFile,
} from '../../src/providers/instruct/catalog.js';
import { renderPrompt } from '../../src/providers/instruct/render.js';
import type { ContextTemplate, InstructTemplate } from '../../src/providers/instruct/template.js';

const WILD = fileURLToPath(new URL('../fixtures/sillytavern-wild/', import.meta.url));
const home = () => ({ ...process.env, SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-wild-')) });
const file = (rel: string) => join(WILD, rel);
const json = (rel: string) => JSON.parse(readFileSync(file(rel), 'utf8')) as Record<string, unknown>;

/** The fields each template names as unused by skald (the story string's other variables are one line). */
const TEMPLATES: Record<string, { kind: 'instruct' | 'context' | 'reasoning'; unused: string[] }> = {
  'instruct/Alpaca@19fd0f18.json': { kind: 'instruct', unused: ['system_prompt'] },
  'instruct/ChatML@58c6d0ef.json': { kind: 'instruct', unused: [] },
  'instruct/ChatML Thinking@abc2a4b7.json': { kind: 'instruct', unused: [] },
  'instruct/DreamGen Lucid V1 Role-Play@a1f1222c.json': { kind: 'instruct', unused: [] },
  'instruct/GLM-4@00a72b5a.json': { kind: 'instruct', unused: ['system_sequence_prefix'] },
  'instruct/Llama 2 Chat@4f58e04e.json': { kind: 'instruct', unused: ['system_prompt'] },
  'instruct/Llama 2 Chat@58c6d0ef.json': { kind: 'instruct', unused: [] },
  'instruct/Llama 3@1c5e7483.json': { kind: 'instruct', unused: ['system_prompt'] },
  'instruct/OpenAI Harmony@e582d9ec.json': { kind: 'instruct', unused: [] },
  'instruct/simple-proxy-for-tavern@4f58e04e.json': { kind: 'instruct', unused: ['system_prompt'] },
  'context/GLM-4@00a72b5a.json': { kind: 'context', unused: ['always_force_name2'] },
  'context/Gemma 4@36544625.json': { kind: 'context', unused: ['story_string', 'names_as_stop_strings', 'always_force_name2'] },
  'context/Llama 2 Chat@3d4b4268.json': { kind: 'context', unused: ['story_string', 'names_as_stop_strings', 'always_force_name2'] },
  'context/Llama 3 Instruct@00a72b5a.json': { kind: 'context', unused: ['always_force_name2'] },
  'context/OldDefault@00a72b5a.json': { kind: 'context', unused: ['always_force_name2'] },
  'reasoning/DeepSeek@f6112298.json': { kind: 'reasoning', unused: [] },
  'reasoning/Gemma 4@9a0f42c1.json': { kind: 'reasoning', unused: [] },
  'reasoning/Think XML@7610700e.json': { kind: 'reasoning', unused: [] },
};

/** What each sampler preset becomes: its kind, the back-end samplers sent, the fields listed as not imported. */
const PRESETS: Record<string, { extra: string[]; off: string[]; unmapped: string[] }> = {
  'kobold/Deterministic@43f07a9b.json': {
    extra: ['rep_pen_slope'],
    off: ['typical 1', 'tfs 1', 'top_a 0', 'rep_pen_range 0', 'mirostat 0', 'grammar ""'],
    unmapped: ['sampler_order', 'use_default_badwordsids'],
  },
  'kobold/RecoveredRuins@45df576f.json': {
    extra: ['repeat_last_n', 'rep_pen_slope'],
    off: ['typical 1', 'tfs 1', 'top_a 0', 'mirostat 0', 'grammar ""'],
    unmapped: ['sampler_order'],
  },
  'textgen/Contrastive Search@67bcb6be.json': {
    extra: ['penalty_alpha'],
    off: expect.arrayContaining(['mirostat_mode 0', 'dry_multiplier 0']),
    unmapped: expect.arrayContaining(['do_sample', 'sampler_order', 'rep_pen_size']),
  },
  'textgen/Mixtral8x7B-Instruct0.1-Preset1.0@83b9c5b0.json': {
    extra: ['repeat_last_n'],
    off: expect.arrayContaining(['mirostat_mode 0']),
    unmapped: expect.arrayContaining(['streaming', 'truncation_length', 'max_length']),
  },
  'textgen/Default@17dddecd.json': {
    extra: [],
    off: expect.arrayContaining(['xtc_probability 0', 'nsigma 0']),
    unmapped: expect.arrayContaining(['samplers_priorities', 'min_keep']),
  },
};

const REFUSED: Record<string, { templates: string; presets: RegExp }> = {
  'reasoning/Blank@e582d9ec.json': {
    templates:
      "Blank@e582d9ec.json is not a template skald can use: it is a SillyTavern reasoning template with an empty prefix or suffix, so it marks no reasoning; a profile with no reasoning template reads a model's reasoning between <think> and </think>.",
    presets:
      /^this is a SillyTavern reasoning template \(prefix, suffix, separator\), not a sampler preset; `skald templates import` reads it/,
  },
  'sysprompt/Text Adventure@00a72b5a.json': {
    templates:
      'Text Adventure@00a72b5a.json is not a template skald can use: it is a SillyTavern system prompt, not a template; use it with `skald profiles set PROFILE system-prompt-file FILE`.',
    presets: /^this is a SillyTavern system prompt, not a sampler preset/,
  },
};

describe('SillyTavern files from across its history', () => {
  it('every fixture has its expected outcome here', () => {
    const all = readdirSync(WILD, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(WILD, d.name)).map((f) => `${d.name}/${f}`));
    expect(all.sort()).toEqual([...Object.keys(TEMPLATES), ...Object.keys(PRESETS), ...Object.keys(REFUSED)].sort());
  });

  it.each(Object.entries(TEMPLATES))('templates import %s names every field skald leaves unused', (rel, expected) => {
    const env = home();
    const result = importTemplate(file(rel), {}, env);
    expect(result.kind).toBe(expected.kind);
    expect(result.unused.map((u) => u.field.split("'")[0])).toEqual(expected.unused);
    for (const u of result.unused) expect(u.why.length, u.field).toBeGreaterThan(10);
    // What was saved reads back as the same template, dated as the file was (see the GLM-4 case below).
    const saved = readTemplateFile(result.file).parsed;
    expect(saved.template).toEqual(readTemplateFile(file(rel)).parsed.template);
  });

  it('templates import saves a reasoning template under its name, found again with its tags', () => {
    const env = home();
    const result = importTemplate(file('reasoning/Gemma 4@9a0f42c1.json'), {}, env);
    expect([result.name, result.key]).toEqual(['Gemma 4', 'gemma4']);
    expect(findReasoning('Gemma 4', env)).toMatchObject({ prefix: '<|channel>thought\n', suffix: '\n<channel|>' });
    expect(() => findReasoning('deepseek', env)).toThrow('There is no reasoning template "deepseek". Reasoning templates: gemma4');
  });

  it('presets import names a reasoning template and sends it to templates import', () => {
    for (const rel of Object.keys(TEMPLATES).filter((r) => r.startsWith('reasoning/')))
      expect(() => importSillyTavernPreset(json(rel))).toThrow(REFUSED['reasoning/Blank@e582d9ec.json'].presets);
  });

  it.each(Object.entries(PRESETS))('presets import %s: samplers, what is off, what is not imported', (rel, expected) => {
    const data = json(rel);
    const result = importSillyTavernPreset(data);
    expect(result.kind).toBe('text-completion');
    expect(Object.keys(result.samplers.extra ?? {})).toEqual(expected.extra);
    expect(result.off).toEqual(expected.off);
    expect(result.unmapped.map((u) => u.field)).toEqual(expected.unmapped);
    // Every field of the file is accounted for under its own name.
    expect(Object.keys(result.fields).sort()).toEqual(Object.keys(data).sort());
  });

  it.each(Object.entries(REFUSED))('%s is refused by both importers, each saying what it is', (rel, expected) => {
    expect(() => importTemplate(file(rel), {}, home())).toThrow(expected.templates);
    expect(() => importSillyTavernPreset(json(rel))).toThrow(PresetImportError);
    expect(() => importSillyTavernPreset(json(rel))).toThrow(expected.presets);
  });
});

describe("SillyTavern's master export (instruct, context, system prompt and reasoning in one file)", () => {
  const master = (parts: Record<string, unknown>) => {
    const path = join(mkdtempSync(join(tmpdir(), 'skald-test-master-')), 'Llama 2 Chat master.json');
    writeFileSync(path, JSON.stringify(parts, null, 4));
    return path;
  };
  const parts = () => ({
    instruct: json('instruct/Llama 2 Chat@58c6d0ef.json'),
    context: json('context/Llama 2 Chat@3d4b4268.json'),
    sysprompt: json('sysprompt/Text Adventure@00a72b5a.json'),
    reasoning: json('reasoning/DeepSeek@f6112298.json'),
  });

  it("imports its templates, paired under the instruct template's name, and names the parts that are not templates", () => {
    const env = home();
    const results = importTemplates(master(parts()), {}, env);
    expect(results.map((r) => [r.kind, r.name, r.pairedWith])).toEqual([
      ['instruct', 'Llama 2 Chat', undefined],
      ['context', 'Llama 2 Chat', 'Llama 2 Chat'],
      ['reasoning', 'Llama 2 Chat', 'Llama 2 Chat'],
    ]);
    expect(results[0].unused.map((u) => u.field)).toEqual(['sysprompt']);
    // The reasoning template goes with the instruct template: DeepSeek's tags for text completion with it.
    expect(pairedReasoning('Llama 2 Chat', env)).toMatchObject({ prefix: '<think>\n', suffix: '\n</think>' });
    const chosen = findTemplate('llama2chat', env);
    expect(chosen.context?.story_string).toBe(json('context/Llama 2 Chat@3d4b4268.json').story_string);
    // A plain template file is still one import.
    expect(importTemplates(file('instruct/GLM-4@00a72b5a.json'), {}, env).map((r) => r.name)).toEqual(['GLM-4']);
  });

  it('is named as a master export by presets import', () => {
    expect(() => importSillyTavernPreset(parts())).toThrow(
      'this is a SillyTavern master export (instruct and context templates, system prompt), not a sampler preset; `skald templates import` reads it.',
    );
  });

  it('saves nothing when a part is broken, and says which', () => {
    const env = home();
    const broken = master({ ...parts(), context: { ...parts().context, story_string: '{{#if system}}{{system}}' } });
    expect(() => importTemplates(broken, {}, env)).toThrow(
      "Llama 2 Chat master.json's context is not a template skald can use: story_string leaves {{#if system}} open.",
    );
    expect(() => findTemplate('llama2chat', env)).toThrow(/There is no template "llama2chat"/);
  });
});

describe('KoboldAI presets', () => {
  it("read KoboldAI's own names (typical, mirostat, grammar) as the samplers they are", () => {
    const result = importSillyTavernPreset(json('kobold/RecoveredRuins@45df576f.json'));
    // mirostat 0 and typical 1 are those samplers switched off: nothing to send, nothing lost.
    expect(result.fields).toMatchObject({ typical: 'off', mirostat: 'off', mirostat_tau: 'off', mirostat_eta: 'off', grammar: 'off' });
    expect(result.samplers).toMatchObject({ temperature: 1, repetition_penalty: 1.1, top_p: 0.95, top_k: 0 });
    const on = importSillyTavernPreset({ ...json('kobold/RecoveredRuins@45df576f.json'), typical: 0.9, mirostat: 2 });
    expect(on.samplers.extra).toMatchObject({ typical_p: 0.9, mirostat: 2, mirostat_tau: 5, mirostat_eta: 0.1 });
  });

  it('genamt (the length of a reply) is max_tokens; the context sizes and Aphrodite switches are named for what they are', () => {
    const result = importSillyTavernPreset(json('textgen/Mixtral8x7B-Instruct0.1-Preset1.0@83b9c5b0.json'));
    expect(result.samplers.max_tokens).toBe(250);
    const why = (field: string) => result.unmapped.find((u) => u.field === field)?.why;
    expect(why('max_length')).toMatch(/contextBudget/);
    expect(why('truncation_length')).toMatch(/contextBudget/);
    expect(why('spaces_between_special_tokens_aphrodite')).toMatch(/tokenizer and end-of-text switches/);
  });

  it('an empty json_schema (null) is nothing to lose', () => {
    expect(importSillyTavernPreset(json('textgen/Default@17dddecd.json')).fields.json_schema).toBe('empty');
  });
});

describe('prompts as SillyTavern builds them with these templates', () => {
  const chat: ChatMessage[] = [
    { role: 'system', content: 'SYS' },
    { role: 'assistant', content: 'Hello.' },
    { role: 'user', content: 'Go.' },
  ];
  const instruct = (rel: string) => readTemplateFile(file(`instruct/${rel}`)).parsed.template as InstructTemplate;
  const context = (rel: string) => readTemplateFile(file(`context/${rel}`)).parsed.template as ContextTemplate;
  const render = (i: string, c?: string) =>
    renderPrompt(chat, instruct(i), { user: 'Ann', char: 'Bob', ...(c ? { context: context(c) } : {}) }).prompt;

  it('story_string_prefix is followed by a newline in a wrapping template (formatInstructModeStoryString)', () => {
    // SillyTavern's current ChatML: its system prompt rendered as '<|im_start|>systemSYS' before.
    expect(render('ChatML@58c6d0ef.json')).toBe(
      '<|im_start|>system\nSYS<|im_end|>\n<|im_start|>assistant\nHello.<|im_end|>\n<|im_start|>user\nGo.<|im_end|>\n<|im_start|>assistant\n',
    );
    expect(render('ChatML Thinking@abc2a4b7.json')).toBe(
      '<|im_start|>system\nSYS<|im_end|>\n<|im_start|>assistant\nHello.<|im_end|>\n<|im_start|>user\nGo.<|im_end|>\n<|im_start|>assistant\n<think>\n',
    );
  });

  it('a story string closed by story_string_suffix gets no newline of its own (renderStoryString)', () => {
    // SillyTavern 1.13 pairs its prefix/suffix templates with plain story strings ending in {{trim}}.
    expect(
      render('ChatML Thinking@abc2a4b7.json', 'Llama 2 Chat@3d4b4268.json').startsWith(
        '<|im_start|>system\nSYS<|im_end|>\n<|im_start|>assistant\n',
      ),
    ).toBe(true);
    expect(render('Llama 2 Chat@58c6d0ef.json', 'Llama 2 Chat@3d4b4268.json')).toBe(
      "[INST] <<SYS>>\nSYS\n<</SYS>> Understood. [/INST][INST] Let's get started. Please respond based on the information and instructions provided above. [/INST]\nHello.\n[INST] Go. [/INST]\n",
    );
  });

  it('system_sequence_prefix wraps the system prompt in a file from before 1.12.6, and is ignored after', () => {
    expect(render('Llama 2 Chat@4f58e04e.json')).toBe(
      "[INST] <<SYS>>\nSYS\n<</SYS>>\n\n[INST] Let's get started. Please respond based on the information and instructions provided above. [/INST] Hello. [INST] Go. [/INST] ",
    );
    expect(render('Alpaca@19fd0f18.json')).toBe('SYS\n### Input:\n### Response:\nHello.\n\n### Instruction:\nGo.\n\n### Response:\n');
    // GLM-4 (no system_prompt, so 1.12.6 or later): its context's [gMASK]<sop> opens the prompt, no <|system|>.
    expect(render('GLM-4@00a72b5a.json', 'GLM-4@00a72b5a.json')).toBe('[gMASK]<sop>SYS<|assistant|>\nHello.<|user|>\nGo.<|assistant|>\n');
  });

  it('the older file keeps its system_sequence_suffix once saved and read again (its system_prompt dates it)', () => {
    const env = home();
    importTemplate(file('instruct/Alpaca@19fd0f18.json'), { name: 'Old Alpaca' }, env);
    const saved = findTemplate('oldalpaca', env).instruct;
    expect(saved.system_sequence_suffix).toBe('### Input:');
    expect(saved.system_prompt).toBe(json('instruct/Alpaca@19fd0f18.json').system_prompt);
  });

  it('expands the macros community templates put in their sequences ({{noop}}, {{random}} holding {{noop}}s)', () => {
    // As a shared Mistral V7 preset's reply prefill: a random opener, most picks empty.
    const prefill = { ...instruct('Llama 3@1c5e7483.json'), names_behavior: 'none' as const };
    prefill.last_output_sequence = `${prefill.output_sequence}{{random::{{noop}}::{{noop}}::Let's see.}} Next:{{noop}}`;
    const prompts = [1, 2, 3, 4, 5, 6].map(
      (n) => renderPrompt([...chat, ...Array.from({ length: n }, () => chat[2])], prefill, { user: 'Ann', char: 'Bob' }).prompt,
    );
    for (const prompt of prompts) {
      expect(prompt).not.toContain('{{');
      expect(prompt).toMatch(/<\|start_header_id\|>assistant\(Bob\)<\|end_header_id\|>\n\n(Let's see\.)? Next:$/);
    }
    // The pick moves with the turn, and repeats for the same prompt.
    expect(new Set(prompts.map((p) => p.endsWith("Let's see. Next:"))).size).toBe(2);
    expect(renderPrompt(chat, prefill, { user: 'Ann', char: 'Bob' }).prompt).toBe(
      renderPrompt(chat, prefill, { user: 'Ann', char: 'Bob' }).prompt,
    );
  });

  it('names: true puts the speakers\u2019 names before their lines, and {{user}}/{{char}}/{{name}} in the sequences', () => {
    expect(render('Llama 3@1c5e7483.json')).toBe(
      '<|start_header_id|>user(System)<|end_header_id|>\n\nSYS<|eot_id|><|start_header_id|>assistant(Bob)<|end_header_id|>\n\nBob: Hello.<|eot_id|><|start_header_id|>user(Ann)<|end_header_id|>\n\nAnn: Go.<|eot_id|><|start_header_id|>assistant(Bob)<|end_header_id|>\n\nBob:',
    );
    expect(render('simple-proxy-for-tavern@4f58e04e.json')).toBe(
      'SYS\n### Response:\n#### Bob:\nHello.\n### Instruction:\n#### Ann:\nGo.\n### Response (2 paragraphs, engaging, natural, authentic, descriptive, creative):\n#### Bob:\n',
    );
  });
});
