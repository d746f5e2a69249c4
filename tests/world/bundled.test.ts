import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledWorldsDir } from '../../src/world/discover.js';
import { loadPack } from '../../src/world/load.js';
import { formatProblem } from '../../src/world/problems.js';

const packs = readdirSync(bundledWorldsDir()).filter((name) => !name.startsWith('.'));

describe('bundled worlds', () => {
  it('has at least one pack', () => {
    expect(packs.length).toBeGreaterThan(0);
  });

  it.each(packs)('%s validates without errors or warnings', async (name) => {
    const result = await loadPack(join(bundledWorldsDir(), name), 'bundled');
    const problems = (result.ok ? result.loaded.warnings : result.problems).map(formatProblem);
    expect(problems).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
