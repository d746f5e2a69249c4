import { describe, expect, it } from 'vitest';
import { isWaiting } from '../../../src/engine/pacing/cues.js';

// A verdict on the moment or an oath with nothing after it only reacts. Added after reading the
// fourth held-out set's misses; the phrasings here are not from the labelled set.
describe('a bare verdict or oath, in more of its forms', () => {
  it('reads "this is ...", "fine", "interesting", "strange" verdicts and "goddamn it" alone as waiting', () => {
    for (const text of [
      'This is odd.',
      'Hm. How strange.',
      'Okay, fine.',
      'Interesting...',
      'This is weird.',
      'God damn it!',
      'Goddammit.',
    ]) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('does not take a verdict on someone, a verdict with more after it, or an oath at someone for waiting', () => {
    for (const text of [
      "They'll be fine.",
      'This is strange, I search the room again.',
      'Interesting. Tell me more about the duke.',
      'Fine wine, this.',
      'Goddamn you!',
      'This is my house.',
    ]) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});
