/**
 * A card's `system_prompt` and `post_history_instructions`, from the import to the request the
 * endpoint receives (the real openai SDK against the loopback server): kept whole in the pack's
 * style, `{{original}}` spliced where the card says.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { MemorySessionStore } from '../../src/engine/session/records.js';
import { createOpenAIProvider } from '../../src/providers/openai/index.js';
import { importCard } from '../../src/world/import/index.js';
import { groupPacks } from '../../src/world/import/group.js';
import { unknownMacroFindings } from '../../src/world/macro-check.js';
import { steppingClock } from '../engine/session/scripted-provider.js';
import { profileFor } from '../providers/openai/helpers.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { tempDir, v2Card } from './helpers.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function imported(patch: Record<string, unknown>) {
  const path = join(await tempDir(), 'card.json');
  await writeFile(path, JSON.stringify(v2Card(patch)));
  return (await importCard(path)).pack;
}

describe("a card's system prompt and post-history instructions", () => {
  it('reach the endpoint where the spec puts them: the system prompt over the rules, the instructions after the chat', async () => {
    const pack = await imported({
      system_prompt: '{{original}}\nWrite in a spare, salty style.',
      post_history_instructions: 'Keep {{char}} in character; {{user}} speaks for themself.',
    });
    expect(pack.style).toMatchObject({
      notes: [],
      systemPrompt: '{{original}}\nWrite in a spare, salty style.',
      postHistoryInstructions: 'Keep {{char}} in character; {{user}} speaks for themself.',
    });
    // {{original}} is no unknown macro there.
    expect(unknownMacroFindings({ style: pack.style })).toEqual([]);

    server = await startOpenAIServer({ models: ['story-1'] });
    server.setBehaviour(() => ({ content: '"Mind the steps," Mira says, and holds the lamp higher. "Well?"' }));
    const provider = createOpenAIProvider(profileFor(server.url, { name: 'loop', model: 'story-1' }), { maxRetries: 0 });
    const session = await Session.create({
      pack,
      provider,
      store: new MemorySessionStore(),
      clock: steppingClock(),
      seed: 2,
      candidates: 1,
    });
    for await (const _ of session.play({ text: 'I shake the rain off my coat.' })) void _;
    const messages = server.requests.filter((r) => r.path.endsWith('/chat/completions'))[0].body!.messages;

    // skald's rules first (the card kept them with {{original}}), then the card's line.
    expect(messages[0].content).toMatch(/^You are the narrator of "Mira Vale"[\s\S]*\nWrite in a spare, salty style\.\n\n## Setting/);
    const at = messages.findIndex((m) => m.content.startsWith('Keep Mira Vale in character'));
    expect(messages[at - 1]).toEqual({ role: 'user', content: 'I shake the rain off my coat.' });
    expect(messages[at]).toEqual({ role: 'system', content: `Keep Mira Vale in character; ${session.persona.name} speaks for themself.` });
    expect(messages.at(-1)!.content).toMatch(/^## Direction for the next reply/);
  });

  it('a system prompt without {{original}} replaces the rules, as the card spec says', async () => {
    const pack = await imported({ system_prompt: 'You are {{char}}. Answer in one paragraph.', post_history_instructions: '' });
    expect(pack.style.postHistoryInstructions).toBeUndefined();
    server = await startOpenAIServer({ models: ['story-1'] });
    const provider = createOpenAIProvider(profileFor(server.url, { name: 'loop', model: 'story-1' }), { maxRetries: 0 });
    const session = await Session.create({
      pack,
      provider,
      store: new MemorySessionStore(),
      clock: steppingClock(),
      seed: 2,
      candidates: 1,
    });
    for await (const _ of session.play({ text: 'Hello?' })) void _;
    const messages = server.requests.filter((r) => r.path.endsWith('/chat/completions'))[0].body!.messages;
    expect(messages[0].content.startsWith('You are Mira Vale. Answer in one paragraph.\n\n## Setting')).toBe(true);
    expect(messages[0].content).not.toContain('You are the narrator of');
    expect(session.turns()[0].prompt.systemPrompt).toEqual({ source: 'world', keepsSkald: false });
  });

  it('--group keeps each distinct member prompt once, {{original}} spliced only once', async () => {
    const a = await imported({ system_prompt: '{{original}}\nA-RULE', post_history_instructions: 'A-AFTER' });
    const b = await imported({ name: 'Osric', system_prompt: '{{original}}\nB-RULE', post_history_instructions: 'A-AFTER' });
    const group = groupPacks('Storm Pair', [a, b], []);
    expect(group.style.systemPrompt).toBe('{{original}}\nA-RULE\n\nB-RULE');
    expect(group.style.postHistoryInstructions).toBe('A-AFTER');
  });
});
