import { describe, expect, it } from 'vitest';
import { DIRECTION_THRESHOLD, readCues } from '../../../src/engine/pacing/cues.js';

// An act done slowly is a small gesture to dwell on, not a push (the known misread "I sit up slowly
// and take the tea", read +0.48). The phrasings here are not from the labelled set.
describe('acts done at leisure', () => {
  it('reads a sentence whose acts are done slowly or lazily as lingering, not as a push', () => {
    for (const text of [
      'I sit up slowly and take the tea',
      'He lazily reaches for the bottle and pours a glass.',
      'I wander over to the shelf, unhurriedly, and pick up a book.',
      'I take the lantern slowly from the hook.',
    ]) {
      const cues = readCues(text);
      expect(cues.action, text).toBe(0);
      expect(cues.actionLed, text).toBe(false);
      expect(cues.score, text).toBeLessThanOrEqual(-DIRECTION_THRESHOLD);
    }
  });

  it('keeps the acts after a turn that hurries again, and the acts of other sentences', () => {
    expect(readCues('I rise slowly, then bolt for the door.').action).toBe(1);
    expect(readCues('I stretch slowly. Then I grab my pack and run for the ferry.').score).toBeGreaterThanOrEqual(DIRECTION_THRESHOLD);
    expect(readCues('The slow river carries the raft; I grab the oar.').score).toBeGreaterThanOrEqual(DIRECTION_THRESHOLD);
  });
});
