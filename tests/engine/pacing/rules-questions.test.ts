import { describe, expect, it } from 'vitest';
import { splitOoc } from '../../../src/engine/pacing/cues.js';

// A question about what the rules allow, in plain words, is table talk. Added after the fourth
// held-out set's "Am I able to use evasion for that?"; the phrasings here are not from any set.
describe('a rules question in plain words', () => {
  it('is an out-of-character note: using one\'s own thing or a named move "for that", getting advantage', () => {
    for (const text of [
      'Can I use my shield for that?',
      'Could I use uncanny dodge for this?',
      'Am I able to use my reaction for that?',
      'Do I get advantage?',
      'Would we still get disadvantage on that?',
    ]) {
      expect(splitOoc(text).notes, text).toHaveLength(1);
    }
  });

  it('keeps in character what a character asks for in the story', () => {
    for (const text of [
      'Can I use your phone for this?',
      'Can I use this for that?',
      'Am I able to leave now?',
      'Do I get a bonus if the job goes well?',
      'Does that count as a yes?',
      'Can I use my own name here?',
    ]) {
      expect(splitOoc(text).notes, text).toHaveLength(0);
    }
  });

  it('keeps the act around the question in character', () => {
    const { notes, rest } = splitOoc('I raise my shield. Can I use my shield for that?');
    expect(notes).toEqual(['Can I use my shield for that?']);
    expect(rest).toContain('I raise my shield.');
  });
});
