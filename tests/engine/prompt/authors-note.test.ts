import { describe, expect, it } from 'vitest';
import { nextNoteTurn, noteDue, parseNoteArgs } from '../../../src/engine/prompt/authors-note.js';
import { layerRules, withOriginal } from '../../../src/engine/prompt/original.js';
import { shapeProblem } from '../../../src/store/schema.js';

describe('/note arguments', () => {
  const note = { text: 'Keep the rain falling.', depth: 2, every: 3 };

  it('reads the text and the flags wherever they stand; SillyTavern defaults otherwise', () => {
    expect(parseNoteArgs('Keep it tense.', undefined)).toEqual({ kind: 'set', note: { text: 'Keep it tense.', depth: 4, every: 1 } });
    expect(parseNoteArgs('--depth 0 Keep it tense. --every=2', undefined)).toEqual({
      kind: 'set',
      note: { text: 'Keep it tense.', depth: 0, every: 2 },
    });
    // A dash inside the text is text.
    expect(parseNoteArgs('Keep it tense -- always.', undefined)).toEqual({
      kind: 'set',
      note: { text: 'Keep it tense -- always.', depth: 4, every: 1 },
    });
  });

  it('flags alone change the current note and keep its text; show and clear', () => {
    expect(parseNoteArgs('--every 1', note)).toEqual({ kind: 'set', note: { ...note, every: 1 } });
    expect(parseNoteArgs('New text.', note)).toEqual({ kind: 'set', note: { ...note, text: 'New text.' } });
    expect(parseNoteArgs('   ', note)).toEqual({ kind: 'show' });
    for (const word of ['off', 'clear', 'OFF']) expect(parseNoteArgs(word, note)).toEqual({ kind: 'clear' });
  });

  it('refuses what it cannot read, in one sentence', () => {
    expect(parseNoteArgs('x --depth -1', undefined)).toEqual({
      kind: 'problem',
      message: '--depth takes a whole number from 0 to 100, not "-1".',
    });
    expect(parseNoteArgs('x --every 0', undefined)).toMatchObject({
      kind: 'problem',
      message: expect.stringMatching(/--every takes a whole number from 1/),
    });
    expect(parseNoteArgs('x --depth 2.5', undefined)).toMatchObject({ kind: 'problem' });
    expect(parseNoteArgs('x --deep 2', undefined)).toMatchObject({
      kind: 'problem',
      message: expect.stringMatching(/only --depth and --every/),
    });
    expect(parseNoteArgs('--every 2', undefined)).toMatchObject({ kind: 'problem', message: expect.stringMatching(/no note to change/) });
  });

  it('is due on every K-th turn, and says which turn is next', () => {
    expect([1, 2, 3, 4, 5, 6].map((t) => noteDue(note, t))).toEqual([false, false, true, false, false, true]);
    expect([1, 2, 3, 4].map((t) => nextNoteTurn(note, t))).toEqual([3, 3, 3, 6]);
    expect(noteDue({ ...note, every: 1 }, 7)).toBe(true);
  });
});

describe('{{original}}', () => {
  it('splices what a prompt replaces, at every occurrence, case-insensitively, and $ patterns stay text', () => {
    expect(withOriginal('A {{original}} B {{ORIGINAL}}', 'R$&')).toBe('A R$& B R$&');
    expect(layerRules('RULES', {})).toEqual({ text: 'RULES', keepsSkald: true });
    expect(layerRules('RULES', { profile: 'P {{original}}', world: '  ', story: 'S' })).toEqual({
      text: 'S',
      source: 'story',
      keepsSkald: false,
    });
    expect(layerRules('RULES', { profile: 'P {{original}}', world: 'W {{original}}' })).toEqual({
      text: 'W P RULES',
      source: 'world',
      keepsSkald: true,
    });
  });
});

describe('the note and system-prompt records', () => {
  it('are checked for shape like every other record', () => {
    expect(shapeProblem({ type: 'note', at: 1, note: { text: 'x', depth: 4, every: 1 } })).toBeUndefined();
    expect(shapeProblem({ type: 'note', at: 1, note: null })).toBeUndefined();
    expect(shapeProblem({ type: 'note', at: 1, note: { text: 'x', depth: -1, every: 1 } })).toBe('note.note.depth is number -1, too small');
    expect(shapeProblem({ type: 'system-prompt', at: 1, text: null })).toBeUndefined();
    expect(shapeProblem({ type: 'system-prompt', at: 1, text: 7 })).toBe('system-prompt.text is number 7, not a string');
  });
});
