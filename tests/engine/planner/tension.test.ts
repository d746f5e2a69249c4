import { describe, expect, it } from 'vitest';
import { applyBeat, targetTension } from '../../../src/engine/planner/index.js';

describe('tension model', () => {
  it('rises with escalate, complicate and reveal, falls with breathe and resolve, within bounds', () => {
    for (const beat of ['escalate', 'complicate', 'reveal'] as const) expect(applyBeat(0.5, beat), beat).toBeGreaterThan(0.5);
    for (const beat of ['breathe', 'resolve'] as const) expect(applyBeat(0.5, beat), beat).toBeLessThan(0.5);
    expect(applyBeat(0.5, 'escalate')).toBeGreaterThan(applyBeat(0.5, 'reveal'));
    expect(applyBeat(0.94, 'escalate')).toBeLessThanOrEqual(0.95);
    expect(applyBeat(0.06, 'resolve')).toBeGreaterThanOrEqual(0.05);
  });

  it('a fast player wants more tension than a slow one', () => {
    expect(targetTension(1)).toBeGreaterThan(targetTension(0));
    expect(targetTension(0)).toBeGreaterThan(targetTension(-1));
  });
});
