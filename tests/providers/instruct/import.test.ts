import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src/engine/types.js';
import { findTemplate, importTemplate, listTemplates } from '../../../src/providers/instruct/catalog.js';
import { renderPrompt } from '../../../src/providers/instruct/render.js';
import { renderStoryString } from '../../../src/providers/instruct/story.js';
import { ST_PRESETS } from './fixtures.js';

const home = () => ({ ...process.env, SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-templates-')) });
const story: ChatMessage[] = [
  { role: 'system', content: 'SYS' },
  { role: 'assistant', content: 'Hello' },
  { role: 'user', content: 'Go' },
  { role: 'system', content: 'DIR' },
];
const fixture = (kind: string, file: string) => join(ST_PRESETS!, kind, file);
const instructFiles = ST_PRESETS ? readdirSync(join(ST_PRESETS, 'instruct')).filter((f) => f.endsWith('.json')) : [];

describe.skipIf(!ST_PRESETS)("importing SillyTavern's own templates", () => {
  it.each(instructFiles)('imports instruct/%s under its name, every field as written', (file) => {
    const env = home();
    const raw = JSON.parse(readFileSync(fixture('instruct', file), 'utf8')) as Record<string, unknown>;
    const result = importTemplate(fixture('instruct', file), {}, env);
    expect(result).toMatchObject({ kind: 'instruct', name: raw.name });
    const found = findTemplate(String(raw.name), env);
    expect(found.origin).toBe('imported');
    for (const [key, value] of Object.entries(raw)) {
      if (key in found.instruct) expect([key, (found.instruct as unknown as Record<string, unknown>)[key]]).toEqual([key, value]);
    }
  });

  it('each bundled template carries the same sequences as the SillyTavern file it was derived from', () => {
    const pairs: Array<[string, string]> = [
      ['chatml', 'ChatML.json'],
      ['llama3', 'Llama 3 Instruct.json'],
      ['mistral', 'Mistral V3-Tekken.json'],
      ['alpaca', 'Alpaca.json'],
      ['gemma', 'Gemma 2.json'],
    ];
    for (const [id, file] of pairs) {
      const raw = JSON.parse(readFileSync(fixture('instruct', file), 'utf8')) as Record<string, unknown>;
      const bundled = findTemplate(id, home()).instruct as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(raw)) if (key in bundled) expect([file, key, bundled[key]]).toEqual([file, key, value]);
    }
  });

  it("ChatML's instruct and context files together render exactly the prompt the bundled ChatML renders", () => {
    const env = home();
    const bundled = renderPrompt(story, findTemplate('chatml', env).instruct, { user: 'Mara', char: 'Wren' });
    importTemplate(fixture('instruct', 'ChatML.json'), {}, env);
    const context = importTemplate(fixture('context', 'ChatML.json'), {}, env);
    expect(context).toMatchObject({ kind: 'context', name: 'ChatML', pairedWith: 'ChatML' });
    const chosen = findTemplate('ChatML', env);
    expect(chosen.context?.story_string).toContain('{{#if system}}');
    const imported = renderPrompt(story, chosen.instruct, { user: 'Mara', char: 'Wren', context: chosen.context! });
    expect(imported.prompt).toBe(bundled.prompt);
  });

  it('the Default context, imported under another name, lays the system prompt out as plain text, with its chat start', () => {
    const env = home();
    const result = importTemplate(fixture('context', 'Default.json'), { name: 'Alpaca' }, env);
    expect(result).toMatchObject({ kind: 'context', name: 'Alpaca', pairedWith: 'Alpaca' });
    const alpaca = findTemplate('alpaca', env);
    const { prompt } = renderPrompt(story, alpaca.instruct, { context: alpaca.context! });
    // Default's story string: each field on its own line; its chat_start `***` after it.
    expect(prompt.startsWith('SYS\n***\n### Response:\nHello\n\n')).toBe(true);
  });

  it('lists bundled and imported templates, an import hiding the bundled one of its name and answering to its names', () => {
    const env = home();
    importTemplate(fixture('instruct', 'Llama 3 Instruct.json'), {}, env);
    expect(findTemplate('llama3', env)).toMatchObject({ origin: 'imported', name: 'Llama 3 Instruct' });
    importTemplate(fixture('instruct', 'ChatML.json'), {}, env);
    const { templates } = listTemplates(env);
    expect(templates.map((t) => `${t.name}:${t.origin}`)).toEqual([
      'Alpaca:bundled',
      'Gemma 2:bundled',
      'Mistral V3-Tekken:bundled',
      'ChatML:imported',
      'Llama 3 Instruct:imported',
    ]);
  });
});

describe('template files that cannot be used', () => {
  const write = (text: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'skald-test-tpl-')), 'Broken.json');
    writeFileSync(file, text);
    return file;
  };

  it('says in one line what is wrong, and saves nothing', () => {
    const env = home();
    expect(() => importTemplate(write('{"input_sequence": '), {}, env)).toThrow(/^Broken\.json is not JSON \(/);
    expect(() => importTemplate(write('{"temp": 0.7, "min_p": 0.1}'), {}, env)).toThrow(
      'Broken.json is not a template skald can use: it is neither an instruct template (input_sequence, output_sequence ...) nor a context template (story_string).',
    );
    expect(() => importTemplate(write('{"input_sequence": 3}'), {}, env)).toThrow(
      'Broken.json is not a template skald can use: input_sequence must be text, not number.',
    );
    expect(() => importTemplate(write('{"story_string": "{{#if system}}{{system}}"}'), {}, env)).toThrow(
      'Broken.json is not a template skald can use: story_string leaves {{#if system}} open.',
    );
    expect(listTemplates(env).templates.every((t) => t.origin === 'bundled')).toBe(true);
  });

  it('names the known templates when asked for an unknown one, with the closest', () => {
    expect(() => findTemplate('chatm', home())).toThrow(
      'There is no template "chatm"; did you mean "chatml"? Templates: alpaca, chatml, gemma, llama3, mistral (`skald templates list`; `skald templates import FILE.json` adds one from SillyTavern).',
    );
  });

  it("refuses a context template whose story string never writes {{system}}, where all of skald's system text goes", () => {
    const env = home();
    const file = write(JSON.stringify({ name: 'Bare', story_string: '{{#if description}}{{description}}\n{{/if}}{{persona}}' }));
    expect(() => importTemplate(file, {}, env)).toThrow(
      'Broken.json is not a template skald can use: its story_string has no {{system}}, where skald puts its whole system text (the world, the characters, the lore, the rules); add {{system}} to the story string.',
    );
  });

  it('reads `names: false` without names_force_groups as no names, as SillyTavern migrates it', () => {
    const env = home();
    importTemplate(write(JSON.stringify({ name: 'Plain', input_sequence: 'U:', output_sequence: 'A:', names: false })), {}, env);
    expect(findTemplate('plain', env).instruct.names_behavior).toBe('none');
  });

  it('reads the older field names (separator_sequence, names) as SillyTavern migrates them', () => {
    const env = home();
    importTemplate(
      write(JSON.stringify({ name: 'Old', input_sequence: 'U:', output_sequence: 'A:', separator_sequence: '</s>', names: true })),
      {},
      env,
    );
    const old = findTemplate('old', env).instruct;
    expect(old.output_suffix).toBe('</s>');
    expect(old.names_behavior).toBe('always');
  });
});

describe('story strings', () => {
  it('keeps a block when its name has a value, the else part when not, and {{trim}} eats the newlines around it', () => {
    const source =
      '{{#if system}}{{system}}\n{{/if}}{{#if persona}}P: {{persona}}\n{{else}}no persona\n{{/if}}{{#unless scenario}}open scene{{/unless}}\n{{trim}}END';
    expect(renderStoryString(source, { system: 'Rules.' })).toBe('Rules.\nno persona\nopen sceneEND');
    expect(renderStoryString(source, { system: '', persona: 'Mara', scenario: 'x' })).toBe('P: MaraEND');
  });

  it('renders an unknown name as nothing and evaluates nothing', () => {
    expect(renderStoryString('a{{constructor}}b{{__proto__}}c{{mesExamples}}d', {})).toBe('abcd');
  });
});
