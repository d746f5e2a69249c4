/**
 * critics-seventh: a player named with a dotted initialism ("A.L.I.C.E."), titles ("Dr. M") and decimals ("1.3
 * seconds") broke the shared sentence splitter and tokenizer: every mention of the player was five one-letter
 * words (so "at A.L.I.C.E.'s terminal" said again read as a seven-word loop) and the name never stood in one
 * sentence (so an ending that turns to the player read as turning to no one).
 */
import { describe, expect, it } from 'vitest';
import { sentences, tokens } from '../../../src/engine/critics/text.js';
import { repetition } from '../../../src/engine/critics/repetition.js';
import { noHook } from '../../../src/engine/critics/no-hook.js';
import { settle } from '../../../src/engine/critics/index.js';
import type { CriticContext } from '../../../src/engine/critics/context.js';
import { contextFor } from './contexts.js';

const alice = (c: Parameters<typeof contextFor>[1] = {}): CriticContext => ({
  ...contextFor('en', c),
  persona: { name: 'A.L.I.C.E.', persona: 'the lab AI', relations: {} },
});

describe('dotted initialisms, titles and decimals', () => {
  it('keep a sentence whole', () => {
    const texts = (t: string) => sentences(t).map((s) => s.text);
    expect(texts("She turns to face A.L.I.C.E.'s primary camera. A.L.I.C.E. says nothing.")).toEqual([
      "She turns to face A.L.I.C.E.'s primary camera.",
      'A.L.I.C.E. says nothing.',
    ]);
    expect(texts('For Dr. M, this constitutes an eternity. It lasts 1.3 seconds.')).toEqual([
      'For Dr. M, this constitutes an eternity.',
      'It lasts 1.3 seconds.',
    ]);
    // Before a capital the initialism's last dot may still end the sentence, as any full stop does.
    expect(texts('She waves at A.L.I.C.E. Then she leaves.')).toEqual(['She waves at A.L.I.C.E.', 'Then she leaves.']);
  });

  it('make one word of an initialism', () => {
    expect(tokens("at A.L.I.C.E.'s terminal, the U.S. flag").map((t) => t.t)).toEqual([
      'at',
      "a.l.i.c.e.'s",
      'terminal',
      'the',
      'u.s.',
      'flag',
    ]);
  });

  it('do not make a loop of the player named again', () => {
    const recent = ["Dr. Malevola's fingers drum against the edge of A.L.I.C.E.'s terminal while the capacitor hums."];
    const reply = "Bob stands at A.L.I.C.E.'s terminal, fingers hovering over the keyboard. The reactor hums louder.";
    expect(settle(repetition(reply, alice({ recent }))).flagged).toBe(false);
  });

  it('see the player named in the ending', () => {
    const reply =
      'A second green checkmark blooms on the dashboard. Dr. Malevola freezes. Her cape rustles as she turns fully to face ' +
      "A.L.I.C.E.'s primary camera with an expression that has ended careers.";
    expect(settle(noHook(reply, alice())).flagged).toBe(false);
    // The same ending turned to no one gives the player nothing to answer.
    expect(settle(noHook(reply.replace("A.L.I.C.E.'s primary camera", 'the window'), alice())).flagged).toBe(true);
  });
});
