import { describe, expect, it } from 'vitest';
import { readCues } from '../../../src/engine/pacing/cues.js';

// Praise with no verb goes on with a eulogy the line before began, and is slow by its sense alone.
// Written after held-out 7's toast ("the most selfless."); the phrasings here are not from any set.
describe('praise going on with a eulogy', () => {
  it('is slow after "she was the best of us" or a toast', () => {
    for (const heard of ['Mara lifts her cup. "She was the bravest of us."', 'To Captain Orrin!', 'He was the finest man I knew.']) {
      for (const text of ['The kindest.', 'the most patient, and the least afraid.', 'The wisest of us all.']) {
        expect(readCues(text, heard).score, `${heard} / ${text}`).toBeLessThanOrEqual(-0.25);
      }
    }
  });

  it('is read on its own words after anything else, or with a verb in it', () => {
    expect(readCues('The kindest.').score).toBeGreaterThan(-0.25);
    expect(readCues('The most annoying.', 'Tobin has eaten all the bread again.').score).toBeGreaterThan(-0.25);
    expect(readCues('The fastest way is through the pass.', 'She was the best of us.').score).toBeGreaterThan(-0.25);
  });
});
