/**
 * A game master's turn that stops on the scene (critics-eighth: a room described, a tag on a lever read, a creature
 * stunned, a sound located; critics-fifth: a war horn named). The scene is what the party answers, so in a pack voiced
 * only by a game master the missing hook is a hint; an ending where the scene comes to rest (silence, a light fading,
 * a foe gone) stays a flag, and so does the same ending from a character who is not a narrator.
 */
import { describe, expect, it } from 'vitest';
import { miniPack } from '../../fixtures/mini-pack.js';
import { ctxOf, gameMasterPack, verdict } from './who-packs.js';

const OPEN_SCENES = [
  'You push the cellar door and it gives. Inside, rows of barrels line the walls. In the far corner, a cart lies on its side, one wheel missing.',
  'You pry the lid off the chest. Under the oilcloth lies a bundle of letters tied with red string. The top one is addressed to the miller.',
  'Your shot takes the hound in the flank. It yelps and crashes into the fence. It lies there in the mud, panting and dazed.',
];

const SETTLED_SCENES = [
  'You drive the stake home. The shade shrieks once and comes apart like smoke. The lanterns steady. Silence.',
  'You pull the last sluice gate shut. The water in the race slows. With a long groan, the great wheel grinds to a halt.',
  'You watch the riders pass below the ridge. Their torches dwindle along the valley road. One by one, they fade away.',
];

describe("no-hook on a game master's scene ending", () => {
  it('is a hint when the turn stops on a scene the party can act in', () => {
    for (const name of ['Dungeon Master', 'Narrator', 'GM']) {
      for (const text of OPEN_SCENES) {
        const r = verdict('no-hook', text, ctxOf(gameMasterPack(name)));
        expect(r.flagged, `${name}: ${text}`).toBe(false);
        expect(r.evidence.length, text).toBeGreaterThan(0);
        expect(r.confidence ?? 1).toBeLessThan(0.75);
      }
    }
  });

  it('stays a flag when the scene comes to rest', () => {
    for (const text of SETTLED_SCENES) expect(verdict('no-hook', text, ctxOf(gameMasterPack('Dungeon Master'))).flagged, text).toBe(true);
  });

  it('stays a flag when the game master closes the scene with a farewell or a good-night', () => {
    const closings = [
      'You bar the door and stretch out by the stove. Outside, the wind worries at the shutters. Sleep well, and be ready when the sun comes up.',
      'The caravan rolls on without you, its bells thinning into the dusk. Take care out there, traveller.',
    ];
    for (const text of closings) expect(verdict('no-hook', text, ctxOf(gameMasterPack('Game Master'))).flagged, text).toBe(true);
  });

  it('stays a flag when the pack has a character who is not a narrator', () => {
    for (const text of OPEN_SCENES) expect(verdict('no-hook', text, ctxOf(miniPack())).flagged, text).toBe(true);
  });
});
