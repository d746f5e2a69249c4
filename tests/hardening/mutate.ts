/**
 * Seeded mutations of text and bytes for the fuzzers: every input is a function of (seed, index),
 * so a failure reproduces with `SKALD_FUZZ_SEED=<seed>` and the index the test prints.
 */
import { seededRandom } from '../../src/engine/random.js';

export type Random = () => number;

/** The run's seed: `SKALD_FUZZ_SEED` when set, else a fixed one (the test prints it either way). */
export function fuzzSeed(fallback: number): number {
  const raw = process.env.SKALD_FUZZ_SEED;
  const parsed = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(parsed) ? parsed : fallback;
}

/** The random source of input `index` of a run with `seed`. */
export function inputRandom(seed: number, index: number): Random {
  return seededRandom((seed * 1_000_003 + index * 7919) >>> 0);
}

const int = (random: Random, n: number): number => Math.floor(random() * n);
const pick = <T>(random: Random, list: readonly T[]): T => list[int(random, list.length)];

const NASTY = [
  '\u0000',
  '\u0007',
  '\u001b[2J',
  '\u001b]0;pwned\u0007',
  '\u009b31m',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  '🦊',
  '𝔘𝔫𝔦',
  '\r',
  '\t',
  '\\',
  '"',
  "'",
  '%',
  '@',
  '`',
  '&x',
  '*x',
  '!!binary',
  '!!python/object',
  '{{char}}',
  '<|endoftext|>',
];

/** Mutations of a text document (YAML, JSON), by name so a failure says which one ran. */
export const TEXT_MUTATIONS: Record<string, (text: string, random: Random) => string> = {
  truncate: (text, random) => text.slice(0, int(random, text.length)),
  insertNasty: (text, random) => {
    const at = int(random, text.length + 1);
    return text.slice(0, at) + Array.from({ length: 1 + int(random, 4) }, () => pick(random, NASTY)).join('') + text.slice(at);
  },
  randomUnicode: (text, random) => {
    const at = int(random, text.length + 1);
    const junk = Array.from({ length: 1 + int(random, 40) }, () => String.fromCodePoint(int(random, 0x2ffff) & ~0x800 || 0x41)).join('');
    return text.slice(0, at) + junk + text.slice(at);
  },
  duplicateLine: (text, random) => {
    const lines = text.split('\n');
    const i = int(random, lines.length);
    lines.splice(i, 0, lines[i]);
    return lines.join('\n');
  },
  duplicateKey: (text, random) => {
    const lines = text.split('\n');
    const keyed = lines.map((l, i) => (/^\s*[\w-]+:/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (keyed.length === 0) return text;
    const i = pick(random, keyed);
    lines.splice(i + 1, 0, lines[i].replace(/:.*/, ': duplicate'));
    return lines.join('\n');
  },
  deleteLine: (text, random) => {
    const lines = text.split('\n');
    lines.splice(int(random, lines.length), 1 + int(random, 3));
    return lines.join('\n');
  },
  swapLines: (text, random) => {
    const lines = text.split('\n');
    const a = int(random, lines.length);
    const b = int(random, lines.length);
    [lines[a], lines[b]] = [lines[b], lines[a]];
    return lines.join('\n');
  },
  reindent: (text, random) => {
    const lines = text.split('\n');
    const i = int(random, lines.length);
    lines[i] = random() < 0.5 ? ' '.repeat(1 + int(random, 5)) + lines[i] : lines[i].replace(/^\s{1,3}/, '');
    return lines.join('\n');
  },
  deepNesting: (text, random) => {
    const depth = 200 + int(random, 20_000);
    const nest = random() < 0.5 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
    const lines = text.split('\n');
    const keyed = lines.map((l, i) => (/^\s*[\w-]+:\s*\S/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (keyed.length === 0) return `${nest}\n${text}`;
    const i = pick(random, keyed);
    lines[i] = lines[i].replace(/:\s*.*/, `: ${nest}`);
    return lines.join('\n');
  },
  billionLaughs: (text, random) => {
    const levels = 3 + int(random, 7);
    const width = 5 + int(random, 6);
    const defs = ['l0: &l0 "lol"'];
    for (let l = 1; l <= levels; l++) defs.push(`l${l}: &l${l} [${Array.from({ length: width }, () => `*l${l - 1}`).join(', ')}]`);
    defs.push(`bomb: *l${levels}`);
    return `${defs.join('\n')}\n${text}`;
  },
  typeSwap: (text, random) => {
    const lines = text.split('\n');
    const keyed = lines.map((l, i) => (/^\s*-?\s*[\w-]+:\s*\S/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (keyed.length === 0) return text;
    const i = pick(random, keyed);
    const value = pick(random, [
      '[1, 2, 3]',
      '{x: 1}',
      '~',
      '-1e309',
      '.nan',
      '0x7fffffffffffffff',
      'true',
      '""',
      `"${'x'.repeat(200_000)}"`,
      '!!binary aGVsbG8=',
      '&anchor v',
      '*missing',
      "'",
      '|',
      '>-',
    ]);
    lines[i] = lines[i].replace(/:\s*.*/, `: ${value}`);
    return lines.join('\n');
  },
  tabs: (text, random) => {
    const lines = text.split('\n');
    const i = int(random, lines.length);
    lines[i] = lines[i].replace(/^ +/, '\t');
    return lines.join('\n');
  },
  jsonDeep: (text, random) => {
    const at = int(random, text.length + 1);
    const depth = 100 + int(random, 50_000);
    return text.slice(0, at) + '['.repeat(depth) + ']'.repeat(depth) + text.slice(at);
  },
};

/** Mutations of raw bytes. */
export const BYTE_MUTATIONS: Record<string, (bytes: Uint8Array, random: Random) => Uint8Array> = {
  flip: (bytes, random) => {
    const out = Uint8Array.from(bytes);
    const n = 1 + int(random, 8);
    for (let k = 0; k < n && out.length; k++) out[int(random, out.length)] ^= 1 << int(random, 8);
    return out;
  },
  truncate: (bytes, random) => bytes.slice(0, int(random, bytes.length)),
  zeroRun: (bytes, random) => {
    const out = Uint8Array.from(bytes);
    const at = int(random, out.length);
    out.fill(pick(random, [0, 0xff, 0x41]), at, at + 1 + int(random, 64));
    return out;
  },
  splice: (bytes, random) => {
    const at = int(random, bytes.length);
    const len = int(random, Math.min(4096, bytes.length - at));
    const to = int(random, bytes.length);
    const out = new Uint8Array(bytes.length + len);
    out.set(bytes.subarray(0, to));
    out.set(bytes.subarray(at, at + len), to);
    out.set(bytes.subarray(to), to + len);
    return out;
  },
};

/** Applies 1-3 random mutations from `table`; returns the result and their names. */
export function mutate<T>(
  input: T,
  table: Record<string, (value: T, random: Random) => T>,
  random: Random,
): { value: T; applied: string[] } {
  const names = Object.keys(table);
  const applied: string[] = [];
  let value = input;
  for (let k = 1 + int(random, 3); k > 0; k--) {
    const name = pick(random, names);
    applied.push(name);
    value = table[name](value, random);
  }
  return { value, applied };
}
