// A card's `{{personality}}` and example dialogues where SillyTavern's story strings and macros ask
// for them apart: SillyTavern's own Default context and Llama 3 instruct files (the shared
// fixtures), a card imported as `worlds import` imports it, the prompt skald builds for it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLore } from '../../../src/engine/lore/index.js';
import { emptyMemory } from '../../../src/engine/memory/index.js';
import { buildPrompt, type PromptInput } from '../../../src/engine/prompt/index.js';
import { openingMessage } from '../../../src/engine/session/context.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import type { BuiltPrompt } from '../../../src/engine/types.js';
import { readTemplateFile } from '../../../src/providers/instruct/catalog.js';
import { renderPrompt } from '../../../src/providers/instruct/render.js';
import type { ContextTemplate, InstructTemplate } from '../../../src/providers/instruct/template.js';
import { cardToPack } from '../../../src/world/import/card.js';
import type { WorldPack } from '../../../src/world/types.js';
import { v2Card } from '../../import/helpers.js';
import { plan } from '../../engine/prompt/helpers.js';
import { ST_PRESETS } from './fixtures.js';

const counter = new TokenCounter();
const persona = { name: 'Mara', persona: 'A courier caught by the storm.', relations: {} };
const PERSONALITY = 'wry, patient, hides her worry';

function cardPack(patch: Record<string, unknown> = {}): WorldPack {
  const card = v2Card({ system_prompt: '', post_history_instructions: '', ...patch });
  return cardToPack('chara_card_v2', card.data as Record<string, unknown>, card, 'card.json').pack;
}

function built(pack: WorldPack, overrides: Partial<PromptInput> = {}): BuiltPrompt {
  const opening = pack.openings[0];
  return buildPrompt({
    pack,
    opening,
    persona,
    history: [openingMessage(pack, opening, persona, 1, 0), { role: 'player', text: 'Hello?', turn: 1 }],
    memory: emptyMemory(),
    plan: plan({ actors: [], directive: 'Go on.', hook: '' }),
    turn: 1,
    budget: 8192,
    maxReplyTokens: 400,
    counter,
    lore: compileLore(pack.lore),
    ...overrides,
  });
}

const template = <K extends 'instruct' | 'context'>(kind: K, file: string) => {
  const parsed = readTemplateFile(join(ST_PRESETS!, kind, file)).parsed;
  if (parsed.kind !== kind) throw new Error(`${file} is not a ${kind} template`);
  return parsed.template as K extends 'instruct' ? InstructTemplate : ContextTemplate;
};

