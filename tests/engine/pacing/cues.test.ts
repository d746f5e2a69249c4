import { describe, expect, it } from 'vitest';
import { isWaiting, readCues, splitOoc } from '../../../src/engine/pacing/cues.js';

describe('pacing cues', () => {
  it('short imperatives lean fast, long introspective messages with dialogue lean slow', () => {
    const fast = readCues('Grab the lamp and go inside.');
    expect(fast.shortImperative).toBe(true);
    expect(fast.score).toBeGreaterThan(0.5);
    const slow = readCues(
      'I watch him for a long moment, feeling the cold settle into my chest. "Do you remember the summer we built the raft?" I ask softly, and my voice almost breaks.',
    );
    expect(slow.lingering).toBe(true);
    expect(slow.dialogueShare).toBeGreaterThan(0.2);
    expect(slow.score).toBeLessThan(-0.5);
  });

  it('finds time skips in English and Chinese', () => {
    for (const [text, skip] of [
      ['Next morning, we set out.', 'next morning'],
      ['Cut to the harbour.', 'cut to'],
      ['Later that night I go back.', 'later that night'],
      ['Skip the feast.', 'skip'],
      ['快进到晚上。', '快进'],
      ['第二天，我去了磨坊。', '第二天'],
    ] as const) {
      expect(readCues(text).timeSkip, text).toBe(skip);
      expect(readCues(text).score, text).toBeGreaterThan(0.5);
    }
    expect(readCues('I skipped stones as a child and I miss it.').timeSkip).toBeUndefined();
  });

  it('questions about the world are noted', () => {
    expect(readCues('What happened to the wheel?').worldQuestion).toBe(true);
    expect(readCues('磨坊的水轮为什么停了？').worldQuestion).toBe(true);
    expect(readCues('I wait by the wheel.').worldQuestion).toBe(false);
    // Asking about the world pushes toward plot, a little.
    expect(readCues('What happened to the old wheel?').score).toBeGreaterThan(readCues('Something happened to the old wheel.').score);
  });

  it('reads OOC notes in every common form and strips them from the in-character text', () => {
    expect(readCues('(OOC: slow down)').ooc?.direction).toBe('slower');
    expect(readCues('[OOC: less action please]').ooc?.direction).toBe('slower');
    expect(readCues('((faster))').ooc?.direction).toBe('faster');
    expect(readCues('I nod.\nOOC: more action').ooc?.direction).toBe('faster');
    expect(readCues('（OOC：慢一点）').ooc?.direction).toBe('slower');
    expect(readCues('（（快一点））').ooc?.direction).toBe('faster');
    expect(readCues('(OOC: brb)').ooc).toBeUndefined();
    expect(readCues('(I smile faster than I mean to)').ooc).toBeUndefined();
    const { notes, rest } = splitOoc('Open the door. ((faster))');
    expect(notes).toEqual(['faster']);
    expect(rest.trim()).toBe('Open the door.');
    expect(readCues('((faster))').inCharacter).toBe(false);
  });

  it('recognises messages that only wait', () => {
    for (const text of ['ok', 'Hmm', 'wait', '...', '继续', '嗯', '*nods*', 'go on', 'And then?', 'What next?', '然后呢？', '后来呢?'])
      expect(isWaiting(text), text).toBe(true);
    for (const text of ['ok, I open the door', 'Wait for me at the mill, Wren', '继续往前走，打开门', 'Why?', '然后你去了哪里？'])
      expect(isWaiting(text), text).toBe(false);
  });

  it('reminiscing lingers, an opinion does not; a demand to stop talking pushes on', () => {
    expect(readCues('I think of the summers we spent here, and the old homesickness stirs.').score).toBeLessThanOrEqual(-0.25);
    expect(Math.abs(readCues('I think the bridge is safe enough for the cart.').score)).toBeLessThan(0.25);
    expect(readCues('Enough talk. Show me the ledger.').score).toBeGreaterThanOrEqual(0.25);
  });

  it('reads a line once while it stays in view, and a changed line anew (the planner and pacing share one reading)', () => {
    const line = 'I draw my sword and charge the gate.';
    const first = readCues(line);
    expect(readCues(line)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      (first as { score: number }).score = 0;
    }).toThrow(TypeError);
    const changed = readCues(`${line} ((slower))`);
    expect(changed).not.toBe(first);
    expect(changed.ooc?.direction).toBe('slower');
    expect(first.ooc).toBeUndefined();
    // Evicted after enough other lines, then read again: a new object with the same reading.
    for (let i = 0; i < 40; i++) readCues(`I count the stones: ${i}.`);
    const again = readCues(line);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(isWaiting('I wait.')).toBe(true);
    expect(isWaiting('I wait. Then I kick the door open.')).toBe(false);
  });
});
