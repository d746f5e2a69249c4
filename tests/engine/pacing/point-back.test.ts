import { describe, expect, it } from 'vitest';
import { isWaiting } from '../../../src/engine/pacing/cues.js';

// A bare question pointing back at what just happened. The phrasings are not from the labelled set.
describe('a bare question pointing back at what just happened', () => {
  it('reads "what was that?" with nothing of its own as waiting, like "What?"', () => {
    for (const text of [
      'What was that?',
      'Wait, what was that?',
      '"Huh, what was it?"',
      '*What was that just?*',
      'Um... what was that??',
    ]) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('does not take a question about a thing, or one with more in it, for waiting', () => {
    for (const text of [
      'What is this?',
      'What was that noise?',
      'What was that about the key?',
      'What was in the box?',
      'What was that? I draw my sword.',
      'Sorry, what did she just say?',
      "I'm sorry, what did you say?",
    ]) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});
