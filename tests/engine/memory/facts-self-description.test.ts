import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/engine/memory/index.js';

const texts = (input: string) => extractFacts(input, 3, 'Tamsin', 'en').map((f) => `${f.kind}: ${f.text}`);

// What the player says they are when they introduce themselves or state their lot. Added after
// held-out 3's misses; the phrasings here are not from the corpus.
describe('what the player says they are', () => {
  it('reads the role given after the name in a self-introduction, whatever the role', () => {
    expect(texts('I am Orla Finch, a cartwright.').sort()).toEqual([
      "name: The player's character is named Orla Finch.",
      'other: Tamsin is a cartwright.',
    ]);
    expect(texts("Hello. I'm Bram, an exorcist! Who are you?").sort()).toEqual([
      "name: The player's character is named Bram.",
      'other: Tamsin is an exorcist.',
    ]);
  });

  it('does not take a relation, a phrase going on, or someone else’s role for the player’s trade', () => {
    expect(texts("I'm Bram, a friend.").filter((t) => t.startsWith('other'))).toEqual([]);
    expect(texts("I'm Bram, a friend of your father's.").filter((t) => t.startsWith('other'))).toEqual([]);
    expect(texts('I am Orla, a bit tired today.').filter((t) => t.startsWith('other'))).toEqual([]);
    expect(texts('This is Orla, a cartwright.')).toEqual([]);
  });

  it("reads a lot in life the player is resigned to ('only a ... man') as theirs", () => {
    expect(texts("Leave me be, I'm only a blind old woman.")).toEqual(['other: Tamsin is a blind old woman.']);
    expect(texts("i'm just a poor farmhand")).toEqual(['other: Tamsin is a poor farmhand.']);
  });

  it('does not take a mood, a moment or a bare noun for a lot in life', () => {
    for (const text of ["I'm just a little tired.", "I'm only a minute away.", "I'm just a man.", "You're just a poor boy."]) {
      expect(texts(text), text).toEqual([]);
    }
  });
});
