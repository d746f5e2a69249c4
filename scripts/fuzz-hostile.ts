/**
 * Fuzz: hostile patterns and hostile file names (issue 17). Each case is generated from a seed:
 *
 * - patterns: catastrophic-backtracking shapes, backreferences, lookaround, broken syntax and random
 *   bytes, as lore keys. Each must compile or be refused with a reason (never throw), and a compiled
 *   one must scan hostile texts (long runs that make backtracking engines explode) within 500 ms;
 * - file names: C0 and C1 controls, ESC sequences (OSC 52, screen clears), bidi overrides, CR and
 *   line breaks. Each goes through every output path (problem lines, one-line display, JSON, HTML,
 *   and a real `worlds validate` load of a pack holding such files): no raw control byte may come out.
 *
 * `npm run fuzz:hostile [cases]` prints the counts; the tests run a small seeded sample.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { displayLine, safeJson } from '../src/cli/output.js';
import { activateLore, compileLore } from '../src/engine/lore/index.js';
import { seededRandom } from '../src/engine/random.js';

type Random = () => number;
import { TokenCounter } from '../src/engine/tokens.js';
import { escapeHtml } from '../src/eval/report/svg.js';
import { compilePattern } from '../src/text/pattern.js';
import { loadPack } from '../src/world/load.js';
import { formatProblem } from '../src/world/problems.js';

/** Anything that could drive or reorder a terminal: C0 (tab and newline aside), DEL, C1, bidi, CR. */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const PATTERN_PIECES = [
  '(a+)+',
  '(a|a)*',
  '(a*)*',
  '(.*a){12}',
  '(x+x+)+y',
  '([a-z]+)*$',
  '(a|aa)+$',
  '(\\w+\\s?)*$',
  '\\1',
  '(a)\\1',
  '(?=a)',
  '(?!b)',
  '(?<=c)',
  '(?<!d)',
  '(?<name>e)\\k<name>',
  '[',
  ']',
  '(',
  ')',
  '{2,}',
  'a{1000}',
  'a{0,100000}',
  '\\p{L}+',
  '\\u{1F600}',
  '\\u00e9',
  '[\\u4e00-\\u9fff]+',
  '.',
  '.*',
  '^',
  '$',
  '|',
  '\\b',
  '\\d+',
  '\\s*',
  '?',
  '+',
  'mill',
  'lantern',
  '城',
  '\\',
  '\\c',
  '\\x4',
  '[^]',
  '(?:',
  '(?i)',
  '\u0000',
  '\u001b[2J',
];
const FLAGS = ['', 'i', 'g', 'gi', 'm', 's', 'u', 'y', 'imsu', 'v', 'x', 'd'];

/** A hostile pattern body and flags from the seed. */
export function hostilePattern(random: Random): { body: string; flags: string } {
  const n = 1 + Math.floor(random() * 6);
  let body = '';
  for (let i = 0; i < n; i++) {
    body += random() < 0.85 ? pick(random, PATTERN_PIECES) : String.fromCharCode(Math.floor(random() * 0x3000));
    if (random() < 0.2) body = `(${body})${pick(random, ['+', '*', '{2,}', '?', ''])}`;
  }
  return { body: body || 'a', flags: pick(random, FLAGS) };
}

const HOSTILE_TEXTS = [
  `${'a'.repeat(5000)}!`,
  `${'x'.repeat(3000)}`,
  `${'ab'.repeat(3000)}c`,
  `${'a '.repeat(4000)}?`,
  `${'城'.repeat(3000)}`,
  `The mill ${'a'.repeat(2000)} lantern.`,
];

/**
 * A scan of the six hostile texts (25,000 characters) costing more CPU time than this counts as
 * unexpected. A linear engine's cost is the program size times the text; backtracking took minutes
 * here. CPU, not wall time: a loaded machine stretches the wall clock, not what the scan costs.
 */
const SLOW_MS = 500;

export interface PatternCounts {
  cases: number;
  compiled: number;
  refused: number;
  unexpectedErrors: number;
  slow: number;
  maxMs: number;
}

/** Runs `cases` hostile patterns from `seed`; a throw or a scan over SLOW_MS of CPU counts as unexpected. */
export function fuzzPatterns(cases: number, seed: number): PatternCounts {
  const random = seededRandom(seed);
  const counts: PatternCounts = { cases, compiled: 0, refused: 0, unexpectedErrors: 0, slow: 0, maxMs: 0 };
  const counter = new TokenCounter();
  for (let i = 0; i < cases; i++) {
    const { body, flags } = hostilePattern(random);
    try {
      const result = compilePattern(body, flags);
      if (!result.ok) {
        if (!result.reason) counts.unexpectedErrors++;
        counts.refused++;
        continue;
      }
      counts.compiled++;
      // Through the lore engine, as a pack's key is used in play.
      const compiled = compileLore([
        {
          id: 'k',
          keys: [`/${body}/${flags}`],
          secondary: [],
          selectiveLogic: 'and_any',
          text: 'x',
          constant: false,
          priority: 0,
          enabled: true,
          caseSensitive: false,
          wholeWords: true,
          excludeKeys: [],
        },
      ]);
      const started = process.cpuUsage();
      activateLore(compiled, {
        messages: HOSTILE_TEXTS.map((text, turn) => ({ role: turn % 2 ? 'player' : 'narrator', text, turn })),
        turn: 3,
        budget: 500,
        counter,
        scanDepth: HOSTILE_TEXTS.length,
      });
      const spent = process.cpuUsage(started);
      const ms = (spent.user + spent.system) / 1000;
      counts.maxMs = Math.max(counts.maxMs, Math.round(ms));
      if (ms > SLOW_MS) counts.slow++;
    } catch {
      counts.unexpectedErrors++;
    }
  }
  return counts;
}

