/**
 * critics-ninth fg-wys-8: a game ends with "If you have any further questions or want to play again, feel free to let
 * me know." Offering to answer questions is an assistant's sign-off, one of the everyday courtesies that are sure two
 * together; "feel free to" alone was only a hint.
 */
import { describe, expect, it } from 'vitest';
import { settle } from '../../../src/engine/critics/index.js';
import { outOfCharacter } from '../../../src/engine/critics/out-of-character.js';
import { contextFor } from './contexts.js';

const run = (text: string) => settle(outOfCharacter(text, contextFor('en')));

describe('out-of-character: an offer to answer further questions', () => {
  it('counts as a courtesy beside another one', () => {
    const r = run('The wheel turns again and the mill is saved. If you have any other questions, feel free to ask.');
    expect(r.flagged, JSON.stringify(r.evidence)).toBe(true);
  });

  it('is one courtesy, a hint, alone or inside "let me know if"', () => {
    expect(run('Wren shrugs. "If you have any questions, ask the widow. She keeps the books."').flagged).toBe(false);
    // "Let me know if you have any other questions" is one courtesy, not two: the match for "let me know if" takes the "if".
    const once = run('The wheel turns again and the mill is saved. Let me know if you have any other questions about the wheel.');
    expect(once.flagged, JSON.stringify(once.evidence)).toBe(false);
  });
});
