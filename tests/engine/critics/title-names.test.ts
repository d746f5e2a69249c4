/**
 * A title is no name of its own: "Mr Bennet" is not called "Mr", so his "Well, Mr. Darcy's estate ..." does not call the
 * player by his own name, and a player "Mr Darcy" is not named by every "Mr." in the reply; the titled name itself and
 * a real first name still are names.
 */
import { describe, expect, it } from 'vitest';
import { compilePack } from '../../../src/engine/critics/pack-cache.js';
import { compileWho } from '../../../src/engine/critics/who.js';
import type { WorldPack } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { ctxOf, verdict } from './who-packs.js';

/** The mini pack with one titled character, the player as named. */
function titled(name: string, player = 'Tamsin'): WorldPack {
  const base = miniPack();
  const father = {
    ...base.characters[0],
    id: 'father',
    name,
    aliases: [],
    persona: 'A dry old gentleman who keeps to his library. He teases his daughter and reads her letters aloud.',
  };
  return { ...base, characters: [father], player: { ...base.player, name: player, aliases: [] } };
}

const DARCY =
  '(raises an eyebrow) "Indeed? Well, Mr. Darcy\'s lands are very fine. (smirks) But I trust you care more for the man than for his acres."';

describe('names: a title alone is not a name', () => {
  it('does not read "Well, Mr." as the speaker calling the player by his own name', () => {
    const ctx = ctxOf(titled('Mr Bennet'));
    expect(verdict('reference-confusion', DARCY, ctx).flagged).toBe(false);
    expect(verdict('speaks-for-user', DARCY, ctx).flagged).toBe(false);
  });

  it('still reads the titled name or a first name said to the player', () => {
    const ctx = ctxOf(titled('Mr Bennet'));
    expect(verdict('reference-confusion', 'Come now, Bennet! You know better than to trust his letters.', ctx).flagged).toBe(true);
    const wren = ctxOf(titled('Wren Alder'));
    expect(verdict('reference-confusion', 'Come now, Wren! You know better than to trust his letters.', wren).flagged).toBe(true);
  });

  it("keeps titles out of the character's and the player's name forms", () => {
    const pack = titled('Captain Reyes', 'Mr Darcy');
    expect(compilePack(pack).characterNames.get('father')).toEqual(['Captain Reyes']);
    const who = compileWho(pack, pack.player);
    expect(who.characters[0].forms).toContain('Reyes');
    expect(who.characters[0].forms).not.toContain('Captain');
    expect(who.playerForms).not.toContain('Mr');
    expect(who.playerForms).toContain('Mr Darcy');
  });
});
