import { describe, expect, it } from 'vitest';
import { detectPivot } from '../../../src/engine/planner/pivots.js';

// A bare apology that opens a greeting is the politeness of breaking in. Added after reading the
// fourth held-out set's false pivots; the phrasings here are not from the labelled set.
describe('an apology that opens a greeting', () => {
  it('is no pivot', () => {
    for (const text of [
      "I'm sorry. Hello, could I have a word?",
      "I'm so sorry. Good evening, I'm Wren.",
      "I'm sorry! Hi, is this seat free?",
    ]) {
      expect(detectPivot(text), text).toBeUndefined();
    }
  });

  it('leaves an apology that owns up to something, or a greeting before the apology, a pivot', () => {
    for (const text of [
      "I'm sorry. I should never have left you there.",
      "Hi. I'm sorry, I was wrong about you.",
      "I'm sorry. It was my fault, all of it.",
    ]) {
      expect(detectPivot(text)?.kind, text).toBe('apology');
    }
  });
});
