/**
 * A SillyTavern chat-completion preset's parts outside the system prompt, placed by the prompt
 * builder as SillyTavern's openai.js places them: its prompts after the chat (the Post-History
 * Instructions a card's own take the place of), its in-chat prompts at their depth, role and order,
 * and the assistant prefill as the last message. The preset is SillyTavern's own Default.json (in
 * ../shared), read as a profile reads it, with its empty prompts filled in where a case needs them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chatPresetPrompt } from '../../../src/config/st-chat-prompts.js';
import { buildPrompt, type PromptInput } from '../../../src/engine/prompt/index.js';
import { compileLore } from '../../../src/engine/lore/index.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import type { ChatPreset } from '../../../src/engine/prompt/chat-preset.js';
import type { LoreEntry, WorldPack } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { exactTokens, thirdTurnInput } from './helpers.js';

const SHARED = process.env.SKALD_SHARED ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
const DEFAULT = join(SHARED, 'fixtures/sillytavern/presets/openai/Default.json');
const present = existsSync(DEFAULT);
if (!present) console.warn(`skipped: SillyTavern's chat-completion preset is not at ${DEFAULT} (a fresh clone has no ../shared)`);

type Prompt = Record<string, unknown> & { identifier: string };
type Raw = Record<string, unknown> & {
  prompts: Prompt[];
  prompt_order: Array<{ character_id: number; order: Array<{ identifier: string; enabled: boolean }> }>;
};

const counter = new TokenCounter();

/** Default.json with `change` applied, read as a profile reads it. */
function preset(change: (raw: Raw) => void = () => {}): ChatPreset {
  const raw = JSON.parse(readFileSync(DEFAULT, 'utf8')) as Raw;
  change(raw);
  return chatPresetPrompt(raw).preset;
}

/** Sets prompt `id`'s fields, adding it to the global order (after `after`) when it is new. */
function prompt(raw: Raw, fields: Prompt, after = 'chatHistory'): void {
  const known = raw.prompts.find((p) => p.identifier === fields.identifier);
  if (known) Object.assign(known, fields);
  else {
    raw.prompts.push(fields);
    const order = raw.prompt_order.find((o) => o.character_id === 100001)!.order;
    order.splice(order.findIndex((o) => o.identifier === after) + 1, 0, { identifier: fields.identifier, enabled: true });
  }
}

function input(overrides: Partial<PromptInput> = {}): PromptInput {
  return thirdTurnInput(counter, overrides);
}

const withStyle = (style: Partial<WorldPack['style']>): WorldPack => {
  const pack = miniPack();
  return { ...pack, style: { ...pack.style, ...style } };
};

const isDirective = (content: string) => content.startsWith('## Direction for the next reply');

