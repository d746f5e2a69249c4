import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Counts a text in a fresh process, with or without the CLI's rank reader; says whether gpt-tokenizer's rank module was loaded. */
function countIn(compact: boolean): { tokens: number; rankModuleLoaded: boolean } {
  const script = `
    const { createRequire } = await import('node:module');
    const tokens = await import('./src/engine/tokens.ts');
    if (${compact}) (await import('./src/cli/tokenizer-data.ts')).useCompactTokenizer();
    const n = tokens.countTokens('The wheel stopped three nights ago, and nobody in Ashford Mill has slept since.');
    const cache = createRequire(import.meta.url).cache;
    console.log(JSON.stringify({ tokens: n, rankModuleLoaded: Object.keys(cache).some((k) => k.includes('bpeRanks')) }));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    timeout: 120_000,
  });
  expect(run.stderr).not.toMatch(/Error/);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as { tokens: number; rankModuleLoaded: boolean };
}

describe("the CLI's token counter", () => {
  it("reads gpt-tokenizer's rank file into the compact table instead of loading its rank module, with the same count", () => {
    const compact = countIn(true);
    const library = countIn(false);
    expect(compact.rankModuleLoaded).toBe(false);
    expect(library.rankModuleLoaded).toBe(true);
    expect(compact.tokens).toBe(library.tokens);
    expect(compact.tokens).toBeGreaterThan(10);
  });
});
