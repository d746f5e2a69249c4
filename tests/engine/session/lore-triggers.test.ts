// SillyTavern World Info `triggers` and `matchSources` in play: a regenerate and a continuation are
// generations of their own kind, and the player's persona is a text an entry may read.
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src/engine/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { entry } from '../lore/helpers.js';
import { collect, newSession } from './helpers.js';
import { scriptedProvider } from './scripted-provider.js';

const loreOf = (events: SessionEvent[]) => events.flatMap((e) => (e.type === 'prompt' ? e.prompt.lore : []));

describe('World Info triggers and match sources in a session', () => {
  it('an entry with triggers fires only on its generations: regenerate (a swipe), continue', async () => {
    const lore = [
      entry('always', { keys: ['wheel'], text: 'ALWAYS' }),
      entry('on-swipe', { keys: ['wheel'], text: 'ON-SWIPE', triggers: ['swipe'] }),
      entry('on-continue', { keys: ['wheel'], text: 'ON-CONTINUE', triggers: ['continue'] }),
    ];
    const provider = scriptedProvider({ text: (turn) => `The wheel turns ${turn}.` });
    const { session } = await newSession({ pack: miniPack({ lore }), provider, candidates: 1 });
    expect(loreOf(await collect(session.play({ text: 'I look at the wheel.' })))).toEqual(['always']);
    expect(loreOf(await collect(session.regenerate())).sort()).toEqual(['always', 'on-swipe']);
    expect(loreOf(await collect(session.continueReply())).sort()).toEqual(['always', 'on-continue']);
  });

  it("an entry matching the persona description fires from the player's persona, one that does not stays out", async () => {
    const lore = [
      entry('sister', { keys: ['sister'], text: 'Kin.', matchSources: ['persona'] }),
      entry('sister-story', { keys: ['sister'], text: 'Told.' }),
    ];
    const { session } = await newSession({ pack: miniPack({ lore }), provider: scriptedProvider({ text: () => 'Hm.' }), candidates: 1 });
    // The mini pack's player is "Wren's younger sister": the story never says it.
    expect(loreOf(await collect(session.play({ text: 'I wave.' })))).toEqual(['sister']);
  });
});