describe.skipIf(!present)("a chat-completion preset's parts in the prompt", () => {
  it("sends the preset's Post-History Instructions after the chat, with the directive after them", () => {
    const chatPreset = preset((raw) => prompt(raw, { identifier: 'jailbreak', content: 'Stay in character as {{char}}.' }));
    const { messages, diagnostics } = buildPrompt(input({ chatPreset }));
    // The player's last line, then the instructions (macros resolved), then skald's direction.
    expect(messages.at(-3)).toEqual({ role: 'user', content: 'Player line 3.' });
    expect(messages.at(-2)).toEqual({ role: 'system', content: 'Stay in character as Wren Alder.' });
    expect(isDirective(messages.at(-1)!.content)).toBe(true);
    expect(diagnostics.postHistory).toEqual({
      tokens: diagnostics.breakdown.postHistory,
      keepsDirective: false,
      from: ['Post-History Instructions'],
    });
    expect(diagnostics.tokens).toBe(exactTokens({ messages, diagnostics }));
  });

  it("a card's post_history_instructions take the preset's place, {{original}} keeping the preset's, which keeps the directive", () => {
    const chatPreset = preset((raw) => prompt(raw, { identifier: 'jailbreak', content: 'PRESET\n{{original}}' }));
    const pack = withStyle({ postHistoryInstructions: 'CARD {{original}} END' });
    const { messages, diagnostics } = buildPrompt(input({ pack, chatPreset }));
    const last = messages.at(-1)!;
    expect(last.role).toBe('system');
    expect(last.content).toMatch(/^CARD PRESET\n## Direction for the next reply[\s\S]*END$/);
    expect(messages.filter((m) => m.content.includes('## Direction'))).toHaveLength(1);
    expect(diagnostics.postHistory).toMatchObject({ keepsDirective: true, from: ['Post-History Instructions', 'world'] });
  });

  it("with Default.json's empty Post-History Instructions, a card's instructions are sent where SillyTavern sends them", () => {
    const pack = withStyle({ postHistoryInstructions: 'Keep {{char}} in character.' });
    const withPreset = buildPrompt(input({ pack, chatPreset: preset() })).messages;
    const without = buildPrompt(input({ pack })).messages;
    // The system prompt differs by Default.json's scenario_format around the setting (preset-formats.test.ts).
    expect(withPreset.slice(1)).toEqual(without.slice(1));
  });

  it("puts an in-chat prompt at its depth with its role, and one of the preset's prompts after the chat in its order", () => {
    const chatPreset = preset((raw) => {
      prompt(raw, {
        identifier: 'reminder',
        name: 'Reminder',
        role: 'user',
        content: 'Mind the sluice gate, {{user}}.',
        injection_position: 1,
        injection_depth: 2,
      });
      prompt(raw, { identifier: 'style', name: 'Style', role: 'system', content: 'Write in the PRESET STYLE.' }, 'jailbreak');
    });
    const { messages, diagnostics } = buildPrompt(input({ chatPreset }));
    const chat = messages.slice(1, -2);
    // Depth 2: before the last two messages of the chat (the narrator's line 2 ... player line 3).
    const at = chat.findIndex((m) => m.content === 'Mind the sluice gate, Tamsin.');
    expect(chat[at].role).toBe('user');
    expect(chat.slice(at + 1).map((m) => m.content)).toEqual(['Narrator line 2.', 'Player line 3.']);
    expect(messages.at(-2)).toEqual({ role: 'system', content: 'Write in the PRESET STYLE.' });
    expect(diagnostics.injections).toEqual([{ name: 'Reminder', depth: 2, role: 'user' }]);
    expect(diagnostics.breakdown.injections).toBe(counter.countMessage('Mind the sluice gate, Tamsin.'));
    expect(diagnostics.tokens).toBe(exactTokens({ messages, diagnostics }));
    // Without the preset, neither is sent.
    expect(buildPrompt(input()).messages.some((m) => m.content.includes('sluice gate') || m.content.includes('PRESET STYLE'))).toBe(false);
  });

  it("orders the messages at one depth as SillyTavern does: lower order first, then assistant, user, system; order 100 shares lore's message", () => {
    const pack = {
      ...miniPack(),
      lore: [
        { ...miniPack().lore[0], constant: true, text: 'The mill is silent.', position: 'depth', depth: 1, role: 'system' } as LoreEntry,
      ],
    };
    const chatPreset = preset((raw) => {
      prompt(raw, { identifier: 'a', name: 'A', role: 'system', content: 'SYS100', injection_position: 1, injection_depth: 1 });
      prompt(raw, { identifier: 'b', name: 'B', role: 'assistant', content: 'ASSIST100', injection_position: 1, injection_depth: 1 });
      prompt(raw, {
        identifier: 'c',
        name: 'C',
        role: 'system',
        content: 'SYS50',
        injection_position: 1,
        injection_depth: 1,
        injection_order: 50,
      });
    });
    const { messages } = buildPrompt(input({ pack, lore: compileLore(pack.lore), chatPreset }));
    const before = messages.findIndex((m) => m.content === 'Player line 3.');
    expect(messages.slice(before - 3, before + 1)).toEqual([
      { role: 'system', content: 'SYS50' },
      { role: 'assistant', content: 'ASSIST100' },
      { role: 'system', content: 'SYS100\nThe mill is silent.' },
      { role: 'user', content: 'Player line 3.' },
    ]);
  });

  it('ends with the assistant prefill, counted in the breakdown and returned for the reply to be joined to', () => {
    const chatPreset = preset((raw) => {
      raw.assistant_prefill = '{{char}} nods slowly.';
    });
    const built = buildPrompt(input({ chatPreset }));
    expect(built.messages.at(-1)).toEqual({ role: 'assistant', content: 'Wren Alder nods slowly.' });
    expect(isDirective(built.messages.at(-2)!.content)).toBe(true);
    expect(built.prefill).toBe('Wren Alder nods slowly.');
    expect(built.diagnostics.breakdown.prefill).toBe(counter.countMessage('Wren Alder nods slowly.'));
    expect(built.diagnostics.tokens).toBe(exactTokens(built));
    expect(Object.values(built.diagnostics.breakdown).reduce((a, b) => a + b, 0)).toBe(built.diagnostics.tokens);
  });
});
