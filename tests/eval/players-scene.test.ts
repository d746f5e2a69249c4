/**
 * The simulated player speaks to the people in the scene: calling someone who is not there
 * brings them in, so a first turn at the mill speaks to Wren, not to Ilsa across town.
 */
import { describe, expect, it } from 'vitest';
import { resolveWorld } from '../../src/world/discover.js';
import { scriptedPlayer } from '../../src/eval/players/index.js';
import { approachedIn } from '../../src/engine/planner/index.js';
import type { StoryMessage } from '../../src/engine/types.js';

const pack = (await resolveWorld('glass-orchard')).pack;
const opening = pack.openings[0];

async function firstLines(history: StoryMessage[], turn = 1): Promise<string[]> {
  const out: string[] = [];
  for (const style of ['slow', 'fast', 'prober', 'adversarial', 'erratic'] as const)
    for (let seed = 1; seed <= 24; seed++)
      out.push((await scriptedPlayer(style, seed).next({ pack, persona: pack.player, turn, history, recent: [], opening })).text);
  return out;
}

describe('the simulated player and the scene', () => {
  it('speaks to those present on the first turn', async () => {
    const lines = await firstLines([{ role: 'narrator', text: opening.text, turn: 0 }]);
    const spokenTo = new Set(lines.flatMap((l) => approachedIn(pack, l)));
    expect([...spokenTo]).toEqual(['wren']);
  });

  it('speaks to whoever the story has put in the scene since', async () => {
    const history: StoryMessage[] = [
      { role: 'narrator', text: opening.text, turn: 0 },
      { role: 'player', text: 'I walk up the hill to the orchard alone.', turn: 1 },
      { role: 'narrator', text: 'Maud Fennick is at the gate with a lamp. She has been waiting.', turn: 1 },
    ];
    const spokenTo = new Set((await firstLines(history, 2)).flatMap((l) => approachedIn(pack, l)));
    expect([...spokenTo]).toEqual(['maud']);
  });
});
