/**
 * The scene folded turn by turn (each turn starting from the last one's fold) is the scene read
 * from the whole story, through regenerated replies and resumed sessions; and a turn's reading
 * does not grow with the story.
 */
import { describe, expect, it } from 'vitest';
import { sceneOf, sceneWork, type Scene, type SceneFold } from '../../../src/engine/planner/scene.js';
import { seededRandom } from '../../../src/engine/random.js';
import type { Random, StoryMessage } from '../../../src/engine/types.js';
import { resolveWorld } from '../../../src/world/discover.js';
import type { WorldPack } from '../../../src/world/types.js';

const pick = <T>(random: Random, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

/** Player lines that move, call, send away or only talk, around the pack's own names and places. */
function playerLine(pack: WorldPack, random: Random): string {
  const name = pick(random, pack.characters).name.split(' ')[0];
  return pick(random, [
    `I ask ${name} about the debt.`,
    `${name}, why are you here?`,
    `Go home, ${name}.`,
    `${name}, leave us.`,
    'I walk up the hill to the orchard.',
    'I head out.',
    'I go back to the mill.',
    `I walk to the square with ${name}.`,
    'What happened here?',
    'I wait and listen.',
    `Who is ${name}?`,
  ]);
}

function narratorLine(pack: WorldPack, random: Random): string {
  const a = pick(random, pack.characters).name.split(' ')[0];
  const b = pick(random, pack.characters).name.split(' ')[0];
  return pick(random, [
    `${a} looks at you and waits.`,
    `${a} leaves without a word.`,
    `${a} sets down the cup. "${b} left at dawn," she says.`,
    `Then ${a} is back, shaking the rain off.`,
    `${a} walks out into the rain. ${b} watches the door.`,
    `The fire cracks. Somewhere, ${b} is singing.`,
    'Nobody speaks for a while.',
    `${a} nods. ${b} frowns.`,
  ]);
}

function same(a: Scene, b: Scene): void {
  expect([...a.present].sort()).toEqual([...b.present].sort());
  expect([...a.left].sort()).toEqual([...b.left].sort());
}

describe('the scene folded turn by turn', () => {
  it('is the scene read from the whole story, through regenerates and resumes', async () => {
    for (const world of ['glass-orchard', 'ember-crown']) {
      const pack = (await resolveWorld(world)).pack;
      const opening = pack.openings[0];
      const random = seededRandom(world.length);
      const history: StoryMessage[] = [{ role: 'narrator', text: opening.text, turn: 0 }];
      // The fold each turn keeps, as the session keeps it with the turn's plan.
      let kept: SceneFold | undefined;
      const base = { pack, opening: opening.characters, openingScene: opening.scene };
      for (let turn = 1; turn <= 200; turn++) {
        const input = playerLine(pack, random);
        const full = sceneOf({ ...base, history, playerInput: input });
        const folded = sceneOf({ ...base, history, playerInput: input, ...(kept ? { fold: kept } : {}) });
        same(folded, full);
        history.push({ role: 'player', text: input, turn });
        history.push({ role: 'narrator', text: narratorLine(pack, random), turn });
        // A regenerate replaces the reply (and a swipe picks another): the next turn's scene
        // starts from a fold that holds the replaced reply only if it read it, which it must not.
        if (random() < 0.2) history[history.length - 1] = { role: 'narrator', text: narratorLine(pack, random), turn };
        // A resume: the fold is gone, the story is read once from the start.
        kept = random() < 0.05 ? undefined : folded.fold;
        if (turn % 50 === 0) {
          const regenerated = sceneOf({ ...base, history, playerInput: '', fold: kept ?? folded.fold });
          same(regenerated, sceneOf({ ...base, history, playerInput: '' }));
        }
      }
    }
  });

  it('starts again from an earlier fold when the message it ended on was replaced', async () => {
    const pack = (await resolveWorld('glass-orchard')).pack;
    const opening = pack.openings[0];
    const base = { pack, opening: opening.characters, openingScene: opening.scene, playerInput: '' };
    const history: StoryMessage[] = [{ role: 'narrator', text: opening.text, turn: 0 }];
    for (let turn = 1; turn <= 10; turn++)
      history.push({ role: 'player', text: 'I wait and listen.', turn }, { role: 'narrator', text: 'The wheel turns in the dark.', turn });
    const before = sceneOf({ ...base, history }).fold;
    // The reply the fold ended on becomes Wren's exit: a fold that kept the old reply would keep her here.
    const changed = [...history];
    changed[before.count - 1] = { role: 'narrator', text: 'Wren leaves without a word.', turn: 7 };
    const folded = sceneOf({ ...base, history: changed, fold: before });
    same(folded, sceneOf({ ...base, history: changed }));
    expect(folded.present.has('wren')).toBe(false);
  });

  it('reads as many messages a turn at turn 1,000 as at turn 50', async () => {
    const pack = (await resolveWorld('glass-orchard')).pack;
    const opening = pack.openings[0];
    const random = seededRandom(7);
    const history: StoryMessage[] = [{ role: 'narrator', text: opening.text, turn: 0 }];
    let kept: SceneFold | undefined;
    const readAt = new Map<number, number>();
    for (let turn = 1; turn <= 1000; turn++) {
      const input = playerLine(pack, random);
      const before = sceneWork.messagesRead;
      const scene = sceneOf({
        pack,
        opening: opening.characters,
        openingScene: opening.scene,
        history,
        playerInput: input,
        ...(kept ? { fold: kept } : {}),
      });
      readAt.set(turn, sceneWork.messagesRead - before);
      kept = scene.fold;
      history.push({ role: 'player', text: input, turn }, { role: 'narrator', text: narratorLine(pack, random), turn });
    }
    const late = readAt.get(1000) ?? Infinity;
    expect(late).toBeLessThanOrEqual(readAt.get(50) ?? 0);
    expect(late).toBeLessThanOrEqual(10);
    // Without a fold the whole story is read.
    const before = sceneWork.messagesRead;
    sceneOf({ pack, opening: opening.characters, openingScene: opening.scene, history, playerInput: '' });
    expect(sceneWork.messagesRead - before).toBeGreaterThan(history.length - 10);
  });
});
