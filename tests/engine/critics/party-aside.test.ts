/**
 * A game master telling a party member's move after a clause that sets the moment ("As Bryn ..., Corvin shoves"), or
 * through an aside ("Corvin, soaked and shivering, climbs"), decides it as much as a sentence opening on the name
 * (critics-eighth: "As Ronan charges, Elara rushes forward", "Ronan, wounded and weary, throws himself in its path",
 * the player's "Alistair, having finally dispatched Silas, turns"). A member who says what they mean to do ("Let me
 * go first") has declared their move, and the game master carrying it out in other verbs decides nothing.
 */
import { describe, expect, it } from 'vitest';
import { miniPack } from '../../fixtures/mini-pack.js';
import { ctxOf, gameMasterPack, verdict } from './who-packs.js';

const TABLE = [
  'Tamsin: "Cover the door!" She backs towards the stair, lamp held high.',
  'Corvin: "Careful, it is slick."',
  'Bryn: "Hm."',
].join('\n');
const flagged = (reply: string, input = TABLE, pack = gameMasterPack()) =>
  verdict('speaks-for-user', reply, ctxOf(pack, { input })).flagged;

describe("speaks-for-user: a party member's move told after a comma or through an aside", () => {
  it('reads the move as decided for the player', () => {
    expect(flagged('The water rises fast. As the lamp gutters, Bryn grabs the rope and swings down into the dark.')).toBe(true);
    expect(flagged('The cellar floods. Corvin, soaked and shivering, climbs onto the crates and hauls the hatch shut.')).toBe(true);
  });

  it("reads the player's own name through an aside the same way, in a game master's pack", () => {
    const input = 'Corvin: "Careful, it is slick."';
    expect(flagged('The cellar floods. Tamsin, gasping for air, grabs the ladder and climbs out.', input)).toBe(true);
  });

  it('leaves an order to a member, a declared move and an intent said aloud alone', () => {
    // Spoken to: "Bryn, grab the rope" is the game master asking, not telling.
    expect(flagged('The water rises fast. Now, Bryn, grab the rope before it is too late!')).toBe(false);
    // Corvin says what he means to do; the game master carries it out.
    const intent = `${TABLE.replace('Corvin: "Careful, it is slick."', 'Corvin: "Let me go first. I know these cellars."')}`;
    expect(flagged('Before anyone can argue, Corvin climbs down the ladder and drops into the water.', intent)).toBe(false);
  });

  it('reads no aside in a pack with characters of its own', () => {
    expect(flagged('The cellar floods. Corvin, soaked and shivering, climbs onto the crates.', TABLE, miniPack())).toBe(false);
  });
});

describe("speaks-for-user: a party member the player's message heads with a bolded name", () => {
  // critics-fifth babel-estate-r6: "**Ashwood** moves swiftly alongside Gregor ..." in the player's message, then the
  // game master's "Ashwood lunges forward".
  const BOLD = [
    '**Tamsin** backs towards the stair, lamp held high.',
    '**Corvin** shoulders the crate aside and peers into the cellar.',
  ].join('\n\n');

  it('reads the member acting beyond their lines as decided for the player', () => {
    expect(flagged('Something moves below. Corvin draws his knife and jumps down into the water.', BOLD)).toBe(true);
  });

  it('leaves their declared move alone, and a bolded word that opens no narration', () => {
    expect(flagged('Corvin peers down: steps, slick with moss, and water black as ink at the bottom.', BOLD)).toBe(false);
    expect(flagged('Something moves below. Corvin draws his knife and jumps down into the water.', '**Corvin!** Where are you?')).toBe(
      false,
    );
  });
});
