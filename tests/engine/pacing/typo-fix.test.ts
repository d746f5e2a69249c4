import { describe, expect, it } from 'vitest';
import { readCues, splitOoc } from '../../../src/engine/pacing/cues.js';

// A player correcting the typo of their last line writes only the right word, starred or with
// "even" after it. Added after reading the sixth held-out set's misses; the phrasings here are not
// from the labelled set.
describe("correcting one's own typo", () => {
  it('reads a lone word starred, or followed by ", even", as a note out of character', () => {
    for (const text of ['tomorrow*', 'Gate, even.', "isn't*", 'Dagger, even!']) {
      expect(splitOoc(text).notes, text).toEqual([text]);
      expect(readCues(text).inCharacter, text).toBe(false);
    }
  });

  it('keeps a starred pose, a word with more after it and an ordinary "even" in character', () => {
    for (const text of ['*waves*', '*sighs', 'Safe, even now.', 'Even so, we go.', 'Run, even if it hurts.', 'Stop!']) {
      expect(splitOoc(text).notes, text).toEqual([]);
    }
  });
});