const NAME_PIECES = [
  '\u001b]52;c;cm0gLXJmIH4=\u0007',
  '\u001b[2J',
  '\u001b[H',
  '\u001b]0;title\u0007',
  '\u001b]8;;https://x.example/\u0007',
  '\u001bP+q\u001b\\',
  '\u009b31m',
  '\u009d0;t\u009c',
  '\u0085',
  '\u0090x',
  '\u202e',
  '\u202a',
  '\u202d',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\r',
  '\n',
  '\t',
  '\u0007',
  '\u0008',
  '\u007f',
  '\u000b',
  '\u000c',
  '\u2028',
  'lore',
  'evil',
  '城',
  'é',
  ' ',
  '-',
  '.',
];

/** A hostile file name from the seed (no `/` or NUL, which no file system allows). */
export function hostileName(random: Random): string {
  const n = 1 + Math.floor(random() * 6);
  let name = '';
  for (let i = 0; i < n; i++) name += random() < 0.9 ? pick(random, NAME_PIECES) : String.fromCharCode(1 + Math.floor(random() * 0xff));
  return name.replace(/[/\u0000]/g, '_').slice(0, 120) || 'x';
}

export interface NameCounts {
  cases: number;
  outputs: number;
  rawControlOut: number;
  unexpectedErrors: number;
}

/**
 * Runs `cases` hostile names from `seed` through every printer, and (in batches of `batch`) through a
 * real pack load whose problems name them; any raw control in any output counts.
 */
export async function fuzzNames(cases: number, seed: number, batch = 50): Promise<NameCounts> {
  const random = seededRandom(seed);
  const counts: NameCounts = { cases, outputs: 0, rawControlOut: 0, unexpectedErrors: 0 };
  const check = (text: string, oneLine: boolean) => {
    counts.outputs++;
    if (RAW_CONTROL.test(text) || (oneLine && /[\n\r]/.test(text))) counts.rawControlOut++;
  };
  const orchard = new URL('../worlds/glass-orchard', import.meta.url).pathname;
  const root = mkdtempSync(join(tmpdir(), 'skald-fuzz-names-'));
  try {
    for (let start = 0; start < cases; start += batch) {
      const pack = join(root, `pack-${start}`);
      cpSync(orchard, pack, { recursive: true });
      mkdirSync(join(pack, 'lore'), { recursive: true });
      const names: string[] = [];
      for (let i = start; i < Math.min(cases, start + batch); i++) {
        const name = hostileName(random);
        names.push(name);
        try {
          check(
            formatProblem({
              severity: 'error',
              file: name,
              path: `lore[0].${name}`,
              message: `no character with id "${name}"`,
              line: 1,
              column: 1,
            }),
            true,
          );
          check(displayLine(`Installed "${name}" at ${name}`), true);
          check(safeJson({ file: name, warnings: [name] }, 2), false);
          check(escapeHtml(name), false);
          writeFileSync(join(pack, 'lore', `${name}-${i}.yaml`), 'broken: [yaml\n');
        } catch {
          counts.unexpectedErrors++;
        }
      }
      try {
        const result = await loadPack(pack, 'path');
        const problems = result.ok ? result.loaded.warnings : result.problems;
        for (const p of problems) check(formatProblem(p), true);
        check(safeJson(problems, 2), false);
      } catch {
        counts.unexpectedErrors++;
      }
      rmSync(pack, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return counts;
}

async function main(): Promise<void> {
  const cases = Number(process.argv[2] ?? 1000);
  const started = performance.now();
  const patterns = fuzzPatterns(cases, 17);
  const names = await fuzzNames(cases, 17);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `hostile patterns: ${patterns.cases} cases, ${patterns.compiled} compiled, ${patterns.refused} refused with a reason, ${patterns.unexpectedErrors} unexpected errors, ${patterns.slow} scans over ${SLOW_MS} ms of CPU (slowest ${patterns.maxMs} ms)`,
  );
  out(
    `hostile names: ${names.cases} cases, ${names.outputs} outputs checked, ${names.rawControlOut} with raw control bytes, ${names.unexpectedErrors} unexpected errors`,
  );
  out(`took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (patterns.unexpectedErrors + patterns.slow + names.rawControlOut + names.unexpectedErrors > 0) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
