import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/engine/memory/index.js';

const texts = (input: string) => extractFacts(input, 3, 'Tamsin', 'en').map((f) => `${f.kind}: ${f.text}`);

// Added after the sixth and seventh held-out sets' misses (a vow's "make you my wife", a toast's
// "you have been ... my best friend", "Problems Mistress?", "No mistress..", "this little deck");
// the phrasings here are not taken from any set.
describe('the one spoken to, said to be the player’s', () => {
  it('is a relation after "you are / you have been / make you", each item of a list counting', () => {
    expect(texts('You are my brother now, whatever they say.')).toEqual([
      'relationship: Tamsin says the one they speak to is their brother.',
    ]);
    expect(texts('For twenty winters you have been my shield, my counsel and my mentor.')).toEqual([
      'relationship: Tamsin says the one they speak to is their mentor.',
    ]);
    expect(texts('Tomorrow I will call you my husband.')).toEqual(['relationship: Tamsin says the one they speak to is their husband.']);
  });

  it('is nothing in a hypothetical, a negation, a question or for a word that is no relation', () => {
    expect(texts('If you were my sister, I would have told you.')).toEqual([]);
    expect(texts('As though you were my father!')).toEqual([]);
    expect(texts('You are not my mother.')).toEqual([]);
    expect(texts('Are you my teacher?')).toEqual([]);
    expect(texts('You are my guest tonight.')).toEqual([]);
  });
});

describe('kin or a master called without comma or capital', () => {
  it('is the player’s at the end of a question or after a bare reply', () => {
    expect(texts('Any news from the capital Father?')).toEqual(['relationship: Tamsin speaks to their father ("Father").']);
    expect(texts('shall i fetch the water master?')).toEqual(['relationship: Tamsin speaks to their master ("master").']);
    expect(texts('Yes grandma, right away.')).toEqual(['relationship: Tamsin speaks to their grandma ("grandma").']);
  });

  it('is nothing after a determiner or a possessive, or for slang in lower case', () => {
    expect(texts('Have you met his mother?')).toEqual([]);
    expect(texts('Is the old man a teacher?')).toEqual([]);
    expect(texts('what now brother?')).toEqual([]);
    expect(texts('thanks sister, you rock.')).toEqual([]);
  });
});

describe('a little thing owned', () => {
  it('is the thing after "this / my / the little", a person or a quantity is none', () => {
    expect(texts("I've got this little brass compass that always points home.")).toEqual([
      'possession: Tamsin has this little brass compass.',
    ]);
    expect(texts('I have my little girl with me.')).toEqual([]);
    expect(texts('I have a little time before the ferry.')).toEqual([]);
    expect(texts('I have this little problem with heights.')).toEqual([]);
  });
});

// Added after held-out 3's one false fact ("i have my spells to keep me warm"); phrasings of their own.
describe('a thing had for a purpose or a duty', () => {
  it('is no possession: "to" and a verb say what it is for', () => {
    expect(texts('I have a boat to catch before dawn.')).toEqual([]);
    expect(texts('I have my charms to protect me.')).toEqual([]);
  });

  it('leaves a thing owned with "to" and its object', () => {
    expect(texts('I have a map to the old mine.')).toEqual(['possession: Tamsin has a map to the old mine.']);
  });
});
