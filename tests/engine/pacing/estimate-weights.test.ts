import { describe, expect, it } from 'vitest';
import { PacingModel } from '../../../src/engine/pacing/index.js';
import { FAST_PLAYER, SLOW_PLAYER } from './scripts.js';

/** The session estimate as its definition reads: each observation's decayed weight, worked out in each pass. */
function reference(model: PacingModel): { score: number; confidence: number } {
  const { latestTurn, observations } = model.snapshot();
  const weightOf = ([, weight, turn, decay]: [number, number, number, number]) => weight * decay ** Math.max(0, latestTurn - turn);
  const total = observations.reduce((sum, o) => sum + weightOf(o), 0);
  const score = observations.reduce((sum, o) => sum + weightOf(o) * o[0], 0) / total;
  const spread = observations.reduce((sum, o) => sum + weightOf(o) * (o[0] - score) ** 2, 0);
  const confidence = (1 - Math.exp(-total / 2.5)) * (1 - 0.5 * Math.min(1, Math.sqrt(spread / total)));
  return { score: Math.max(-1, Math.min(1, score)), confidence };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

describe('the session estimate (weights worked out once for both passes)', () => {
  it('matches its definition as a story grows, and after a longer story in another model', () => {
    const long = new PacingModel();
    for (let i = 0; i < 300; i++) long.observe({ kind: 'message', text: FAST_PLAYER[i % FAST_PLAYER.length], turn: i + 1 });
    long.estimate();
    // A shorter model after a longer one: nothing of the longer one's weights may leak into its estimate.
    const model = new PacingModel();
    SLOW_PLAYER.forEach((text, i) => {
      model.observe({ kind: 'message', text, turn: i + 1 });
      const { session } = model.estimate();
      const expected = reference(model);
      expect(session.score).toBe(round(expected.score));
      expect(session.confidence).toBe(round(expected.confidence));
    });
    const { session } = long.estimate();
    expect(session.confidence).toBe(round(reference(long).confidence));
  });
});
