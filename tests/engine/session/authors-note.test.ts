/**
 * The author's note, the player's system prompt and a card's post-history instructions, as the
 * endpoint receives them: every request goes through the real openai SDK to the loopback server,
 * and the assertions read the request bodies it recorded.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Session, SessionError } from '../../../src/engine/session/index.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { findTemplate } from '../../../src/providers/instruct/catalog.js';
import { JsonlSessionStore } from '../../../src/store/session-file.js';
import { loadSession } from '../../../src/store/load.js';
import type { LoreEntry, WorldPack } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { profileFor } from '../../providers/openai/helpers.js';
import { steppingClock } from './scripted-provider.js';
import { collect, newSession } from './helpers.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Message = { role: string; content: string };

async function loopback(): Promise<OpenAIServer> {
  server = await startOpenAIServer({ models: ['story-1'] });
  server.setBehaviour(() => ({ content: 'Wren sets the lamp down by the wheel and waits for your answer. "Well?"' }));
  return server;
}

const provider = (s: OpenAIServer) => createOpenAIProvider(profileFor(s.url, { name: 'loop', model: 'story-1' }), { maxRetries: 0 });

/** The messages of every chat request the server received, in order. */
const bodies = (s: OpenAIServer): Message[][] =>
  s.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body!.messages);

/** The chat part of a request: between the system message and the directive (the last message). */
const chatOf = (messages: Message[]) => messages.slice(1, -1);

const RULES = 'You are the narrator of "The Mini Mill"';

function loreAt(id: string, position: LoreEntry['position'], text: string): LoreEntry {
  return {
    id,
    keys: ['lamp'],
    secondary: [],
    selectiveLogic: 'and_any',
    text,
    constant: true,
    priority: 10,
    enabled: true,
    caseSensitive: false,
    wholeWords: true,
    excludeKeys: [],
    position,
  };
}

async function play(session: Session, ...lines: string[]): Promise<void> {
  for (const text of lines) {
    const events = await collect(session.play({ text }));
    const failed = events.find((e) => e.type === 'error');
    if (failed) throw new Error(JSON.stringify(failed));
  }
}

