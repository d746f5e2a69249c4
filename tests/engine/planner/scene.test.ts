/**
 * The planner's actors are people in the scene: the opening's, those the player spoke to or went
 * to, those the narration named lately. Naming someone in a question does not bring them in.
 */
import { describe, expect, it } from 'vitest';
import { approachedIn, nextGoalMove, planTurn } from '../../../src/engine/planner/index.js';
import { seededRandom } from '../../../src/engine/random.js';
import type { Plan, StoryMessage } from '../../../src/engine/types.js';
import { resolveWorld } from '../../../src/world/discover.js';
import type { WorldPack } from '../../../src/world/types.js';
import { pacing } from './helpers.js';

const orchard = async (): Promise<WorldPack> => (await resolveWorld('glass-orchard')).pack;

/** Plays `moves` through the planner, the narration naming only the lead; returns each turn's actors. */
function play(pack: WorldPack, moves: string[], seed: number, withOpening: boolean): string[][] {
  const opening = pack.openings[0];
  const history: StoryMessage[] = [{ role: 'narrator', text: opening.text, turn: 0 }];
  const plans: Plan[] = [];
  const actors: string[][] = [];
  moves.forEach((text, i) => {
    const turn = i + 1;
    history.push({ role: 'player', text, turn });
    const plan = planTurn({
      pack,
      turn,
      playerInput: text,
      pacing: pacing([0.6, -0.6, 0][(turn + seed) % 3]),
      previousPlans: [...plans],
      recentCritics: [],
      history: [...history],
      random: seededRandom(seed * 100 + turn),
      ...(withOpening ? { opening: opening.characters } : {}),
    });
    plans.push(plan);
    actors.push(plan.actors);
    const lead = pack.characters.find((c) => c.id === plan.actors[0]);
    history.push({ role: 'narrator', text: `${lead?.name ?? 'Someone'} looks at you and waits.`, turn });
  });
  return actors;
}

// At the mill with Wren (the opening): Ilsa and Crane are talked about, never spoken to.
const ABOUT = [
  "Wren, why did you sign Ilsa's note?",
  'Who is Ilsa Morrow?',
  'I ask Wren about Absalom Crane.',
  'What does Ilsa want with the mill?',
  "I look at Ilsa Morrow's note of debt on the table.",
  'Is Crane the one who bought the glass?',
];

describe('the planner keeps its actors to the scene', () => {
  it('never proposes someone the player only named in a question', async () => {
    const pack = await orchard();
    for (let seed = 1; seed <= 6; seed++) {
      for (const [turn, actors] of play(pack, ABOUT, seed, true).entries())
        expect(actors, `turn ${turn + 1} "${ABOUT[turn]}", seed ${seed}`).toEqual(['wren']);
    }
    // Without the scene (a caller that does not give the opening) the named come first, as before.
    const unplaced = [1, 2, 3, 4, 5, 6].flatMap((seed) => play(pack, ABOUT, seed, false).flat());
    expect(unplaced.some((id) => id === 'ilsa' || id === 'crane')).toBe(true);
  });

  it('brings in someone the player calls or goes to, and keeps them while the story names them', async () => {
    const pack = await orchard();
    const moves = ['I go to the square to find Ilsa.', 'What do you want from us?', 'Maud?', 'I wait.'];
    for (let seed = 1; seed <= 4; seed++) {
      const actors = play(pack, moves, seed, true);
      expect(actors[0][0]).toBe('ilsa');
      expect(actors[2][0]).toBe('maud');
      for (const turn of actors) for (const id of turn) expect(['wren', 'ilsa', 'maud']).toContain(id);
    }
  });

  it('reads a call or a move towards someone, not a mention of them', async () => {
    const pack = await orchard();
    expect(approachedIn(pack, 'Maud?')).toEqual(['maud']);
    expect(approachedIn(pack, '"Ilsa, what do you want from us?"')).toEqual(['ilsa']);
    expect(approachedIn(pack, 'I thank you, Wren.')).toEqual(['wren']);
    expect(approachedIn(pack, 'I tell Maud I am afraid of Crane.')).toEqual(['maud']);
    expect(approachedIn(pack, 'Who is Absalom Crane?')).toEqual([]);
    expect(approachedIn(pack, "Why did you sign Ilsa's note?")).toEqual([]);
    expect(approachedIn(pack, "I look at Ilsa's ledger.")).toEqual([]);
  });

  it('moves a goal of someone in the scene before anyone away from it', async () => {
    const pack = await orchard();
    const history: StoryMessage[] = [{ role: 'narrator', text: 'The orchard rings in the dark.', turn: 0 }];
    const anyone = nextGoalMove(pack, [], history);
    const away = pack.characters.find((c) => c.id !== anyone?.actor && c.goals.length > 0);
    expect(away).toBeDefined();
    expect(nextGoalMove(pack, [], history, new Set([away!.id]))?.actor).toBe(away!.id);
  });
});
