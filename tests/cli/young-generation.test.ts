import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = pathToFileURL(join(import.meta.dirname, '../../src/cli/young-generation.ts')).href;

/** The young generation's committed MB after a workload whose objects survive scavenges (what makes V8 grow it). */
function youngGenerationAfterWork(capped: boolean): number {
  const code = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { capYoungGeneration } from ${JSON.stringify(MODULE)};
    if (${capped}) capYoungGeneration(8);
    let window = [];
    for (let i = 0; i < 3_000_000; i++) {
      window.push({ i, text: 'turn ' + i });
      if (window.length > 200_000) window = window.slice(100_000);
      // The CLI's work comes in event-loop turns; collections are reported between them.
      if (i % 20_000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setImmediate(resolve));
    const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(space.space_size / 1024 / 1024));
  `;
  const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 120_000 });
  if (out.status !== 0) throw new Error(out.stderr);
  return Number(out.stdout);
}

describe('capYoungGeneration', () => {
  it('stops the young generation at the ceiling where V8 would grow it further', () => {
    // The same work without the ceiling: V8 grows past 8 MB, so the ceiling is what holds it.
    expect(youngGenerationAfterWork(false)).toBeGreaterThan(8);
    expect(youngGenerationAfterWork(true)).toBeLessThanOrEqual(8);
  }, 240_000);
});
