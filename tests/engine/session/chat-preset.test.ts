/**
 * A profile's SillyTavern chat-completion preset, as the endpoint receives it: every request goes
 * through the real openai SDK to the loopback server. The preset is SillyTavern's Default.json (in
 * ../shared) read as a profile reads it, with its empty prefill and prompts filled in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { chatPresetPrompt } from '../../../src/config/st-chat-prompts.js';
import type { ChatPreset } from '../../../src/engine/prompt/chat-preset.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { profileFor } from '../../providers/openai/helpers.js';
import { collect, newSession } from './helpers.js';

const SHARED = process.env.SKALD_SHARED ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
const DEFAULT = join(SHARED, 'fixtures/sillytavern/presets/openai/Default.json');
const present = existsSync(DEFAULT);
if (!present) console.warn(`skipped: SillyTavern's chat-completion preset is not at ${DEFAULT} (a fresh clone has no ../shared)`);

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Raw = Record<string, unknown> & { prompts: Array<Record<string, unknown>> };

function preset(change: (raw: Raw) => void): ChatPreset {
  const raw = JSON.parse(readFileSync(DEFAULT, 'utf8')) as Raw;
  change(raw);
  return chatPresetPrompt(raw).preset;
}

const provider = (s: OpenAIServer) => createOpenAIProvider(profileFor(s.url, { name: 'loop', model: 'story-1' }), { maxRetries: 0 });
const chatBodies = (s: OpenAIServer) => s.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body!.messages);

describe.skipIf(!present)("a profile's chat-completion preset at the endpoint", () => {
  it('sends the assistant prefill last, and the reply is kept and streamed joined to it', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.setBehaviour(() => ({ content: ' and sets the lamp down by the wheel.' }));
    const chatPreset = preset((raw) => {
      raw.assistant_prefill = '{{char}} nods slowly';
    });
    const { session } = await newSession({ candidates: 1, provider: provider(server), chatPreset });
    const events = await collect(session.play({ text: 'I ask about the wheel.' }));
    const sent = chatBodies(server)[0];
    expect(sent.at(-1)).toEqual({ role: 'assistant', content: 'Wren Alder nods slowly' });
    const reply = session.turns()[0].candidates[0].text;
    expect(reply).toBe('Wren Alder nods slowly and sets the lamp down by the wheel.');
    const streamed = events.flatMap((e) => (e.type === 'delta' && e.candidate === 0 ? [e.text] : [])).join('');
    expect(streamed).toBe(reply);
    expect(session.turns()[0].prompt.breakdown.prefill).toBeGreaterThan(0);
  });

  it("sends the preset's Post-History Instructions after the player's line and its in-chat prompt at its depth", async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.setBehaviour(() => ({ content: 'Wren looks at the wheel and says nothing for a while.' }));
    const chatPreset = preset((raw) => {
      raw.prompts.find((p) => p.identifier === 'jailbreak')!.content = 'Stay in character.';
      raw.prompts.find((p) => p.identifier === 'nsfw')!.injection_position = 1;
      raw.prompts.find((p) => p.identifier === 'nsfw')!.injection_depth = 1;
      raw.prompts.find((p) => p.identifier === 'nsfw')!.content = 'Keep it gentle.';
    });
    const { session } = await newSession({ candidates: 1, provider: provider(server), chatPreset });
    await collect(session.play({ text: 'I ask about the wheel.' }));
    const sent = chatBodies(server)[0];
    const player = sent.findIndex((m) => m.content === 'I ask about the wheel.');
    expect(sent[player - 1]).toEqual({ role: 'system', content: 'Keep it gentle.' });
    expect(sent[player + 1]).toEqual({ role: 'system', content: 'Stay in character.' });
    expect(sent[player + 2].content).toMatch(/^## Direction for the next reply/);
    expect(sent[0].content).not.toContain('Keep it gentle.');
  });

  it("/impersonate sends the preset's impersonation prompt after its ask, and the draft is written on from assistant_impersonation", async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.setBehaviour(() => ({ content: ' and I ask Wren about the debt.' }));
    const chatPreset = preset((raw) => {
      raw.assistant_impersonation = 'I take a breath';
    });
    const { session } = await newSession({ candidates: 1, provider: provider(server), chatPreset });
    const draft = await session.impersonate();
    const sent = chatBodies(server).at(-1)!;
    const persona = session.persona.name;
    expect(sent.at(-2)).toEqual({
      role: 'system',
      content: `[Write your next reply from the point of view of ${persona}, using the chat history so far as a guideline for the writing style of ${persona}. Don't write as Wren Alder or system. Don't describe actions of Wren Alder.]`,
    });
    expect(sent.at(-1)).toEqual({ role: 'assistant', content: 'I take a breath' });
    expect(draft).toEqual({ ok: true, text: 'I take a breath and I ask Wren about the debt.' });
  });

  it('goes with its profile: a narrator switched to without one sends none of it, and one switched to with one sends its', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.setBehaviour(() => ({ content: ' and waits.' }));
    const chatPreset = preset((raw) => {
      raw.assistant_prefill = 'Wren nods';
    });
    const { session } = await newSession({ candidates: 1, provider: provider(server), chatPreset });
    session.useProvider(provider(server));
    await collect(session.play({ text: 'I ask about the wheel.' }));
    const turnBody = (line: string) => chatBodies(server!).findLast((b) => b.some((m) => m.role === 'user' && m.content === line))!;
    expect(turnBody('I ask about the wheel.').at(-1)!.role).toBe('system');
    session.useProvider(provider(server), { chatPreset });
    await collect(session.play({ text: 'I ask again.' }));
    expect(turnBody('I ask again.').at(-1)).toEqual({ role: 'assistant', content: 'Wren nods' });
  });
});
