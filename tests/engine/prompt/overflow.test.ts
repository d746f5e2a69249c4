/**
 * A story's /system or /note can take the room the player's line needs: the refusal names what
 * took it and what to do, and blames the message only when the message is what is large.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overflowMessage } from '../../../src/engine/prompt/overflow.js';
import { Session } from '../../../src/engine/session/index.js';
import type { SessionEvent } from '../../../src/engine/types.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { JsonlSessionStore } from '../../../src/store/session-file.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { collect, FAST, profileFor } from '../../hardening/helpers.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ models: ['m'], behaviour: { content: 'The mill wheel turns. Wren waits for your answer.' } });
});
afterAll(async () => {
  await server.close();
});

async function session(budget: number): Promise<Session> {
  let t = Date.UTC(2026, 10, 1);
  return Session.create({
    pack: miniPack(),
    provider: createOpenAIProvider(profileFor(server.url, { model: 'm' }), FAST),
    store: new JsonlSessionStore({ dir: mkdtempSync(join(tmpdir(), 'skald-overflow-')) }),
    clock: { now: () => (t += 1000) },
    seed: 3,
    candidates: 1,
    budget,
  });
}
const errorsOf = (events: SessionEvent[]) => events.flatMap((e) => (e.type === 'error' ? [e.error.message] : []));
const LONG = 'Describe every leaf of the orchard, each vein and each shade of green, and the light through it. ';

describe('a prompt with no room for the player', () => {
  it('a long /system is named, with /system as the way out, and the short message is not blamed', async () => {
    const s = await session(2048);
    await s.setSystemPrompt(LONG.repeat(80));
    const before = server.chatRequests().length;
    const errors = errorsOf(await collect(s.play({ text: 'I greet Wren.' })));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Your message \(about \d+ tokens\) does not fit the context budget \(2,048 tokens/);
    expect(errors[0]).toMatch(/your system prompt \(\/system\) takes about [\d,]+ tokens/);
    expect(errors[0]).toMatch(/Shorten \/system \(or \/system reset\), or raise the budget/);
    expect(errors[0]).not.toMatch(/note|Shorten your message|more than the context budget/);
    expect(errors[0]).not.toContain('\n');
    expect(server.chatRequests().length).toBe(before);
    // The way out it names works: back to skald's rules, the same line plays.
    await s.setSystemPrompt(undefined);
    expect((await collect(s.play({ text: 'I greet Wren.' }))).some((e) => e.type === 'turn-done')).toBe(true);
  });

  it("a long author's note is named, with /note as the way out", async () => {
    const s = await session(2048);
    await s.setAuthorsNote({ text: LONG.repeat(80), depth: 2, every: 1 });
    const errors = errorsOf(await collect(s.play({ text: 'I greet Wren.' })));
    expect(errors).toEqual([
      expect.stringMatching(/your author's note \(\/note\) takes about [\d,]+ tokens.*Shorten \/note \(or \/note off\)/),
    ]);
    expect(errors[0]).not.toMatch(/system prompt|Shorten your message/);
  });

  it('a note and a system prompt of about the same size are both named, largest first', async () => {
    const s = await session(2048);
    await s.setSystemPrompt(LONG.repeat(40));
    await s.setAuthorsNote({ text: LONG.repeat(38), depth: 2, every: 1 });
    const [error] = errorsOf(await collect(s.play({ text: 'I greet Wren.' })));
    expect(error).toMatch(/your system prompt \(\/system\) takes about [\d,]+ tokens and your author's note \(\/note\) about [\d,]+/);
    expect(error).toMatch(/Shorten \/system \(or \/system reset\), or shorten \/note \(or \/note off\), or raise the budget/);
  });

  it('a long message is still what is blamed when it is what is large', async () => {
    const s = await session(1024);
    const [error] = errorsOf(await collect(s.play({ text: LONG.repeat(40) })));
    expect(error).toMatch(
      /^Your message is about [\d,]+ tokens, more than the context budget \(1,024 tokens.*Shorten it, or raise the budget/,
    );
  });
});

describe('overflowMessage', () => {
  it("names a profile's or a world's system prompt with /system as the way past it, and the world's setup with no fix of its own", () => {
    const profile = overflowMessage({
      budget: 4096,
      reply: 300,
      message: 10,
      parts: { systemPrompt: 3000, world: 500 },
      systemPromptSource: 'profile',
    });
    expect(profile).toMatch(
      /the profile's system prompt takes about 3,000 tokens, so nothing was sent\. Set a shorter one with \/system, or raise/,
    );
    const world = overflowMessage({ budget: 4096, reply: 300, message: 10, parts: { world: 3700 } });
    expect(world).toMatch(/the world's setup takes about 3,700 tokens, so nothing was sent\. Raise the budget/);
    const facts = overflowMessage({ budget: 4096, reply: 300, message: 10, parts: { facts: 2500, persona: 1000, world: 200 } });
    expect(facts).toMatch(
      /the fact ledger \(\/memory\) takes about 2,500 tokens and your persona about 1,000, so .*Drop some with \/forget N, or shorten the persona's description, or raise/,
    );
    // A part of a quarter or more of the room is named beside the largest: shortening either helps.
    const both = overflowMessage({
      budget: 2048,
      reply: 314,
      message: 9,
      parts: { systemPrompt: 900, note: 820, world: 200 },
      systemPromptSource: 'story',
    });
    expect(both).toMatch(/your system prompt \(\/system\) takes about 900 tokens and your author's note \(\/note\) about 820, so/);
    expect(both).not.toMatch(/world's setup|your message about/);
  });
});
