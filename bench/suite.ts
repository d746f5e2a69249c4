/**
 * Runs one suite in this process and writes its rows as JSON: `node --expose-gc --import tsx
 * bench/suite.ts <name> <out.json>`. Used by run.ts; handy alone when profiling one suite
 * (add `--cpu-prof`).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { removeTempDirs, tempDir, type BenchRow, type Suite } from './lib.js';
import { useCompactTokenizer } from '../src/cli/tokenizer-data.js';

const [name, out] = process.argv.slice(2);
if (!name) {
  process.stderr.write('usage: bench/suite.ts <suite> [out.json]\n');
  process.exit(2);
}
// Suites write session files and settings: never into the player's real data folder.
if (!process.env.SKALD_HOME || !process.env.SKALD_HOME.includes('skald-bench')) process.env.SKALD_HOME = tempDir('home');
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
// In-process suites count tokens as the CLI does.
useCompactTokenizer();

// The TUI runs React as the CLI loads it (src/cli/play-run.ts sets this before the TUI loads).
if (name === 'render') process.env.NODE_ENV ??= 'production';
const file = existsSync(new URL(`./${name}.tsx`, import.meta.url)) ? `./${name}.tsx` : `./${name}.ts`;
const module = (await import(file)) as { run: Suite };
let rows: BenchRow[];
try {
  rows = await module.run();
} catch (error) {
  rows = [
    {
      suite: name,
      metric: 'suite failed',
      value: null,
      unit: '',
      note: error instanceof Error ? (error.stack ?? error.message) : String(error),
    },
  ];
  process.exitCode = 1;
}
removeTempDirs();
if (out) writeFileSync(out, JSON.stringify(rows));
else process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
// Servers and timers a suite left behind must not keep the process alive.
setTimeout(() => process.exit(), 100).unref();
