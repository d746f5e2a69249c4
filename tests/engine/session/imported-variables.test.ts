// A chat imported from SillyTavern keeps the variables its file's header holds
// (`chat_metadata.variables`, where SillyTavern's {{setvar}} writes them): the story played on
// in skald reads them. The chat is a real one (tests/fixtures/sillytavern-chats), its header
// given variables as SillyTavern writes them (a number, a text).
import { describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../../../src/engine/session/records.js';
import { Session } from '../../../src/engine/session/session.js';
import { parseStChat } from '../../../src/store/st-chat/parse.js';
import { chatToRecords } from '../../../src/store/st-chat/to-session.js';
import { sessionToStChat } from '../../../src/store/st-chat/from-session.js';
import { activeBranch } from '../../../src/store/branch.js';
import { branchVariables } from '../../../src/engine/session/story-variables.js';
import type { SessionStartRecord } from '../../../src/engine/session/records.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { collect } from './helpers.js';
import { chatWithMetadata, importedDeps } from './imported-chat.js';
import { scriptedProvider } from './scripted-provider.js';

const FILE = new URL('../../fixtures/sillytavern-chats/megumin-2023-04-one-turn.jsonl', import.meta.url);

/** The real chat, its header given `variables` as SillyTavern writes them: the header, and the chat parsed. */
const chatWith = (variables: Record<string, unknown>) => chatWithMetadata(FILE, { variables });

describe('a chat imported from SillyTavern', () => {
  it('plays on with the variables its header keeps, and changes them as the story goes', async () => {
    const pack = miniPack();
    pack.style = { ...pack.style, postHistoryInstructions: 'Affection {{getvar::affection}}, mood {{getvar::mood}}.' };
    const { chat } = chatWith({ affection: 3, mood: 'curious' });
    const { records } = chatToRecords({ chat, pack, persona: pack.player, id: 'st', seed: 1, now: 0, candidates: 1, budget: 8192 });
    const provider = scriptedProvider();
    const session = await Session.restore(records, importedDeps(pack, provider));
    const note = (i: number) => provider.requests[i].candidates[0].messages.find((m) => m.content.startsWith('Affection'))!.content;
    await collect(session.play({ text: 'I wave.{{addvar::affection::1}}' }));
    expect(note(0)).toBe('Affection 4, mood curious.');
  });

  it("goes back to SillyTavern with the story's variables in its header, where SillyTavern keeps them, and comes back with them", async () => {
    const pack = miniPack();
    pack.style = {
      ...pack.style,
      systemPrompt: '{{addvar::scenes::1}}Keep it short.',
      postHistoryInstructions: 'Affection {{getvar::affection}}, scenes {{getvar::scenes}}, mood {{getvar::mood}}.',
    };
    const { chat, header } = chatWith({ affection: 3, kept: 7 });
    const { records } = chatToRecords({ chat, pack, persona: pack.player, id: 'st', seed: 1, now: 0, candidates: 1, budget: 8192 });
    const first = scriptedProvider({ text: () => 'She smiles.{{setvar::mood::glad}}' });
    const store = new MemorySessionStore();
    const session = await Session.restore(records, { ...importedDeps(pack, first), store });
    await collect(session.play({ text: 'I wave.{{addvar::affection::1}}' }));
    const log = [...records, ...store.records];
    const start = log[0] as SessionStartRecord;
    const turns = activeBranch(log);
    const names = { user: start.persona, char: 'Wren' };
    const variables = branchVariables(pack.openings[0].text, turns, names, start.imported?.header);
    // The reply's, the player's and the system prompt's changes, with what the header held.
    expect(variables).toEqual({ affection: '4', kept: '7', scenes: '1', mood: 'glad' });
    const file = sessionToStChat({ start, turns, characterName: 'Wren', variables });
    const written = JSON.parse(file.split('\n')[0]) as { chat_metadata: Record<string, unknown> };
    // What the story left as read goes back as it was (a number), the rest as SillyTavern's {{setvar}} writes text.
    expect(written.chat_metadata.variables).toEqual({ affection: '4', kept: 7, scenes: '1', mood: 'glad' });
    expect(written.chat_metadata).toMatchObject({ ...header.chat_metadata, variables: written.chat_metadata.variables });

    // Imported again, the story reads them from the header.
    const again = chatToRecords({
      chat: parseStChat(file, 'back.jsonl'),
      pack,
      persona: pack.player,
      id: 'st2',
      seed: 2,
      now: 0,
      candidates: 1,
      budget: 8192,
    });
    const second = scriptedProvider();
    const resumed = await Session.restore(again.records, importedDeps(pack, second));
    await collect(resumed.play({ text: 'I sit.' }));
    const note = second.requests[0].candidates[0].messages.find((m) => m.content.startsWith('Affection'))!.content;
    expect(note).toBe('Affection 4, scenes 2, mood glad.');
  });
});
