import { describe, expect, it } from 'vitest';
import { detectPivot } from '../../../src/engine/planner/pivots.js';

// Sorry for how things are, with how they usually are, is a host's politeness. Added after reading
// the fifth held-out set's false pivot; the phrasings here are not from the labelled set.
describe('an apology for the circumstances', () => {
  it('is no pivot when it says how things usually or normally are', () => {
    for (const text of [
      "I'm sorry, the inn is normally quieter than this.",
      "I'm so sorry. Things aren't usually this chaotic at the market.",
      'I apologise. Usually it is much warmer in the hall.',
    ]) {
      expect(detectPivot(text), text).toBeUndefined();
    }
  });

  it('leaves an apology for a wrong of the speaker’s a pivot, usual or not', () => {
    for (const text of [
      "I'm sorry. I usually never lose my temper, and I hurt you.",
      "I'm sorry. This is always how it goes with me.",
      'Forgive me. It was my fault.',
    ]) {
      expect(detectPivot(text)?.kind, text).toBe('apology');
    }
  });
});
