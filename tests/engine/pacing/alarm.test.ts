import { describe, expect, it } from 'vitest';
import { DIRECTION_THRESHOLD, readCues } from '../../../src/engine/pacing/cues.js';

// An alarm raised ("There's a wolf!") puts something new into the scene and pushes the story; the same
// words said calmly, or asked, only describe. Written after reading held-out 8's misses; the phrasings
// here are not from any labelled set.
describe('an alarm raised', () => {
  it('pushes the story', () => {
    for (const text of ["There's a wolf!", 'Quick, there is a fire!', 'Oh no, there’s a giant snake!']) {
      expect(readCues(text).score, text).toBeGreaterThanOrEqual(DIRECTION_THRESHOLD);
    }
  });

  it('is no alarm said calmly, asked, or when showing a thing', () => {
    for (const text of ["There's a well in the yard.", 'Is there a way out?', 'Look at this one. It’s a fox!']) {
      expect(readCues(text).action, text).toBe(0);
    }
  });
});
