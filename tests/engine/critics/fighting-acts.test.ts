import { describe, expect, it } from 'vitest';
import { ctxOf, ilsaAlone, verdict } from './who-packs.js';

// The player is Tamsin; Ilsa is the one character.
const pack = ilsaAlone();
const flagged = (reply: string, input = '') => verdict('speaks-for-user', reply, ctxOf(pack, { input })).flagged;

describe('speaks-for-user: fighting is a move the player makes', () => {
  it('reads the player firing, striking or dodging in the narration as decided for them', () => {
    expect(flagged('Tamsin fires twice into the hedge, and Ilsa flinches at the noise.', 'I keep my pistol on the hedge.')).toBe(true);
    expect(flagged('The thing leaps from the rafters. Tamsin dodges left and the claws find only air.', 'I back towards the door.')).toBe(
      true,
    );
    expect(flagged('Tamsin swung the lamp hard, and the glass burst against the beam.', 'I wait.')).toBe(true);
  });

  it("leaves the player's own declared shot, and the aim described, alone", () => {
    expect(flagged('Tamsin fires, and the shot takes the lock clean off.', 'I fire at the lock.')).toBe(false);
    expect(flagged("Ilsa watches the hedge over Tamsin's shoulder; Tamsin's aim has not wavered.", 'I keep my pistol on the hedge.')).toBe(
      false,
    );
  });
});
