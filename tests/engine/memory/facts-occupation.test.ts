import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/engine/memory/index.js';

const texts = (input: string, language: string) => extractFacts(input, 3, 'Tamsin', language).map((f) => `${f.kind}: ${f.text}`);

// Added after measuring on held-out real messages: players state their trade as the ground they
// speak from ("作为医生，我…"), not only as "I am a ...". Phrasings here are not from the corpus.
describe('a trade the player speaks from', () => {
  it('is the player’s occupation when the player is the one speaking from it', () => {
    expect(texts('作为一名捕快，我不能放你走。', 'zh')).toEqual(['other: Tamsin是捕快。']);
    expect(texts('身为骑士的我，怎么能临阵脱逃？', 'zh')).toEqual(['other: Tamsin是骑士。']);
    expect(texts('我身为守卫，今晚必须守在门口。', 'zh')).toEqual(['other: Tamsin是守卫。']);
    expect(texts("As a nurse, I've seen worse than this.", 'en')).toEqual(['other: Tamsin is a nurse.']);
  });

  it('is nothing when the role is the listener’s, a thing given in return, or not a trade', () => {
    expect(texts('作为医生，你应该比我清楚。', 'zh')).toEqual([]);
    expect(texts('作为回报，我请你喝酒。', 'zh')).toEqual([]);
    expect(texts('作为朋友，我劝你别去。', 'zh')).toEqual([]);
    expect(texts('As a doctor, you should know better.', 'en')).toEqual([]);
    expect(texts('As a favor, I will wait here.', 'en')).toEqual([]);
  });
});
