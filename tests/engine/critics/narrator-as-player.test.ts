import { describe, expect, it } from 'vitest';
import type { WorldPack } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { ctxOf, ilsaAlone, verdict } from './who-packs.js';
import { zhPack } from './contexts.js';

/** The mini pack told by a game master: its one character is the narrator, the player is Tamsin. */
function narrated(name: string, base: WorldPack = miniPack()): WorldPack {
  const gm = {
    ...base.characters[0],
    id: 'gm',
    name,
    aliases: [],
    persona: 'Tells the story and voices everyone the player meets.',
  };
  return { ...base, characters: [gm] };
}

// The player's part played as "I", in the styles a game master's turn comes in.
const AS_PLAYER = {
  asterisks:
    '*I lower the lantern and step back from the wheel, my hands shaking.* "Then the debt was never mine." *I take the ledger from the shelf and turn it over.*',
  novel:
    'I pause at the foot of the stair and listen. The wheel groans somewhere below. "Steady now," I breathe, and then I climb, one hand on the rail.',
};

describe('the narrator plays the player as "I"', () => {
  for (const [style, reply] of Object.entries(AS_PLAYER))
    it(`catches a game master's turn told as the player's "I" (${style})`, () => {
      for (const name of ['Dungeon Master', 'Narrator', 'The Game Master', 'GM']) {
        const ctx = ctxOf(narrated(name));
        expect(verdict('speaks-for-user', reply, ctx).flagged, name).toBe(true);
        expect(verdict('reference-confusion', reply, ctx).flagged, name).toBe(true);
      }
    });

  it("leaves no-hook to it: the turn ends on the player's own move", () => {
    const reply =
      '*I lower the lantern and step back from the wheel.* "The debt was never mine." *I take the ledger from the shelf.* The rain goes on.';
    expect(verdict('no-hook', reply, ctxOf(narrated('Narrator'))).flagged).toBe(false);
    // The same flat ending from a character's own first person is still judged.
    expect(verdict('no-hook', reply, ctxOf(ilsaAlone())).flagged).toBe(true);
  });

  it("leaves a character card's own first person alone, however it is told", () => {
    for (const reply of Object.values(AS_PLAYER)) {
      expect(verdict('speaks-for-user', reply, ctxOf(ilsaAlone())).flagged).toBe(false);
      expect(verdict('reference-confusion', reply, ctxOf(ilsaAlone())).flagged).toBe(false);
    }
    // A storyteller may sit by the fire in the story: the title is not a narrator's.
    expect(verdict('speaks-for-user', AS_PLAYER.asterisks, ctxOf(narrated('Old Storyteller'))).flagged).toBe(false);
  });

  it('leaves a game master who shows the player, speaks as an NPC, or says "I" once', () => {
    const ctx = ctxOf(narrated('Dungeon Master'));
    const clean = [
      // Second person, the usual game master's turn.
      'You lower the lantern. Wren steps back from the wheel, his hands shaking. "The debt was never mine," he says. What do you do?',
      // An NPC's "I" is inside quotes.
      '*Wren wipes the flour from his hands.* "I told you, I never touched the ledger. I swear it on the mill." *He turns away.*',
      // The narrator's "I" beside the player it shows is talking to them.
      '*I let the silence sit for a moment while you weigh the ledger in your hands.* "Well?" Wren asks. *I wait to see what you choose.*',
      // One "I" clause may be a slip.
      '*I watch the wheel turn once more.* "Mind the race," Wren mutters, and the stream runs loud.',
      // The game master's own moves at the table.
      '*I roll for the goblin, I roll again for its friend, and I take a goblin figure off the map.* The blade goes wide of the mark. "Missed!" it shrieks.',
      // A journal read out in the narration: its "I" is the writer's.
      'Wren opens the miller\'s journal to the last page. It reads: I lock the door behind me and I hide the key under the loose stone. "He never came back," Wren says.',
    ];
    for (const reply of clean) {
      expect(verdict('speaks-for-user', reply, ctx).flagged, reply).toBe(false);
      expect(verdict('reference-confusion', reply, ctx).flagged, reply).toBe(false);
    }
    // A pack told in the first person wants the player as "I".
    const firstPerson = { ...narrated('Narrator'), style: { ...miniPack().style, pov: 'first' as const } };
    expect(verdict('speaks-for-user', AS_PLAYER.asterisks, ctxOf(firstPerson)).flagged).toBe(false);
  });

  it('leaves a Chinese narrator pack alone on the same shapes (no Chinese rule yet)', () => {
    const ctx = ctxOf(narrated('旁白', zhPack()));
    const reply = '*林风放下灯，往后退了一步。*“这笔债从来不是我的。”*他从架子上拿下账本。*你要怎么做？';
    expect(verdict('speaks-for-user', reply, ctx).flagged).toBe(false);
    expect(verdict('reference-confusion', reply, ctx).flagged).toBe(false);
  });
});
