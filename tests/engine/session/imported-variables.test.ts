// A chat imported from SillyTavern keeps the variables its file's header holds
// (`chat_metadata.variables`, where SillyTavern's {{setvar}} writes them): the story played on
// in skald reads them. The chat is a real one (tests/fixtures/sillytavern-chats), its header
// given variables as SillyTavern writes them (a number, a text).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../../../src/engine/session/records.js';
import { Session } from '../../../src/engine/session/session.js';
import { parseStChat } from '../../../src/store/st-chat/parse.js';
import { chatToRecords } from '../../../src/store/st-chat/to-session.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { collect } from './helpers.js';
import { scriptedProvider, steppingClock } from './scripted-provider.js';

const FILE = new URL('../../fixtures/sillytavern-chats/megumin-2023-04-one-turn.jsonl', import.meta.url);

describe('a chat imported from SillyTavern', () => {
  it('plays on with the variables its header keeps, and changes them as the story goes', async () => {
    const [head, ...rest] = readFileSync(FILE, 'utf8').trim().split('\n');
    const header = JSON.parse(head) as { chat_metadata?: Record<string, unknown> };
    header.chat_metadata = { ...header.chat_metadata, variables: { affection: 3, mood: 'curious' } };
    const text = [JSON.stringify(header), ...rest].join('\n');
    const pack = miniPack();
    pack.style = { ...pack.style, postHistoryInstructions: 'Affection {{getvar::affection}}, mood {{getvar::mood}}.' };
    const chat = parseStChat(text, 'chat.jsonl');
    const { records } = chatToRecords({ chat, pack, persona: pack.player, id: 'st', seed: 1, now: 0, candidates: 1, budget: 8192 });
    const provider = scriptedProvider();
    const session = await Session.restore(records, {
      pack,
      provider,
      store: new MemorySessionStore(),
      clock: steppingClock(),
      seed: 1,
      candidates: 1,
      planner: true,
    });
    const note = (i: number) => provider.requests[i].candidates[0].messages.find((m) => m.content.startsWith('Affection'))!.content;
    await collect(session.play({ text: 'I wave.{{addvar::affection::1}}' }));
    expect(note(0)).toBe('Affection 4, mood curious.');
  });
});
