import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/engine/memory/index.js';

const texts = (input: string) => extractFacts(input, 3, 'Tamsin', 'en').map((f) => `${f.kind}: ${f.text}`);

// Kin, or someone the player serves, called by that word alone is the player's. Added after the
// fourth and fifth held-out sets' "Brother, ..." and "..., Mistress"; phrasings here are not from them.
describe('a relation called to their face', () => {
  it('is the player’s relation at the start of a sentence, or after a comma or "you" at its end', () => {
    expect(texts('Father, wait for me!')).toEqual(['relationship: Tamsin speaks to their father ("Father").']);
    expect(texts('The bread is burnt again, Grandma.')).toEqual(['relationship: Tamsin speaks to their grandma ("Grandma").']);
    expect(texts('Thank you Master.')).toEqual(['relationship: Tamsin speaks to their master ("Master").']);
    expect(texts('"Sister, hide!"')).toEqual(['relationship: Tamsin speaks to their sister ("Sister").']);
  });

  it('is nothing for a title before a name, a word in the sentence, lower case, or a word anyone is called', () => {
    expect(texts('Good evening, Captain Roke.')).toEqual([]);
    expect(texts('Master Ilric opens the door.')).toEqual([]);
    expect(texts('The Mother of Storms is angry.')).toEqual([]);
    expect(texts('I saw your brother, he left.')).toEqual([]);
    expect(texts('Sure thing, boss.')).toEqual([]);
    expect(texts('Come here, friend.')).toEqual([]);
  });
});
