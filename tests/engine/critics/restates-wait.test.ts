/**
 * critics-seventh dl-g109-t13: the player typed "wait" and the game master answered "Five seconds pass. A.L.I.C.E.
 * says nothing." — the player's own move said back, which speaks-for-user read as deciding what they do.
 */
import { describe, expect, it } from 'vitest';
import { speaksForUser } from '../../../src/engine/critics/speaks-for-user.js';
import { settle } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';

const run = (text: string, input: string) => settle(speaksForUser(text, contextFor('en', { input })));

describe('speaks-for-user after a message that only waits', () => {
  it('lets the reply narrate the player keeping still', () => {
    const named = 'Five seconds pass. Tamsin says nothing. Wren grips the lever and begins to pull.';
    expect(run(named, 'wait').flagged).toBe(false);
    const you = 'A minute passes. You say nothing, and the clock in the hall strikes twice. Wren glares.';
    expect(run(you, 'I wait.').flagged).toBe(false);
  });

  it('still catches the player made to act, or kept silent when they spoke', () => {
    expect(run('Five seconds pass. Tamsin grabs the lever and pulls it down. Wren shouts.', 'wait').flagged).toBe(true);
    expect(run('Five seconds pass. Tamsin says nothing. Wren grips the lever.', 'I ask Wren why the wheel stopped.').flagged).toBe(true);
  });
});
