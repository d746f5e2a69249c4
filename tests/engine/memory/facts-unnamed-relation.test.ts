import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/engine/memory/index.js';

const texts = (input: string) => extractFacts(input, 3, 'Tamsin', 'en').map((f) => `${f.kind}: ${f.text}`);

// A relation the player names by what it does, not by name, is still theirs. Phrasings here are
// not from the labelled set (none of its messages states one).
describe('an unnamed relation with a trade', () => {
  it('is the player’s relation, with the trade and the tense it is told in', () => {
    expect(texts('My sister is a healer, she can help.')).toEqual(["relationship: Tamsin's sister is a healer."]);
    expect(texts('my grandfather was a blacksmith in the old town')).toEqual(["relationship: Tamsin's grandfather was a blacksmith."]);
    expect(texts("My uncle's an innkeeper.")).toEqual(["relationship: Tamsin's uncle is an innkeeper."]);
  });

  it('is nothing when the relation is someone else’s, the word is an opinion, or nothing lasting is said', () => {
    expect(texts('His sister is a healer.')).toEqual([]);
    expect(texts('My brother is a fool.')).toEqual([]);
    expect(texts('Is it possible that my sister would be with him?')).toEqual([]);
    expect(texts('My friend is a long way off.')).toEqual([]);
  });
});
