// The debug pane on a turn imported from a SillyTavern chat: it says the turn was imported and
// shows no plan, pacing, prompt, score or critics, since none were made for it here.
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { MemorySessionStore } from '../../src/engine/session/records.js';
import { parseStChat } from '../../src/store/st-chat/parse.js';
import { chatToRecords } from '../../src/store/st-chat/to-session.js';
import { debugLines } from '../../src/ui/debug/sections.js';
import { debugSubject } from '../../src/ui/debug/subject.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { scriptedProvider, steppingClock } from '../engine/session/scripted-provider.js';
import { collect } from '../engine/session/helpers.js';

const text = (lines: ReturnType<typeof debugLines>) => lines.map((l) => l.map((s) => s.text).join('')).join('\n');

describe('the debug pane on an imported turn', () => {
  it('says it was imported and shows no stand-in diagnostics; a turn played after it shows its own', async () => {
    const pack = miniPack();
    const chat = parseStChat(
      [
        JSON.stringify({ user_name: 'Tamsin', character_name: 'Wren' }),
        JSON.stringify({ name: 'Tamsin', is_user: true, mes: 'I knock.' }),
        JSON.stringify({ name: 'Wren', is_user: false, mes: 'He opens.', swipe_id: 0, swipes: ['He opens.', 'Nobody comes.'] }),
      ].join('\n'),
      'chat.jsonl',
    );
    const { records } = chatToRecords({ chat, pack, persona: pack.player, id: 'st-debug', seed: 1, now: 0, candidates: 2, budget: 8192 });
    const session = await Session.restore(records, {
      pack,
      provider: scriptedProvider(),
      store: new MemorySessionStore(),
      clock: steppingClock(),
      seed: 1,
      candidates: 2,
    });
    const imported = text(debugLines(debugSubject(session.turns(), session.turns()[0], undefined, session.getSnapshot()), 100));
    expect(imported).toContain('Imported from SillyTavern: no plan, prompt or critic ran for this turn.');
    expect(imported).toContain('▶ candidate 1 · a swipe from SillyTavern');
    expect(imported).toContain('candidate 2 · a swipe from SillyTavern');
    for (const absent of ['score', 'beat', 'budget', 'critics', 'timing', 'slow']) expect(imported).not.toContain(absent);

    await collect(session.play({ text: 'I go in.' }));
    const played = text(debugLines(debugSubject(session.turns(), session.turns()[1], undefined, session.getSnapshot()), 100));
    expect(played).not.toContain('Imported from SillyTavern');
    expect(played).toMatch(/candidate 1 · .* · score \d\.\d\d/);
    expect(played).toContain('budget');
  });
});
