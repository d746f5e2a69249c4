/**
 * In a pack with one character, the one the player sends away (or who walks out) stays gone: the
 * planner names no actor and the offline narrator tells the player alone, until the player calls
 * them back. One the player walked away from still follows.
 */
import { describe, expect, it } from 'vitest';
import { planTurn } from '../../../src/engine/planner/index.js';
import { seededRandom } from '../../../src/engine/random.js';
import type { Plan, StoryMessage } from '../../../src/engine/types.js';
import { composeReply } from '../../../src/providers/offline/compose.js';
import { resolveWorld } from '../../../src/world/discover.js';
import type { WorldPack } from '../../../src/world/types.js';
import { pacing } from '../../engine/planner/helpers.js';
import { contextFor, requestFor } from './support.js';

const QUOTED = /"[^"]*"|“[^”]*”|「[^」]*」/g;

async function onlyOne(world: string, id: string): Promise<WorldPack> {
  const full = (await resolveWorld(world)).pack;
  const opening = full.openings.find((o) => o.characters.includes(id))!;
  return { ...full, characters: full.characters.filter((c) => c.id === id), openings: [{ ...opening, characters: [id] }] };
}

/** Plays `moves` with the real planner and the offline narrator; returns each turn's plan and replies. */
function play(pack: WorldPack, moves: string[], seed: number): Array<{ plan: Plan; replies: string[] }> {
  const opening = pack.openings[0];
  const history: StoryMessage[] = [{ role: 'narrator', text: opening.text, turn: 0 }];
  const plans: Plan[] = [];
  return moves.map((input, i) => {
    const turn = i + 1;
    const plan = planTurn({
      pack,
      turn,
      playerInput: input,
      pacing: pacing([0.6, -0.6, 0][(turn + seed) % 3]),
      previousPlans: [...plans],
      recentCritics: [],
      history: [...history],
      random: seededRandom(seed * 100 + turn),
      opening: opening.characters,
      openingScene: opening.scene,
    });
    plans.push(plan);
    const context = contextFor(pack, { turn, playerInput: input, history: [...history], seed });
    const replies = [0, 1, 2].map((c) => composeReply(context, requestFor(plan, `c${c}`), c).text);
    history.push({ role: 'player', text: input, turn }, { role: 'narrator', text: replies[seed % 3], turn });
    return { plan, replies };
  });
}

const named = (pack: WorldPack, text: string): boolean => {
  const c = pack.characters[0];
  return [c.name, c.name.split(' ')[0], ...c.aliases].some((n) => text.replace(QUOTED, ' ').includes(n));
};

describe('a pack with one character', () => {
  it('keeps the one the player sent away gone in the next replies', async () => {
    for (const [world, id, moves] of [
      [
        'glass-orchard',
        'wren',
        [
          'Go home, Wren. I will close the sluice myself.',
          'I close the sluice gate.',
          'I climb down to check the wheel.',
          'I look at the river.',
        ],
      ],
      ['qingshan-inn', 'yun-niang', ['云娘，你先回去吧。', '我把窗推开，看外面的雪。', '我给炉子添了一把柴。']],
    ] as const) {
      const pack = await onlyOne(world, id);
      for (let seed = 1; seed <= 3; seed++) {
        const turns = play(pack, [...moves], seed);
        for (const { plan, replies } of turns.slice(1)) {
          expect(plan.actors, `${world} seed ${seed}`).toEqual([]);
          for (const reply of replies) expect(named(pack, reply), reply).toBe(false);
        }
      }
    }
  });

  it('brings them back when the player calls them, and lets one left behind follow', async () => {
    const pack = await onlyOne('glass-orchard', 'wren');
    const back = play(pack, ['Go home, Wren.', 'I wait.', 'Wren, come back!'], 1);
    expect(back[2].plan.actors).toEqual(['wren']);
    const follows = play(pack, ['I walk up the hill to the orchard alone.', 'I look at the trees.'], 1);
    for (const { plan } of follows) expect(plan.actors).toEqual(['wren']);
  });
});
