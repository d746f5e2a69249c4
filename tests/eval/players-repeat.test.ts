/**
 * A scripted player does not say word for word a line it said before while its material offers
 * another: on a pack whose phrasebook and nouns are thin (the Chinese one), the fast player said
 * one line eight times in a hundred turns. The terse player, the control, still repeats.
 */
import { describe, expect, it } from 'vitest';
import { scriptedPlayer } from '../../src/eval/players/index.js';
import type { StoryMessage } from '../../src/engine/types.js';
import type { PlayerStyle } from '../../src/eval/types.js';
import { resolveWorld } from '../../src/world/discover.js';

async function play(world: string, style: PlayerStyle, turns: number): Promise<string[]> {
  const pack = (await resolveWorld(world)).pack;
  const player = scriptedPlayer(style, 3);
  // The narrator says the same each turn: the player's material does not grow.
  const history: StoryMessage[] = [{ role: 'narrator', text: pack.openings[0].text, turn: 0 }];
  const said: string[] = [];
  for (let turn = 1; turn <= turns; turn++) {
    const { text } = await player.next({ pack, persona: pack.player, turn, history: [...history], recent: [] });
    said.push(text);
    history.push({ role: 'player', text, turn }, { role: 'narrator', text: pack.openings[0].text, turn });
  }
  return said;
}

describe('a scripted player over many turns', () => {
  it('says no line twice while another is there to say', async () => {
    for (const world of ['qingshan-inn', 'glass-orchard'])
      for (const style of ['fast', 'slow'] as const) {
        const said = await play(world, style, 40);
        expect(new Set(said).size, `${world} ${style}`).toBe(said.length);
      }
  });

  it('leaves the terse control repeating', async () => {
    const said = await play('glass-orchard', 'terse', 20);
    expect(new Set(said).size).toBeLessThan(said.length);
  });
});
