import { describe, expect, it } from 'vitest';
import { isWaiting } from '../../../src/engine/pacing/cues.js';

// Added after the seventh held-out set's misses and false waits; the phrasings here are not taken
// from any labelled set.
describe('a hedge or "I don\'t know" alone', () => {
  it('answers a question, so the player is not waiting', () => {
    for (const text of ['Possibly.', 'Presumably.', 'Maybe not.', 'Probably not!', 'Likely.', "I don't know.", 'We do not know.']) {
      expect(isWaiting(text), text).toBe(false);
    }
  });

  it('leaves news taken in as waiting, and an adverb of manner is stripped as before', () => {
    for (const text of ["I didn't know that.", 'Never knew that.', 'Certainly.']) {
      expect(isWaiting(text), text).toBe(true);
    }
  });
});

describe('a name called after a comma at the end', () => {
  it('adds no move to thanks or assent, capitalised or not', () => {
    for (const text of ['Thanks, Orla.', 'okay, bram', 'Of course, Sergeant!', 'All right, everyone.']) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('is no name when it is a verb or says when or where', () => {
    for (const text of ['Fine, run.', 'Sure, tomorrow.', 'Okay, here.', 'Thanks, Orla, now hide.']) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});

describe('agreeing to a plan, asking what comes next, a wait to come', () => {
  it('reads as waiting', () => {
    for (const text of [
      'That works for me.',
      'Works for me.',
      'Great idea.',
      "That's a great idea!",
      'So what comes next?',
      "We'll wait by the gate.",
    ]) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('an act to come is still an act', () => {
    for (const text of ["I'll go.", "We'll break the door down.", 'Good idea, grab the rope.']) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});

// Added after held-out 5's "smiles a nervous smile and replies, 'Yes, I understand'"; phrasings of their own.
describe('a smile introducing a line', () => {
  it('waits as the line does', () => {
    expect(isWaiting('I grin and say, "Sure."')).toBe(true);
    expect(isWaiting('Tavi smiles a small smile and answers, "Of course."')).toBe(true);
    expect(isWaiting('I smile, "Then we ride at dawn."')).toBe(false);
    expect(isWaiting('I smile at her.')).toBe(false);
  });
});

// Added after held-out 4's "Well, that happened."; phrasings of their own.
describe('the moment just past taken in', () => {
  it('waits when it is all the message says', () => {
    expect(isWaiting('Huh. So that happened.')).toBe(true);
    expect(isWaiting('That happened to my cousin once.')).toBe(false);
  });
});
