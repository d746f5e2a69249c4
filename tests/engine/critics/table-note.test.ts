import { describe, expect, it } from 'vitest';
import type { WorldPack } from '../../../src/world/types.js';
import { turnsDown } from '../../../src/engine/critics/out-of-character.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { ctxOf, verdict } from './who-packs.js';

/** The mini pack told by a game master: its one character is the narrator. */
function narrated(name: string): WorldPack {
  const base = miniPack();
  const gm = { ...base.characters[0], id: 'gm', name, aliases: [], persona: 'Runs the table and voices everyone.' };
  return { ...base, characters: [gm] };
}

const NOTE =
  "The ferryman swings his pole and the skiff lurches; Tamsin's lantern tips into the river. **(DM Note: the lantern is lost, roll a Dexterity save for the satchel.)**";
const GM_NOTE = 'The gate holds. (GM note: the bar is cracked and will not hold a second blow.) Behind it, something scrapes.';

describe("out-of-character: a game master's table note", () => {
  it("is the game master's part in a pack voiced by one, and no refusal", () => {
    for (const name of ['Dungeon Master', 'Game Master', 'Narrator']) {
      expect(verdict('out-of-character', NOTE, ctxOf(narrated(name))).flagged, name).toBe(false);
      expect(verdict('out-of-character', GM_NOTE, ctxOf(narrated(name))).flagged, name).toBe(false);
    }
    expect(turnsDown(NOTE)).toBe(false);
  });

  it('is out of the story from a character, and a plain "Note:" aside still counts', () => {
    expect(verdict('out-of-character', NOTE, ctxOf(miniPack())).flagged).toBe(true);
    expect(verdict('out-of-character', GM_NOTE, ctxOf(miniPack())).flagged).toBe(true);
    const aside = 'The gate holds. Note: I have kept the scene short, as requested.';
    expect(verdict('out-of-character', aside, ctxOf(narrated('Game Master'))).flagged).toBe(true);
  });
});
