/**
 * Compares skald's own CPU a turn between two trees (or two sets of node flags), the two sides
 * run **at the same time**, pair after pair, each in its own process (bench/ab-side.ts): on this
 * shared 2-core machine the load drifts by several points within a minute, and one side run after
 * the other spread by ±1.5 ms a turn at load 12-20, while the two processes of a concurrent pair
 * see the same load (h/perf-client3 in BENCHMARKS.md: an A/A pair differs by a few tenths).
 * The launch order alternates between pairs.
 *
 * `node --import tsx bench/ab-client.ts <treeA> <treeB> [pairs] [turns]`, and AB_FLAGS_A /
 * AB_FLAGS_B for node flags of one side (AB_RUNTIME_A / AB_RUNTIME_B: flags set from inside, as a
 * launcher would). A tree made by `git archive` needs `node_modules` beside its package.json.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { median } from './lib.js';

interface SideTimes {
  cpu: number;
  main: number;
  others: number;
  early: number;
}

const [treeA = '.', treeB = '.', pairsArg = '6', turnsArg = '230'] = process.argv.slice(2);
const side = fileURLToPath(new URL('./ab-side.ts', import.meta.url));

function runSide(tree: string, flags: string | undefined, runtime: string | undefined): Promise<SideTimes> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', ...(flags ? flags.split(' ').filter(Boolean) : []), '--import', 'tsx', side, resolve(tree), turnsArg],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, AB_RUNTIME_FLAGS: runtime ?? '' } },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) fail(new Error(`a side failed (exit ${code}): ${out}`));
      else done(JSON.parse(line) as SideTimes);
    });
  });
}

const fixed = (x: number) => x.toFixed(2);
const a = { tree: treeA, flags: process.env.AB_FLAGS_A, runtime: process.env.AB_RUNTIME_A };
const b = { tree: treeB, flags: process.env.AB_FLAGS_B, runtime: process.env.AB_RUNTIME_B };
const diffs: SideTimes[] = [];
for (let pair = 0; pair < Number(pairsArg); pair++) {
  // Both at once; which one starts first alternates.
  const [first, second] = pair % 2 === 0 ? [a, b] : [b, a];
  const started = [runSide(first.tree, first.flags, first.runtime), runSide(second.tree, second.flags, second.runtime)];
  const [one, two] = await Promise.all(started);
  const [timesA, timesB] = pair % 2 === 0 ? [one, two] : [two, one];
  const diff = {
    cpu: timesB.cpu - timesA.cpu,
    main: timesB.main - timesA.main,
    others: timesB.others - timesA.others,
    early: timesB.early - timesA.early,
  };
  diffs.push(diff);
  process.stdout.write(
    `pair ${pair + 1}: A ${fixed(timesA.cpu)} (main ${fixed(timesA.main)}, others ${fixed(timesA.others)}; turns 1-30 ${fixed(timesA.early)}), ` +
      `B ${fixed(timesB.cpu)} (main ${fixed(timesB.main)}, others ${fixed(timesB.others)}; turns 1-30 ${fixed(timesB.early)}) ms a turn: B-A ${fixed(diff.cpu)}\n`,
  );
}
const summary = (key: keyof SideTimes) => {
  const xs = diffs.map((d) => d[key]);
  return `${fixed(median(xs))} (${fixed(Math.min(...xs))} to ${fixed(Math.max(...xs))}, ${xs.filter((x) => x < 0).length} of ${xs.length} lower)`;
};
process.stdout.write(
  `B - A, CPU ms a turn, turns 31-${turnsArg}: ${summary('cpu')}; main thread ${summary('main')}; other threads ${summary('others')}; turns 1-30 ${summary('early')}\n`,
);