describe("the author's note, as the endpoint receives it", () => {
  it('sits N messages from the end of the history as a system message (default depth 4)', async () => {
    const s = await loopback();
    const { session } = await newSession({ candidates: 1, provider: provider(s) });
    await session.setAuthorsNote({ text: 'NOTE: keep the rain falling.', depth: 4, every: 1 });
    await play(session, 'I look around.', 'I knock on the mill door.', 'I ask Wren about the wheel.');
    await session.setAuthorsNote({ text: 'NOTE: keep the rain falling.', depth: 1, every: 1 });
    await play(session, 'I wait.');
    await session.setAuthorsNote({ text: 'NOTE: keep the rain falling.', depth: 0, every: 1 });
    await play(session, 'I wait again.');

    const [, , third, fourth, fifth] = bodies(s).map(chatOf);
    for (const [chat, depth] of [
      [third, 4],
      [fourth, 1],
      [fifth, 0],
    ] as const) {
      const at = chat.findIndex((m) => m.content.includes('NOTE: keep the rain falling.'));
      expect(at, `depth ${depth}`).toBeGreaterThan(-1);
      expect(chat[at].role).toBe('system');
      // Counted from the end: exactly `depth` story messages follow it.
      expect(chat.length - 1 - at).toBe(depth);
      expect(chat.filter((m) => m.content.includes('NOTE:'))).toHaveLength(1);
    }
    // The player's line is still the last story message when the note sits after it.
    expect(fifth.at(-2)).toMatchObject({ role: 'user', content: 'I wait again.' });

    const diagnostics = session.turns()[2].prompt;
    expect(diagnostics.authorsNote).toEqual({ depth: 4, every: 1, inserted: true, tokens: expect.any(Number) });
    expect(diagnostics.breakdown.note).toBe(diagnostics.authorsNote!.tokens);
    expect(diagnostics.breakdown.note).toBeGreaterThan(0);
    // The breakdown still adds up to the prompt's tokens.
    expect(Object.values(diagnostics.breakdown).reduce((a, b) => a + b, 0)).toBe(diagnostics.tokens);
  });

  it('--every K: in the prompt on turns K, 2K ..., absent from the others', async () => {
    const s = await loopback();
    const { session } = await newSession({ candidates: 1, provider: provider(s) });
    await session.setAuthorsNote({ text: 'EVERY-THIRD', depth: 2, every: 3 });
    await play(session, 'One.', 'Two.', 'Three.', 'Four.', 'Five.', 'Six.');
    const carried = bodies(s).map((messages) => messages.some((m) => m.content.includes('EVERY-THIRD')));
    expect(carried).toEqual([false, false, true, false, false, true]);
    expect(session.turns().map((t) => t.prompt.authorsNote?.inserted)).toEqual([false, false, true, false, false, true]);
    // A turn without it spends no tokens on it.
    expect(session.turns()[0].prompt.breakdown.note).toBe(0);
  });

  it("shares its slot with the lore placed at the author's note: top entries before it, bottom entries after", async () => {
    const s = await loopback();
    const pack = miniPack({
      lore: [loreAt('bottom', 'authors_note_bottom', 'LORE-BOTTOM'), loreAt('top', 'authors_note_top', 'LORE-TOP'), ...miniPack().lore],
    });
    const { session } = await newSession({ candidates: 1, provider: provider(s), pack });
    await session.setAuthorsNote({ text: 'PLAYER-NOTE', depth: 2, every: 2 });
    await play(session, 'I lift the lamp.', 'I lift the lamp higher.');
    const [first, second] = bodies(s).map(chatOf);
    // Turn 2 carries the note: one system message, top, note, bottom, two messages from the end.
    const slot = second.findIndex((m) => m.content.includes('PLAYER-NOTE'));
    expect(second[slot]).toEqual({ role: 'system', content: 'LORE-TOP\nPLAYER-NOTE\nLORE-BOTTOM' });
    expect(second.length - 1 - slot).toBe(2);
    // Turn 1 skips the note, but the lore still goes into its slot, at the note's depth.
    const loreOnly = first.findIndex((m) => m.content.includes('LORE-TOP'));
    expect(first[loreOnly]).toEqual({ role: 'system', content: 'LORE-TOP\nLORE-BOTTOM' });
    expect(first.length - 1 - loreOnly).toBe(2);
    expect(first.some((m) => m.content.includes('PLAYER-NOTE'))).toBe(false);
  });

  it("in text-completion mode goes into the template's system sequence at its depth", async () => {
    const s = await loopback();
    const chatml = createOpenAIProvider(profileFor(s.url, { name: 'kobold', model: 'story-1', api: 'completions', template: 'chatml' }), {
      maxRetries: 0,
      template: { instruct: findTemplate('chatml').instruct },
    });
    const { session } = await newSession({ candidates: 1, provider: chatml });
    await session.setAuthorsNote({ text: 'TEXT-MODE-NOTE', depth: 1, every: 1 });
    await play(session, 'I look around.', 'I ask about the wheel.');
    const prompt = s.completionRequests()[1].body!.prompt!;
    const persona = session.persona.name;
    // Before the player's last line (one message from the end), as a ChatML system turn.
    expect(prompt).toContain(
      `<|im_start|>system\nTEXT-MODE-NOTE<|im_end|>\n<|im_start|>user\n${persona}: I ask about the wheel.<|im_end|>`,
    );
    expect(prompt.split('TEXT-MODE-NOTE')).toHaveLength(2);
  });

  it('refuses a note without text or with a depth out of range, and records nothing', async () => {
    const { session, store } = await newSession({ candidates: 1 });
    await expect(session.setAuthorsNote({ text: '  ', depth: 4, every: 1 })).rejects.toThrow(SessionError);
    await expect(session.setAuthorsNote({ text: 'x', depth: 101, every: 1 })).rejects.toThrow(/depth/);
    await expect(session.setAuthorsNote({ text: 'x', depth: 4, every: 0 })).rejects.toThrow(/--every/);
    expect(store.records.filter((r) => r.type === 'note')).toHaveLength(0);
    expect(session.authorsNote).toBeUndefined();
  });
});

