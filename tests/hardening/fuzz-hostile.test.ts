/**
 * A seeded sample of scripts/fuzz-hostile.ts (which runs 1,000 cases each: `npm run fuzz:hostile`,
 * counts in BENCHMARKS.md): hostile patterns compile or are refused with a reason and scan hostile
 * texts quickly; hostile file names come out of every printer with no raw control byte.
 */
import { describe, expect, it } from 'vitest';
import { fuzzNames, fuzzPatterns } from '../../scripts/fuzz-hostile.js';

describe('fuzz: hostile patterns and names (sample)', () => {
  it('60 hostile patterns: no unexpected error, no slow scan', () => {
    const counts = fuzzPatterns(60, 4242);
    expect(counts.compiled + counts.refused).toBe(60);
    expect(counts.compiled).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(0);
    expect({ unexpected: counts.unexpectedErrors, slow: counts.slow }).toEqual({ unexpected: 0, slow: 0 });
  });

  it('40 hostile file names: no raw control byte in any output, no unexpected error', async () => {
    const counts = await fuzzNames(40, 4242, 20);
    expect(counts.outputs).toBeGreaterThan(160);
    expect({ raw: counts.rawControlOut, unexpected: counts.unexpectedErrors }).toEqual({ raw: 0, unexpected: 0 });
  });
});