function rendered(prompt: BuiltPrompt, context: ContextTemplate): string {
  const instruct = template('instruct', 'Llama 3 Instruct.json');
  return renderPrompt(prompt.messages, instruct, { user: 'Mara', context, parts: prompt.storyParts! }).prompt;
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe.skipIf(!ST_PRESETS)("a card's personality and examples in SillyTavern's story strings", () => {
  it("Default's story string places the card's personality on its own line, and the description no longer carries it", () => {
    const prompt = rendered(built(cardPack()), template('context', 'Default.json'));
    expect(prompt).toContain(`Mira Vale's personality: ${PERSONALITY}\n`);
    expect(count(prompt, PERSONALITY)).toBe(1);
    expect(prompt).not.toContain(`Personality: ${PERSONALITY}`);
    expect(count(prompt, 'Mira Vale is a lighthouse keeper on a storm coast.')).toBe(1);
  });

  it("a story string's {{mesExamples}} gets the examples the characters section showed in the instruct template's turns, {{mesExamplesRaw}} as <START> blocks; they leave the description", () => {
    // SillyTavern's formatInstructModeExamples (public/scripts/instruct-mode.js): each block under
    // the context's example_separator, each line in the player's or the model's sequences, named
    // because Llama 3's names_behavior is "always"; wrap off, so no newline around them.
    const context: ContextTemplate = { ...template('context', 'Default.json') };
    context.story_string = `${context.story_string}{{#if mesExamples}}<examples>\n{{mesExamples}}</examples>\n{{/if}}`;
    const prompt = rendered(built(cardPack()), context);
    const user = (text: string) => `<|start_header_id|>user<|end_header_id|>\n\nMara: ${text}<|eot_id|>`;
    const model = (text: string) => `<|start_header_id|>assistant<|end_header_id|>\n\nMira Vale: ${text}<|eot_id|>`;
    expect(prompt).toContain(
      `<examples>\n***\n${user('Hello?')}${model('"Mind the steps."')}***\n${user('Is it safe?')}${model('"Safer than out there."')}</examples>`,
    );
    expect(count(prompt, 'Mind the steps.')).toBe(1);
    expect(prompt).not.toContain('Example: ');
    const raw = { ...context, story_string: context.story_string.replaceAll('mesExamples', 'mesExamplesRaw') };
    expect(rendered(built(cardPack()), raw)).toContain(
      '<examples>\n<START>\nMara: Hello?\nMira Vale: "Mind the steps."\n<START>\nMara: Is it safe?\nMira Vale: "Safer than out there."\n</examples>',
    );
  });

  it('a story string that does not place them has them after it, in the turn sequences, before the chat, as SillyTavern lays out a text-completion prompt', () => {
    const prompt = built(cardPack());
    const chatml = renderPrompt(prompt.messages, template('instruct', 'ChatML.json'), {
      user: 'Mara',
      context: template('context', 'ChatML.json'),
      parts: prompt.storyParts!,
    }).prompt;
    // ChatML wraps (a newline after each sequence) and names both speakers; its context has no separator.
    expect(chatml).toContain(
      'A courier caught by the storm.<|im_end|>\n<|im_start|>user\nMara: Hello?<|im_end|>\n<|im_start|>assistant\nMira Vale: "Mind the steps."<|im_end|>\n<|im_start|>user\nMara: Is it safe?<|im_end|>\n<|im_start|>assistant\nMira Vale: "Safer than out there."<|im_end|>\n<|im_start|>system\nremember the sea',
    );
    expect(count(chatml, 'Mind the steps.')).toBe(1);
    expect(chatml).not.toContain('Example: ');
    // Gemma 2 names no one (names_behavior "none") and has no system turn; Default's separator heads each block, its chat_start follows.
    const gemma = renderPrompt(prompt.messages, template('instruct', 'Gemma 2.json'), {
      user: 'Mara',
      context: template('context', 'Default.json'),
      parts: prompt.storyParts!,
    }).prompt;
    expect(gemma).toContain(
      '***\n<start_of_turn>user\nHello?<end_of_turn>\n<start_of_turn>model\n"Mind the steps."<end_of_turn>\n***\n<start_of_turn>user\nIs it safe?<end_of_turn>\n<start_of_turn>model\n"Safer than out there."<end_of_turn>\n***\n',
    );
    // skip_examples keeps them as written, under the separator.
    const skip = renderPrompt(
      prompt.messages,
      { ...template('instruct', 'Gemma 2.json'), skip_examples: true },
      {
        user: 'Mara',
        context: template('context', 'Default.json'),
        parts: prompt.storyParts!,
      },
    ).prompt;
    expect(skip).toContain(
      '***\nMara: Hello?\nMira Vale: "Mind the steps."\n***\nMara: Is it safe?\nMira Vale: "Safer than out there."\n***\n',
    );
  });

  it("keeps skald's own system message as before for a story string that asks for neither", () => {
    const prompt = built(cardPack());
    const system = prompt.messages[0].content;
    expect(system).toContain(`Mira Vale is a lighthouse keeper on a storm coast.\n\nPersonality: ${PERSONALITY}`);
    expect(system).toContain('Example: Mara: Hello?\nMira Vale: "Mind the steps."');
    const plain = rendered(prompt, { ...template('context', 'Default.json'), story_string: '{{system}}' });
    expect(count(plain, `Personality: ${PERSONALITY}`)).toBe(1);
    expect(count(plain, 'Mind the steps.')).toBe(1);
  });
});

describe('{{personality}} and {{mesExamples}} as macros', () => {
  it("a card's system prompt that places them gets the card's values, and the characters section leaves them out", () => {
    const pack = cardPack({ system_prompt: '{{original}}\n{{char}} is {{personality}}.\nHow {{char}} speaks:\n{{mesExamples}}' });
    const system = built(pack).messages[0].content;
    expect(system).toContain(`Mira Vale is ${PERSONALITY}.\nHow Mira Vale speaks:\n<START>\nMara: Hello?\nMira Vale: "Mind the steps."\n`);
    expect(count(system, PERSONALITY)).toBe(1);
    expect(count(system, 'Mind the steps.')).toBe(1);
    expect(system).not.toContain('Example: ');
  });

  it('an opening gets them too; a character without a card personality gives nothing, as SillyTavern does', () => {
    const pack = cardPack({ first_mes: '*{{char}} looks up, {{personality}}.*' });
    expect(openingMessage(pack, pack.openings[0], persona, 1, 0).text).toBe(`*Mira Vale looks up, ${PERSONALITY}.*`);
    const plain = cardPack({ personality: '', first_mes: '*{{char}} looks up.{{personality}}*' });
    expect(openingMessage(plain, plain.openings[0], persona, 1, 0).text).toBe('*Mira Vale looks up.*');
  });
});
