/**
 * `npm run bench`: runs every suite in its own process (so one suite's heap and JIT state cannot
 * colour another's figures), prints one table and writes `bench/results.json` (a run of named
 * suites writes `bench/results.partial.json`).
 *
 *   npm run bench                 all suites
 *   npm run bench -- lore critics  only these
 *   npm run bench -- --markdown    the table as Markdown too (for BENCHMARKS.md)
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, fmt, type BenchRow } from './lib.js';

/** In the order they run; the heavy ones last. */
export const SUITES = ['startup', 'lore', 'critics', 'client', 'render', 'memory', 'sillytavern', 'resume'] as const;

const args = process.argv.slice(2);
const markdown = args.includes('--markdown');
const wanted = args.filter((a) => !a.startsWith('--'));
const suites = wanted.length ? SUITES.filter((s) => wanted.includes(s)) : [...SUITES];
for (const name of wanted) {
  if (!(SUITES as readonly string[]).includes(name)) {
    process.stderr.write(`Unknown suite "${name}"; the suites are ${SUITES.join(', ')}.\n`);
    process.exit(2);
  }
}

function runSuite(name: string): Promise<{ rows: BenchRow[]; ms: number; error?: string }> {
  const out = join(tmpdir(), `skald-bench-${process.pid}-${name}.json`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench', 'suite.ts'), name, out], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) => {
      const ms = Date.now() - started;
      try {
        const rows = JSON.parse(readFileSync(out, 'utf8')) as BenchRow[];
        rmSync(out, { force: true });
        resolve({ rows, ms, ...(code !== 0 ? { error: `exited ${code}` } : {}) });
      } catch {
        resolve({ rows: [], ms, error: `exited ${code}: ${stderr.trim().split('\n').slice(-6).join(' | ')}` });
      }
    });
  });
}

function table(rows: BenchRow[]): string[][] {
  return rows.map((r) => [
    r.suite,
    r.metric,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline ? `${fmt(r.baseline.value)} ${r.baseline.unit} (${r.baseline.label})` : '',
    r.ratio !== undefined ? `${fmt(r.ratio)}x` : '',
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
  ]);
}

const HEAD = ['suite', 'metric', 'value', 'baseline (same run)', 'ratio', 'target', ''];

function printPlain(cells: string[][]): void {
  const all = [HEAD, ...cells];
  const widths = HEAD.map((_, i) => Math.min(60, Math.max(...all.map((r) => r[i].length))));
  for (const row of all)
    process.stdout.write(
      `${row
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd()}\n`,
    );
}

function printMarkdown(cells: string[][]): void {
  process.stdout.write(`\n| ${HEAD.map((h) => h || 'status').join(' | ')} |\n|${HEAD.map(() => '---').join('|')}|\n`);
  for (const row of cells) process.stdout.write(`| ${row.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |\n`);
}

const started = Date.now();
const loadBefore = loadavg()[0];
const rows: BenchRow[] = [];
for (const name of suites) {
  process.stderr.write(`bench: ${name} ...\n`);
  const result = await runSuite(name);
  process.stderr.write(`bench: ${name} took ${(result.ms / 1000).toFixed(1)} s${result.error ? ` (${result.error})` : ''}\n`);
  rows.push(...result.rows);
  if (result.error && result.rows.length === 0)
    rows.push({ suite: name, metric: 'suite failed', value: null, unit: '', note: result.error });
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const load = `load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`;
process.stdout.write(
  `\nskald benchmarks · node ${process.version} · ${cpus().length} × ${cpu} (${arch()}) · ${((Date.now() - started) / 1000).toFixed(0)} s · ${load}\n\n`,
);
const cells = table(rows);
printPlain(cells);
const notes = rows.filter((r) => r.note);
if (notes.length) {
  process.stdout.write('\nnotes:\n');
  for (const r of notes) process.stdout.write(`  ${r.suite} · ${r.metric}: ${r.note}\n`);
}
if (markdown) printMarkdown(cells);
// A partial run never replaces the figures of a full one.
writeFileSync(
  join(ROOT, 'bench', wanted.length ? 'results.partial.json' : 'results.json'),
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpu, cores: cpus().length, load, seconds: Math.round((Date.now() - started) / 1000), rows }, null, 2)}\n`,
);
