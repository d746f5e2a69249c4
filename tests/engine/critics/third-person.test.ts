/**
 * critics-seventh: a game master that narrates the player in the third person (A.L.I.C.E., the lab's AI) and is never
 * spoken to as "you" ends its turns on the scene ("Her left eye twitches. ... Bob's stomach makes a noise like a
 * distressed submarine."), which no-hook read as a sure flag on 22 of 32 clean replies. In such a story a missing
 * hook is only a hint.
 */
import { describe, expect, it } from 'vitest';
import { noHook } from '../../../src/engine/critics/no-hook.js';
import { settle } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';

const ending =
  'The calibration error splashes across the screen in angry red, and Tamsin watches it paint itself across the glass. ' +
  "Wren's left eye twitches. The lamps hum. Somewhere behind him, the mill's old wheel creaks like a distressed ship.";
const before = 'Tamsin sets the ledger down on the counter. Wren does not look up from the gears.';

describe('no-hook in a story told of the player', () => {
  it('is a hint when the player is narrated by name and no one says "you"', () => {
    const r = settle(noHook(ending, contextFor('en', { recent: [before] })));
    expect(r.flagged).toBe(false);
    expect(r.evidence[0]?.why).toMatch(/told of the player/);
    expect(r.confidence).toBeLessThan(0.75);
  });

  it('stays a flag where someone speaks to the player, or the reply is a character speaking as "I"', () => {
    expect(settle(noHook(ending, contextFor('en', { recent: [`${before} "You came back," he says.`] }))).flagged).toBe(true);
    const spoken = `I tell Tamsin the wheel will hold. ${ending}`;
    expect(settle(noHook(spoken, contextFor('en', { recent: [before] }))).flagged).toBe(true);
    // Never naming the player, the story is not told of them.
    expect(settle(noHook(ending.replace('Tamsin watches', 'the clerk watches'), contextFor('en'))).flagged).toBe(true);
  });
});
