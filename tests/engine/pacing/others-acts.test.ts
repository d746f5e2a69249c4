import { describe, expect, it } from 'vitest';
import { readCues, splitOoc } from '../../../src/engine/pacing/cues.js';
import { readDirection } from '../../../src/eval/player-reading.js';

// Added after reading the fifth held-out set's misses; the phrasings here are not from it.
describe('what the player only sees someone else do', () => {
  it('is not the player’s act: an "as" clause of another’s act, and what is seen or heard', () => {
    for (const text of [
      'I freeze as Mara draws her knife.',
      'Tobin goes pale as he charges the gate',
      'She hears the sudden crash of the doors.',
      'I notice a guard running toward us.',
    ]) {
      expect(readCues(text).action, text).toBe(0);
    }
  });

  it('keeps the player’s own act around it', () => {
    expect(readDirection('I see the guard and run.')).toBe('fast');
    expect(readDirection('I duck as he swings, then stab him.')).toBe('fast');
    expect(readCues('As I charge the gate, I shout.').action).toBeGreaterThan(0);
  });
});

describe('gestures that look like cues', () => {
  it('reads a head with a possessive before it as the body part, not heading somewhere', () => {
    expect(readCues('He shakes his head.').action).toBe(0);
    expect(readCues('I bow my grey head.').action).toBe(0);
    expect(readCues('I head for the harbour.').action).toBeGreaterThan(0);
  });

  it('reads a cruel, smug or sly smile as no tender gesture', () => {
    for (const text of ['He smiles coldly.', 'I grin wickedly.', 'A smug smirk.', 'She gives a sly smile.']) {
      expect(readCues(text).feeling, text).toBe(0);
    }
    expect(readDirection('I smile warmly at her.')).toBe('slow');
  });
});

describe('the player describing their character to the table', () => {
  it('is an out-of-character note when "my character" is the subject of the sentence', () => {
    for (const text of ['My character is a tall elf with a scar.', 'So my OC has silver hair.', 'Also, my char wears a red coat.']) {
      expect(splitOoc(text).notes, text).toHaveLength(1);
    }
  });

  it('keeps a nature, the sheet and the story in character', () => {
    expect(splitOoc("It's not in my character to lie.").notes).toHaveLength(0);
    expect(splitOoc('I draw my sword. My character sheet says 12 hit points.').rest).toContain('I draw my sword.');
    expect(splitOoc('I draw my sword.').notes).toHaveLength(0);
  });
});
