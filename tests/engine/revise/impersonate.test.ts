import { describe, expect, it } from 'vitest';
import { cleanDraft, draftMessage, draftTokens, impersonatePrompt, offlineDraft } from '../../../src/engine/revise/impersonate.js';
import type { StoryMessage } from '../../../src/engine/types.js';
import { createOfflineNarrator } from '../../../src/providers/offline/index.js';
import { miniPack } from '../../fixtures/mini-pack.js';

const pack = miniPack();
const persona = pack.player;
const history: StoryMessage[] = [
  { role: 'narrator', text: 'The mill is dark.', turn: 0 },
  { role: 'player', text: 'one', turn: 1 },
  { role: 'narrator', text: 'Wren waits.', turn: 1 },
  { role: 'player', text: '*I knock twice.* "Wren? It\'s me."', turn: 2 },
  { role: 'narrator', text: 'The door opens.', turn: 2 },
  { role: 'player', text: 'two', turn: 3 },
  { role: 'player', text: 'three', turn: 4 },
  { role: 'player', text: 'four', turn: 5 },
];

describe('the impersonate prompt', () => {
  it('names the persona, shows their last four messages as their style, the story, and the hint', () => {
    const [system, user] = impersonatePrompt({ pack, persona, history, hint: 'ask about the debt' });
    expect(system.role).toBe('system');
    expect(system.content).toContain('The player plays Tamsin');
    expect(system.content).toContain(persona.persona);
    expect(system.content).toContain('- *I knock twice.* "Wren? It\'s me."');
    expect(system.content).not.toContain('- one');
    expect(system.content).toContain(`(${pack.language})`);
    expect(user.content).toContain('Narrator: The door opens.');
    expect(user.content).toContain('Tamsin: two');
    expect(user.content).toContain("the player's hint): ask about the debt");
  });

  it('asks for about as many tokens as the player writes, within bounds', () => {
    expect(draftTokens([])).toBe(90);
    expect(draftTokens([{ role: 'player', text: 'Yes.', turn: 1 }])).toBe(80);
    expect(draftTokens([{ role: 'player', text: 'word '.repeat(500), turn: 1 }])).toBe(320);
  });
});

describe('cleaning a draft', () => {
  it('drops a name label and stops where the model wrote the narrator', () => {
    expect(cleanDraft('Tamsin: I knock again.', 'Tamsin')).toBe('I knock again.');
    expect(cleanDraft('**Tamsin:** I knock again.', 'Tamsin')).toBe('I knock again.');
    expect(cleanDraft('I knock again.\n\nNarrator: Wren opens the door.', 'Tamsin')).toBe('I knock again.');
    expect(cleanDraft('"Tamsin: that is my name," I say.', 'Tamsin')).toBe('"Tamsin: that is my name," I say.');
  });

  it('leaves no terminal control sequence in the draft', () => {
    expect(cleanDraft('I wave.\u001b[2J', 'Tamsin')).not.toContain('\u001b');
  });
});

describe('drafting without a model', () => {
  it('needs a hint, and says so', async () => {
    const result = await draftMessage(createOfflineNarrator(), { pack, persona, history });
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/offline narrator cannot write in your voice; give it what you do/),
    });
  });

  it("puts the hint in the player's person and action marks", async () => {
    expect(await draftMessage(createOfflineNarrator(), { pack, persona, history, hint: 'ask Wren about the debt' })).toEqual({
      ok: true,
      text: 'I ask Wren about the debt.',
    });
    expect(offlineDraft('i knock again', 'Tamsin', [])).toEqual({ ok: true, text: 'I knock again.' });
    expect(offlineDraft('"Wren?"', 'Tamsin', [])).toEqual({ ok: true, text: '"Wren?"' });
    const third: StoryMessage[] = [
      { role: 'player', text: 'Tamsin waves.', turn: 1 },
      { role: 'player', text: 'Tamsin sits down.', turn: 2 },
    ];
    expect(offlineDraft('reach for the latch', 'Tamsin', third)).toEqual({ ok: true, text: 'Tamsin reaches for the latch.' });
    expect(offlineDraft('try the door', 'Tamsin', third)).toEqual({ ok: true, text: 'Tamsin tries the door.' });
    const marked: StoryMessage[] = [
      { role: 'player', text: '*waves*', turn: 1 },
      { role: 'player', text: '*sits down* Hello.', turn: 2 },
    ];
    expect(offlineDraft('look around', 'Tamsin', marked)).toEqual({ ok: true, text: '*I look around.*' });
  });
});
