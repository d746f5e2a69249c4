import { describe, expect, it } from 'vitest';
import { splitOoc } from '../../../src/engine/pacing/cues.js';

// Keeping the game's record is talk to the table, not the scene. Phrasings not from the labelled set.
describe("keeping the game's record is out of character", () => {
  it('reads an instruction to note something down, or to add it to the inventory, as a note', () => {
    for (const text of [
      'I pocket the coins. Jot that down.',
      'Okay, write it down then.',
      'Put those in my inventory, please.',
      'Mark it down!',
    ]) {
      expect(splitOoc(text).notes, text).toHaveLength(1);
    }
    expect(splitOoc('I pocket the coins. Jot that down.').rest.trim()).toBe('I pocket the coins.');
  });

  it('keeps a character asked to write, and writing in the scene, in character', () => {
    for (const text of [
      'Write that down, Jenkins.',
      'Mark my words, he will come back.',
      'I write down the address she gives me.',
      'I note the mark on the door.',
      'Put it down, now!',
    ]) {
      expect(splitOoc(text).notes, text).toEqual([]);
    }
  });
});
