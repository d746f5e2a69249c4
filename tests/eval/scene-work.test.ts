/**
 * A long offline story reads each message for the scene a bounded number of times: the planner,
 * the narrator's candidates and the simulated player start from the fold the turn's plan keeps,
 * instead of reading the whole story again each turn (tests/engine/planner/scene-fold.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { sceneWork } from '../../src/engine/planner/scene.js';
import { offlineConfig, offlineRun } from './helpers.js';

async function readFor(turns: number): Promise<number> {
  const before = sceneWork.messagesRead;
  const result = await offlineRun(offlineConfig({ players: ['slow'], turns, concurrency: 1 }));
  expect(result.episodes[0].turns).toHaveLength(turns);
  return sceneWork.messagesRead - before;
}

describe('the scene over a long offline story', () => {
  it('costs the same each turn at turn 40 as at turn 20', async () => {
    const [short, long] = [await readFor(20), await readFor(40)];
    // Twice the turns, about twice the reading (a full re-read each turn would be nearly four times).
    expect(long / short).toBeLessThan(2.3);
  });
});
