import { describe, expect, it } from 'vitest';
import { isWaiting, readCues } from '../../../src/engine/pacing/cues.js';
import { readDirection } from '../../../src/eval/player-reading.js';

// Players of chat role-play pose their character in the third person under its name. Added after
// reading the fifth held-out set's misses (a Second Life log); the phrasings here are not from it.
describe('a pose under the character name', () => {
  it('reads a name-led pose that only waits as waiting, as the same act in the first person', () => {
    for (const text of [
      'Aria Vell nods.',
      'Tomas waits by the door.',
      'korin Ashby stays quiet, listening.',
      'Mira Thorne keeps watching the stairs',
      '*Bram Holt leans back*',
    ]) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('reads a name-led pose that acts as leading with its act', () => {
    expect(readCues('Aria Vell draws her sword').actionLed).toBe(true);
    expect(readCues('korin Ashby kicks the door open').actionLed).toBe(true);
    expect(readDirection('Aria Vell draws her sword')).toBe('fast');
  });

  it('does not take an order, a pronoun, an article or a possessive for a name', () => {
    // "Kill goblins" orders; the name would have to be a verb the readers know.
    expect(readCues('Kill goblins').actionLed).toBe(true);
    for (const text of ['The guard nods.', 'She waits.', 'Everyone stays put.', "Aria's brother waits outside."]) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});

describe('laughter, outcries and fillers in more of their forms', () => {
  it('reads laughter posed alone as waiting, like "haha"', () => {
    for (const text of ['I chuckle.', '*giggles*', 'Dana laughs.', 'I laugh softly.', '*snickers*']) {
      expect(isWaiting(text), text).toBe(true);
    }
    for (const text of ['I laugh and shove him off the bench.', '*chuckles* "Not a chance, captain."']) {
      expect(isWaiting(text), text).toBe(false);
    }
  });

  it('reads "omg" and an interjection said over and over as an outcry alone', () => {
    for (const text of ['Omg.', 'oh my god', 'wow wow', 'Yikes! Yikes! Yikes!', 'omg omg omg']) {
      expect(isWaiting(text), text).toBe(true);
    }
    for (const text of ['Oh my god, run!', 'No no no.', 'omg I grab the lantern']) {
      expect(isWaiting(text), text).toBe(false);
    }
  });

  it('reads a filler with a letter held ("mmhmm", "okaaay", "hmmmm") as the filler', () => {
    for (const text of ['Mmmhmm.', 'okaaay', 'hmmmm...', 'Alriiight.']) {
      expect(isWaiting(text), text).toBe(true);
    }
    for (const text of ['Goood, now open it.', 'Sooo we go now?']) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});

describe('kisses, tears, dragging and urging', () => {
  it('reads stealing or sneaking a kiss or a look as the kiss or the look, not a theft', () => {
    expect(readDirection('I steal a quick kiss.')).toBe('slow');
    expect(readDirection('She sneaks a glance at him.')).not.toBe('fast');
    expect(readDirection('I steal the key from his belt.')).toBe('fast');
  });

  it('reads "cries" as tears and "cries out" as a shout', () => {
    expect(readDirection('*she cries*')).toBe('slow');
    expect(readCues('He cries out for the guards.').feeling).toBe(0);
  });

  it('reads dragging as an act, and a dragon as none', () => {
    expect(readCues('We drag the crate behind the stall.').action).toBeGreaterThan(0);
    expect(readCues('A dragon, then.').action).toBe(0);
  });

  it('reads the idioms of urging on and setting off as pushing the story', () => {
    for (const text of [
      'Enough talk, get on with it.',
      'We should get going before dark.',
      'Get a move on, lads!',
      'Time to get moving.',
    ]) {
      expect(readDirection(text), text).toBe('fast');
    }
    expect(readCues('I get on well with her brother.').action).toBe(0);
  });

  it('reads "come on" said alone as urging to move, and "oh, come on" as exasperation', () => {
    for (const text of ['Come on, the boat is leaving.', 'Quick, come on!', 'Tell her. Come on.']) {
      expect(readDirection(text), text).toBe('fast');
    }
    for (const text of [
      'Oh come on, that is not fair.',
      'Aw, come on.',
      'Come on in, the tea is ready.',
      'The torches come on one by one.',
    ]) {
      expect(readCues(text).action, text).toBe(0);
    }
  });
});
