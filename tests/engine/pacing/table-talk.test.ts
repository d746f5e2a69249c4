import { describe, expect, it } from 'vitest';
import { DIRECTION_THRESHOLD, readCues, splitOoc } from '../../../src/engine/pacing/cues.js';

// Out-of-character talk with no mark: a sentence about the game's machinery. The phrasings are
// not from the labelled set: the rules must carry them.
describe('the bookkeeping of a tabletop game is out of character', () => {
  it('reads dice, checks, saves and the sheet as a note', () => {
    for (const text of [
      'Can I make an insight check on the merchant?',
      'I got a 2d6+1 on that one.',
      'Natural 20!',
      "I'll roll for stealth.",
      'Do I still have a spell slot left?',
      'Add the silver ring to my character sheet.',
      'That was a failed saving throw, I think.',
      '我能过一个察觉检定吗？',
      '把这把匕首记到人物卡上。',
    ]) {
      expect(splitOoc(text).notes, text).toHaveLength(1);
    }
  });

  it('keeps the sentences around the note in character', () => {
    const text = 'I vault over the table and attack the guard. Rolled a d20, got 17.';
    const { notes, rest } = splitOoc(text);
    expect(notes).toEqual(['Rolled a d20, got 17.']);
    expect(rest.trim()).toBe('I vault over the table and attack the guard.');
    expect(readCues(text).score).toBeGreaterThanOrEqual(DIRECTION_THRESHOLD);
  });

  it('does not read a roll of the eyes, a check on something, or a hit as bookkeeping', () => {
    for (const text of [
      'She rolls her eyes and turns away.',
      'I check the lock again.',
      'He hit me twice and I lost count of the points.',
      'Roll the barrel down the ramp!',
      '我掷出骰子，赌上全部家当。',
    ]) {
      expect(splitOoc(text).notes, text).toHaveLength(0);
    }
  });
});

describe('instructions about how the replies are written are out of character', () => {
  it('reads a request about the length of the replies, or about who writes the player, as a note', () => {
    for (const text of [
      'Could you write longer paragraphs from now on?',
      'Keep the responses a little shorter, please.',
      "Please don't talk for my character.",
      'Stop narrating as {{user}}.',
      '回复可以写得长一点吗？',
      '下一段请多一些天气的描写。',
      '不要替我的角色做决定。',
    ]) {
      expect(splitOoc(text).notes, text).toHaveLength(1);
    }
  });

  it('does not read what characters say about answers, speech or someone nature as a note', () => {
    for (const text of [
      'Your answers are far too quick for a human. Are you an AI?',
      "Don't speak for me, brother!",
      'Make it shorter, the hem drags on the floor.',
      'Lying is not in your character.',
      'I await your reply by raven.',
      '她笑着回复了一句。',
      '别替我做决定！',
    ]) {
      expect(splitOoc(text).notes, text).toHaveLength(0);
    }
  });
});
