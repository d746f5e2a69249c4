import { describe, expect, it } from 'vitest';
import { scenePatternsMade } from '../../../src/engine/planner/index.js';
import { chosenTexts, collect, newSession } from './helpers.js';
import { miniPack } from '../../fixtures/mini-pack.js';

describe('warming a session up', () => {
  it('changes nothing a turn can see: the same records and the same replies as a cold session', async () => {
    const cold = await newSession({ seed: 7 });
    const warm = await newSession({ seed: 7 });
    await warm.session.warmUp();
    expect(warm.store.records).toEqual(cold.store.records);
    for (const text of ['I greet Wren.', 'Why did the wheel stop?', 'I ask about the debt.']) {
      await collect(cold.session.play({ text }));
      await collect(warm.session.play({ text }));
    }
    expect(chosenTexts(warm.session)).toEqual(chosenTexts(cold.session));
    expect(warm.store.records).toEqual(cold.store.records);
    // And again later: still nothing recorded.
    await warm.session.warmUp();
    expect(warm.store.records).toHaveLength(cold.store.records.length);
  });

  it('loads the tokenizer and the language detector, which a start no longer loads', async () => {
    const { tokenizerLoaded } = await import('../../../src/engine/tokens.js');
    const warm = await newSession({ seed: 7 });
    await warm.session.warmUp();
    expect(tokenizerLoaded()).toBe(true);
    const { identifyLanguage } = await import('../../../src/engine/critics/language-id.js');
    expect(identifyLanguage('Der Hund läuft schnell über die Straße und bellt laut.', 'en').language).toBe('de');
  });

  it("makes the planner's scene patterns for every character, which the first turn otherwise pays for", async () => {
    const pack = miniPack();
    const { session } = await newSession({ seed: 7, pack });
    expect(pack.characters.length).toBeGreaterThan(1);
    expect(pack.characters.filter((c) => scenePatternsMade(c))).toEqual([]);
    await session.warmUp();
    expect(pack.characters.filter((c) => !scenePatternsMade(c))).toEqual([]);
  });
});
