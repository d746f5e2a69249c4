import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, StoryParts } from '../../../src/engine/types.js';
import { findTemplate, readTemplateFile } from '../../../src/providers/instruct/catalog.js';
import type { ContextTemplate } from '../../../src/providers/instruct/template.js';
import { renderPrompt } from '../../../src/providers/instruct/render.js';

// The system message as skald's prompt builder joins it (sections apart by a blank line), and
// its sections under SillyTavern's story-string names.
const rules = 'You narrate a story with Mara.';
const setting = '## Setting\nA lighthouse on a cold coast.\nScene: The lamp has gone out.';
const characters = '## Characters in play\n### Wren\nThe keeper, tired and kind.';
const persona = "## The player's character: Mara\nA courier caught by the storm.";
const laws = '## Laws\n- The sea takes what it is given.';
const system = [rules, setting, laws, characters, persona].join('\n\n');
const parts: StoryParts = { description: characters, scenario: setting, persona, char: 'Wren' };
const chat: ChatMessage[] = [
  { role: 'system', content: system },
  { role: 'assistant', content: 'The lamp is dark.' },
  { role: 'user', content: 'I climb the stairs.' },
];
const chatml = () => findTemplate('chatml').instruct;
const context = (story_string: string): ContextTemplate => ({
  name: 'Tags',
  story_string,
  example_separator: '',
  chat_start: '',
  use_stop_strings: false,
});
const count = (text: string, part: string) => text.split(part).length - 1;

describe("a context template's story string filled from skald's system text", () => {
  it('puts the description, scenario and persona in the tags the story string wraps them in, each once', () => {
    const tags = context(
      '{{#if system}}{{system}}\n{{/if}}<{{char}}>\n{{description}}\n</{{char}}>\n<scenario>{{scenario}}</scenario>\n<persona>{{persona}}</persona>',
    );
    const { prompt } = renderPrompt(chat, chatml(), { user: 'Mara', context: tags, parts });
    expect(prompt).toContain('<Wren>\n### Wren\nThe keeper, tired and kind.\n</Wren>');
    expect(prompt).toContain('<scenario>A lighthouse on a cold coast.\nScene: The lamp has gone out.</scenario>');
    expect(prompt).toContain(`<persona>${persona}</persona>`);
    for (const text of ['The keeper, tired and kind.', 'A lighthouse on a cold coast.', 'A courier caught by the storm.', laws, rules])
      expect(count(prompt, text)).toBe(1);
    // What the story string does not place stays in {{system}}, in its order.
    expect(prompt).toContain(`${rules}\n\n${laws}\n<Wren>`);
  });

  it("lays SillyTavern's own Llama 3 context out as there: system, description, then 'Scenario:' and the persona", () => {
    const file = fileURLToPath(new URL('../../fixtures/sillytavern-wild/context/Llama 3 Instruct@00a72b5a.json', import.meta.url));
    const parsed = readTemplateFile(file).parsed;
    if (parsed.kind !== 'context') throw new Error('a context template');
    const instruct = { ...findTemplate('llama3').instruct, story_string_prefix: '', story_string_suffix: '', system_sequence: '' };
    const { prompt } = renderPrompt(chat, instruct, { user: 'Mara', context: parsed.template, parts });
    expect(prompt.startsWith(`<|start_header_id|>system<|end_header_id|>\n\n${rules}\n\n${laws}\n### Wren\n`)).toBe(true);
    expect(prompt).toContain('\nScenario: A lighthouse on a cold coast.\nScene: The lamp has gone out.\n');
    expect(count(prompt, 'A lighthouse on a cold coast.')).toBe(1);
    expect(count(prompt, 'A courier caught by the storm.')).toBe(1);
  });

  it('leaves {{system}} whole when the prompt has no sections to give (a summary, a request of an older caller)', () => {
    const tags = context('{{system}}\n<scenario>{{scenario}}</scenario>');
    const { prompt } = renderPrompt(chat, chatml(), { user: 'Mara', context: tags });
    expect(prompt).toContain(`${system}\n<scenario></scenario>`);
    expect(count(prompt, 'A lighthouse on a cold coast.')).toBe(1);
  });
});