describe("a card's post-history instructions", () => {
  const withStyle = (style: Partial<WorldPack['style']>) => miniPack({ style: { ...miniPack().style, ...style } });

  it('come after the chat history, after the last user message, as a system message; the directive follows', async () => {
    const s = await loopback();
    const { session } = await newSession({
      candidates: 1,
      provider: provider(s),
      pack: withStyle({ postHistoryInstructions: 'Keep {{char}} in character. PHI' }),
    });
    await play(session, 'I look around.', 'I ask about the wheel.');
    const messages = bodies(s)[1];
    const at = messages.findIndex((m) => m.content.includes('PHI'));
    expect(messages[at - 1]).toMatchObject({ role: 'user', content: 'I ask about the wheel.' });
    expect(messages[at]).toEqual({ role: 'system', content: 'Keep Wren Alder in character. PHI' });
    expect(messages[at + 1].content).toMatch(/^## Direction for the next reply/);
    expect(at + 2).toBe(messages.length);
    expect(messages[0].content).not.toContain('PHI');
    const diagnostics = session.turns()[1].prompt;
    expect(diagnostics.postHistory).toEqual({ tokens: diagnostics.breakdown.postHistory, keepsDirective: false, from: ['world'] });
    expect(Object.values(diagnostics.breakdown).reduce((a, b) => a + b, 0)).toBe(diagnostics.tokens);
  });

  it('with {{original}}, carry the directive inside them as the last message', async () => {
    const s = await loopback();
    const { session } = await newSession({
      candidates: 1,
      provider: provider(s),
      pack: withStyle({ postHistoryInstructions: 'BEFORE\n{{original}}\nAFTER' }),
    });
    await play(session, 'I look around.');
    const messages = bodies(s)[0];
    const last = messages.at(-1)!;
    expect(last.role).toBe('system');
    expect(last.content).toMatch(/^BEFORE\n## Direction for the next reply[\s\S]*\nAFTER$/);
    expect(messages.at(-2)).toMatchObject({ role: 'user', content: 'I look around.' });
    expect(messages.filter((m) => m.content.includes('## Direction'))).toHaveLength(1);
    expect(session.turns()[0].prompt.postHistory?.keepsDirective).toBe(true);
  });
});

describe("the player's own system prompt", () => {
  it("replaces skald's rules, or extends them at {{original}}; the story's goes over the profile's", async () => {
    const s = await loopback();
    const { session } = await newSession({ candidates: 1, provider: provider(s), systemPrompt: 'PROFILE-PROMPT' });
    await play(session, 'One.');
    await session.setSystemPrompt('STORY-PROMPT');
    await play(session, 'Two.');
    await session.setSystemPrompt('STORY-FIRST\n{{original}}\nSTORY-LAST');
    await play(session, 'Three.');
    await session.setSystemPrompt(undefined);
    await play(session, 'Four.');
    const systems = bodies(s).map((m) => m[0].content);

    // The profile's prompt in place of skald's rules; the setting and the rest follow as before.
    expect(systems[0].startsWith('PROFILE-PROMPT\n\n## Setting')).toBe(true);
    expect(systems[0]).not.toContain(RULES);
    // The story's replaces the profile's.
    expect(systems[1].startsWith('STORY-PROMPT\n\n## Setting')).toBe(true);
    expect(systems[1]).not.toContain('PROFILE-PROMPT');
    // {{original}} keeps what it replaces (here the profile's), where it says.
    expect(systems[2].startsWith('STORY-FIRST\nPROFILE-PROMPT\nSTORY-LAST\n\n## Setting')).toBe(true);
    // Reset: the profile's again.
    expect(systems[3].startsWith('PROFILE-PROMPT\n\n')).toBe(true);
    expect(session.turns().map((t) => t.prompt.systemPrompt)).toEqual([
      { source: 'profile', keepsSkald: false },
      { source: 'story', keepsSkald: false },
      { source: 'story', keepsSkald: false },
      { source: 'profile', keepsSkald: false },
    ]);
  });

  it("extends skald's rules with {{original}}, and a world's system prompt sits between the profile's and the story's", async () => {
    const s = await loopback();
    const pack = miniPack({ style: { ...miniPack().style, systemPrompt: 'WORLD-PROMPT {{char}}\n{{original}}' } });
    const { session } = await newSession({ candidates: 1, provider: provider(s), pack, systemPrompt: '{{original}}\nPROFILE-EXTRA' });
    await play(session, 'One.');
    await session.setSystemPrompt('{{original}}\nSTORY-EXTRA');
    await play(session, 'Two.');
    const [first, second] = bodies(s).map((m) => m[0].content);
    // World over profile over skald: every layer kept what it replaced; macros resolved.
    expect(first.startsWith(`WORLD-PROMPT Wren Alder\n${RULES}`)).toBe(true);
    expect(first).toMatch(/- Keep descriptions concrete\.\nPROFILE-EXTRA\n\n## Setting/);
    expect(second).toMatch(/\nPROFILE-EXTRA\nSTORY-EXTRA\n\n## Setting/);
    expect(session.turns()[1].prompt.systemPrompt).toEqual({ source: 'story', keepsSkald: true });
  });
});

describe('a note and a system prompt survive a resume', () => {
  it('are recorded in the session file and rebuilt from it, and the resumed story sends them', async () => {
    const s = await loopback();
    const dir = mkdtempSync(join(tmpdir(), 'skald-note-'));
    const store = new JsonlSessionStore({ dir });
    const deps = { pack: miniPack(), store, clock: steppingClock(), seed: 5, candidates: 1, provider: provider(s) };
    const first = await Session.create(deps);
    await first.setAuthorsNote({ text: 'RESUMED-NOTE', depth: 2, every: 1 });
    await first.setSystemPrompt('{{original}}\nRESUMED-SYSTEM');
    await play(first, 'I look around.');
    // A note removed and set again: the last record wins.
    await first.setAuthorsNote(undefined);
    await first.setAuthorsNote({ text: 'RESUMED-NOTE', depth: 3, every: 2 });
    await store.close();

    const loaded = await loadSession(first.id, dir);
    expect(loaded.warnings).toEqual([]);
    const store2 = new JsonlSessionStore({ dir, id: first.id });
    const resumed = await Session.restore(loaded.records, { ...deps, store: store2 });
    expect(resumed.authorsNote).toEqual({ text: 'RESUMED-NOTE', depth: 3, every: 2 });
    expect(resumed.systemPrompts).toEqual({ story: '{{original}}\nRESUMED-SYSTEM' });
    await play(resumed, 'I knock.');
    const messages = bodies(s)[1];
    expect(messages[0].content).toContain(`${RULES}`);
    expect(messages[0].content).toContain('- Keep descriptions concrete.\nRESUMED-SYSTEM');
    const chat = chatOf(messages);
    const at = chat.findIndex((m) => m.content === 'RESUMED-NOTE');
    expect(chat.length - 1 - at).toBe(3);
    await store2.close();

    // Reset and cleared, then resumed again: both gone.
    const store3 = new JsonlSessionStore({ dir, id: first.id });
    const again = await Session.restore((await loadSession(first.id, dir)).records, { ...deps, store: store3 });
    await again.setAuthorsNote(undefined);
    await again.setSystemPrompt(undefined);
    await store3.close();
    const last = await Session.restore((await loadSession(first.id, dir)).records, { ...deps, store: new MemoryStoreNoop() });
    expect(last.authorsNote).toBeUndefined();
    expect(last.systemPrompts).toEqual({});
  });
});

class MemoryStoreNoop {
  async append(): Promise<void> {}
}
