import { describe, expect, it } from 'vitest';
import { miniPack } from '../../fixtures/mini-pack.js';
import { ctxOf, gameMasterPack, verdict } from './who-packs.js';

// The player's message plays a party: Tamsin and two others, each under a speaker tag.
const TABLE = [
  'Tamsin: "Cover the door!" She backs towards the stair, lamp held high.',
  '**[Corvin]:** He shoulders the crate aside and peers into the cellar.',
  'Bryn: "I hear water down there," she whispers.',
].join('\n');
const flagged = (reply: string, pack = gameMasterPack(), input = TABLE) =>
  verdict('speaks-for-user', reply, ctxOf(pack, { input })).flagged;

describe("speaks-for-user: the game master plays a character the player's message speaks for", () => {
  it('reads a party member acting beyond their lines as decided for the player', () => {
    expect(flagged('The cellar breathes cold air. Bryn grabs the rope and swings down into the dark before anyone can stop her.')).toBe(
      true,
    );
    expect(flagged('Something moves below. Corvin draws his knife and waits at the edge.')).toBe(true);
  });

  it("leaves a member's own declared move and the world's acts alone, and a character's pack unread", () => {
    // Corvin declared peering into the cellar; the game master tells what he sees.
    expect(flagged('Corvin peers down: steps, slick with moss, and water black as ink at the bottom.')).toBe(false);
    expect(flagged('The rope creaks. Below, the water stirs, and a pale hand breaks the surface.')).toBe(false);
    // A character (Wren, in the mini pack) may tell of the friends the player's message plays.
    const withWren = miniPack();
    const input = `${TABLE}\nWren: He follows them in.`;
    expect(flagged('Wren laughs. Bryn grabs the rope and swings down.', withWren, input)).toBe(false);
  });

  it('reads no party where the player tags no lines', () => {
    expect(flagged('Bryn grabs the rope and swings down.', gameMasterPack(), 'I hold the lamp over the stair and call for Bryn.')).toBe(
      false,
    );
  });
});
