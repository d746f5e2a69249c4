import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = pathToFileURL(join(import.meta.dirname, '../../src/cli/heap-compaction.ts')).href;

/** How many old-space pages one full collection picks to evacuate, over a heap of objects that all stay live. */
function pagesEvacuatedByFullCollection(compacting: boolean): number {
  const code = `
    import { setFlagsFromString } from 'node:v8';
    import { runInNewContext } from 'node:vm';
    import { compactOnFullCollections } from ${JSON.stringify(MODULE)};
    if (${compacting}) compactOnFullCollections();
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc');
    const kept = [];
    for (let i = 0; i < 200_000; i++) kept.push({ i, text: 'turn ' + i });
    gc();
    // V8 prints one line per page it picks; only for the collection under test.
    setFlagsFromString('--trace-evacuation-candidates');
    gc();
    setFlagsFromString('--no-trace-evacuation-candidates');
    process.stdout.write('kept ' + kept.length + '\\n');
  `;
  const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 120_000 });
  if (out.status !== 0) throw new Error(out.stderr);
  expect(out.stdout).toContain('kept 200000');
  return out.stdout.split('\n').filter((line) => line.includes('Evacuation candidate')).length;
}

describe('compactOnFullCollections', () => {
  it('makes a full collection evacuate the old-space pages that V8 alone would leave where they are', () => {
    const alone = pagesEvacuatedByFullCollection(false);
    const compacting = pagesEvacuatedByFullCollection(true);
    // A dense heap: V8's own heuristics move (almost) nothing; with the setting every page that holds objects is a candidate.
    expect(compacting).toBeGreaterThan(alone + 10);
  }, 240_000);
});
