import { describe, expect, it } from 'vitest';
import { readCues, splitOoc } from '../../../src/engine/pacing/cues.js';
import { PacingModel } from '../../../src/engine/pacing/index.js';
import { detectPivot } from '../../../src/engine/planner/pivots.js';
import { Story } from '../planner/helpers.js';

// Messages that mean what they mean only after the line before them (src/engine/pacing/heard.ts).
// Written after reading the held-out sets' misses ("I do.", "Forever.", "15.", an echo, a groan at the
// dice); the phrasings here are not from any labelled set.

describe('a bare pledge after a vow question', () => {
  const asked = 'The priestess lifts the cord. "Do you take Rowan Hale to be your husband, for as long as you both shall live?"';

  it('is a vow, and a vow is dwelt on', () => {
    for (const text of ['I do.', 'Always.', 'Yes. Forever.', 'I will!']) {
      expect(detectPivot(text, asked)?.kind, text).toBe('vow');
      expect(readCues(text, asked).score, text).toBeLessThanOrEqual(-0.25);
    }
    expect(detectPivot('I do.', 'Will you love him and keep him, all your days?')?.kind).toBe('vow');
  });

  it('is nothing without the question, or after a question that binds no one', () => {
    expect(detectPivot('I do.')).toBeUndefined();
    expect(readCues('I do.').score).toBeGreaterThan(-0.25);
    for (const heard of ['"Do you take milk in your tea?"', 'Will you come back tomorrow?', 'She takes your hand. "Forever," she says.']) {
      expect(detectPivot('I do.', heard), heard).toBeUndefined();
      expect(readCues('I do.', heard).score, heard).toBeGreaterThan(-0.25);
    }
    // A pledge with more in it is read on its own words.
    expect(detectPivot('I do, but only if Mara comes too.', asked)).toBeUndefined();
  });
});

describe('an answer to table talk', () => {
  const check = 'The lock is old and stiff. Make a dexterity check.';

  it('is out of character when it is a roll said alone after a roll was asked for', () => {
    for (const text of ['12.', 'Seventeen!', 'Um, I got a 9.', '11 + 2 = 13']) {
      expect(splitOoc(text, check).notes, text).toEqual([text]);
      expect(readCues(text, check).inCharacter, text).toBe(false);
    }
    expect(splitOoc('4.', 'Roll for initiative.').notes).toEqual(['4.']);
  });

  it('is in character without the request, or when the number answers the story', () => {
    expect(splitOoc('12.').notes).toEqual([]);
    expect(splitOoc('12.', 'How many arrows are left in the quiver?').notes).toEqual([]);
    expect(readCues('Seventeen!', 'How old were you when you left?').inCharacter).toBe(true);
  });

  it('is out of character when it is a few words of reaction right after the game was talked of', () => {
    const save = 'Give me a wisdom saving throw.';
    for (const text of ['Ugh, no.', '[Groans] Not again.']) expect(splitOoc(text, save).notes, text).toHaveLength(1);
    expect(detectPivot('I love you.', 'The second hit is 24 points of fire damage.')).toBeUndefined();
    expect(splitOoc('I love you.', 'The second hit is 24 points of fire damage.').notes).toHaveLength(1);
  });

  it('leaves an act, a question, a longer line, or a reaction to the story in character', () => {
    const save = 'Give me a wisdom saving throw.';
    for (const text of ['I grab the rope.', 'Wait, why?', 'No, no, no, I cannot let him take the boat tonight.']) {
      expect(splitOoc(text, save).notes, text).toEqual([]);
    }
    expect(detectPivot('I love you.', 'She turns at the door and looks back at you.')?.kind).toBe('confession');
    expect(detectPivot('I love you.')?.kind).toBe('confession');
  });
});

describe('an echo of the line before', () => {
  it('waits: it asks for nothing new', () => {
    expect(readCues('A dragon?', 'Beyond the ridge sleeps a dragon.').waiting).toBe(true);
    expect(readCues('Did I see the ship?', 'Did you see the ship?').waiting).toBe(true);
    expect(readCues('The old… light...?', 'You should ask about the old lighthouse.').waiting).toBe(true);
    const run = readCues('Run? Uh, okay.', 'The ground shakes. "Run!"');
    expect(run.waiting).toBe(true);
    expect(run.score).toBe(0);
  });

  it('is a question of its own when it has a word the line did not, or no line came before', () => {
    expect(readCues('A dragon?').waiting).toBe(false);
    expect(readCues('No dragon at all?', 'The dragon is gone.').waiting).toBe(false);
    expect(readCues('A red dragon?', 'Beyond the ridge sleeps a dragon.').waiting).toBe(false);
    expect(readCues('Where?', 'Where is the ship?').waiting).toBe(false);
    expect(readCues('Run? I draw my sword instead.', 'The ground shakes. "Run!"').waiting).toBe(false);
  });
});

describe('the engine gives the readers the reply the player answers', () => {
  const asked = 'The priestess turns to you. "Do you take Rowan Hale to be your husband, till death?"';

  it('the pacing model reads the message with it', () => {
    const withReply = new PacingModel();
    withReply.observe({ kind: 'message', text: 'I do.', turn: 1, heard: asked });
    const without = new PacingModel();
    without.observe({ kind: 'message', text: 'I do.', turn: 1 });
    expect(withReply.estimate().session.score).toBeLessThan(without.estimate().session.score);
  });

  it('the planner reads a pivot against the narrator’s last reply', () => {
    const story = new Story();
    story.history.push({ role: 'narrator', text: asked, turn: 0 });
    const plan = story.turn('I do.', 0.5);
    expect(plan.pivot).toBe('vow');
    expect(new Story().turn('I do.', 0.5).pivot).toBeUndefined();
  });
});
