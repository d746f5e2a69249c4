import { describe, expect, it } from 'vitest';
import { isWaiting } from '../../../src/engine/pacing/cues.js';

// Players in text games answer with a word of assent, a scoff or a laugh, and write a gesture
// between hyphens inside speech ("-grin-"). Added after reading the sixth held-out set's misses;
// the phrasings here are not from the labelled set.
describe('assent, scorn and laughter alone, and a pose between hyphens', () => {
  it('reads a word of assent alone as waiting, as "yes" and "of course" are', () => {
    for (const text of ['Certainly.', 'Agreed!', "It's a deal.", 'Absolutely.', 'Aye.', 'Quite so.', 'Naturally...']) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('reads scorn or relief said alone, and "heh" or "hah", as waiting', () => {
    for (const text of ['Pfft.', 'Tsk tsk.', 'Meh.', 'Phew!', 'Yeesh.', 'Hah!', 'Heh...', 'Hum.']) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('reads a laugh or a filler posed between hyphens as one between asterisks', () => {
    for (const text of ['-giggles-', '-chuckle-.', '-hmm-', '-nods-']) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('does not take an assent with more after it, a verb, a refusal or an act between hyphens for waiting', () => {
    for (const text of [
      'Certainly not.',
      'Agreed, we ride at dawn.',
      'Deal the cards, Tomas.',
      'Absolutely not, I climb the wall.',
      'Heh, I grab the rope.',
      '-draws her dagger-',
      '-grins- Hand me that lantern.',
      'A well-read man.',
    ]) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});

describe('a verdict on the moment just past', () => {
  it('reads "That was ..." or "This was ..." with a verdict and nothing more as waiting', () => {
    for (const text of ['That was amazing!', 'This was so boring.', 'That was hilarious.', 'Incredible.']) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('does not take a verdict with more after it, a "that was" naming something, or a recounted "it was" for waiting', () => {
    for (const text of [
      "That was fun, let's do it again.",
      "That was the captain's horse.",
      'It was scary.',
      'That was a boring speech.',
    ]) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});
