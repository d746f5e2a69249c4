/**
 * A fuzzer over world packs: mutated YAML of valid packs (byte flips, truncation, duplicated keys,
 * deep nesting, alias bombs, random unicode and control characters, type swaps) through the real
 * loader. Only validation problems may come back (typed, with a message); never an exception and
 * never a hang. Seeded: a failure prints the seed and the input's index and mutations.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPack, type PackLoadResult } from '../../src/world/load.js';
import { packToYaml, loreToYaml } from '../../src/world/serialize.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { BYTE_MUTATIONS, TEXT_MUTATIONS, fuzzSeed, inputRandom, mutate } from './mutate.js';
import { cpuStopwatch } from '../support/cpu-time.js';

const SEED = fuzzSeed(20261129);
const SINGLE_FILE_INPUTS = 1_000;
const FOLDER_INPUTS = 150;
/** No one input may cost more CPU than this (a real hang fails the test's own timeout). */
const PER_INPUT_MS = 2_000;

interface Failure {
  index: number;
  applied: string[];
  problem: string;
}

/** What a loader result must look like: ok with a pack, or problems that each say something. */
function shapeProblem(result: PackLoadResult): string | undefined {
  if (result.ok) return result.loaded?.pack?.id ? undefined : 'ok without a pack';
  if (!Array.isArray(result.problems) || result.problems.length === 0) return 'not ok, but no problems';
  for (const p of result.problems) {
    if (typeof p.message !== 'string' || p.message.trim() === '') return `a problem without a message: ${JSON.stringify(p)}`;
    if (p.severity !== 'error' && p.severity !== 'warning') return `a problem without a severity: ${JSON.stringify(p)}`;
    if (typeof p.file !== 'string') return `a problem without a file: ${JSON.stringify(p)}`;
  }
  if (!result.problems.some((p) => p.severity === 'error')) return 'not ok, but only warnings';
  return undefined;
}

async function check(
  index: number,
  applied: string[],
  load: () => Promise<PackLoadResult>,
  failures: Failure[],
): Promise<PackLoadResult | undefined> {
  const cpu = cpuStopwatch();
  try {
    const result = await load();
    const ms = cpu();
    const problem = shapeProblem(result) ?? (ms > PER_INPUT_MS ? `took ${Math.round(ms)} ms of CPU` : undefined);
    if (problem) failures.push({ index, applied, problem });
    return result;
  } catch (error) {
    failures.push({ index, applied, problem: `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` });
    return undefined;
  }
}

function report(failures: Failure[]): string {
  return failures
    .slice(0, 8)
    .map((f) => `#${f.index} [${f.applied.join(', ')}]: ${f.problem.slice(0, 300)}`)
    .join('\n');
}

describe('fuzzing world packs', () => {
  it(`${SINGLE_FILE_INPUTS} mutated single-file packs give only validation problems`, async () => {
    console.info(`pack fuzzer seed ${SEED} (set SKALD_FUZZ_SEED to replay)`);
    const valid = packToYaml(miniPack());
    const dir = mkdtempSync(join(tmpdir(), 'skald-fuzz-pack-'));
    const file = join(dir, 'pack.yaml');
    // The unmutated pack loads: otherwise every "problem" below would be meaningless.
    writeFileSync(file, valid);
    expect((await loadPack(file)).ok).toBe(true);

    const failures: Failure[] = [];
    let rejected = 0;
    const started = performance.now();
    for (let index = 0; index < SINGLE_FILE_INPUTS; index++) {
      const random = inputRandom(SEED, index);
      // Most inputs are text mutations; one in five is raw bytes (invalid UTF-8, NULs).
      const { value, applied } =
        random() < 0.8
          ? mutate(valid, TEXT_MUTATIONS, random)
          : (() => {
              const m = mutate(new Uint8Array(Buffer.from(valid)), BYTE_MUTATIONS, random);
              return { value: Buffer.from(m.value), applied: m.applied.map((n) => `bytes.${n}`) };
            })();
      writeFileSync(file, value);
      const result = await check(index, applied, () => loadPack(file), failures);
      if (result && !result.ok) rejected += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `pack fuzzer: ${SINGLE_FILE_INPUTS} inputs in ${seconds.toFixed(1)} s, ${rejected} rejected with problems, ${SINGLE_FILE_INPUTS - rejected - failures.length} still valid`,
    );
    rmSync(dir, { recursive: true, force: true });
    expect(failures, `seed ${SEED}:\n${report(failures)}`).toEqual([]);
    // A fuzzer that never breaks anything tests nothing.
    expect(rejected).toBeGreaterThan(SINGLE_FILE_INPUTS / 3);
  });

  it('a pack nested millions of brackets deep (within the size limit) is refused quickly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-fuzz-deep-'));
    const file = join(dir, 'deep.yaml');
    const depth = 2_000_000;
    writeFileSync(file, `skald: 1\nid: deep\nsetting: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    const cpu = cpuStopwatch();
    const result = await loadPack(file);
    // The YAML parser alone needs tens of seconds here; the guard answers before parsing.
    expect(cpu()).toBeLessThan(PER_INPUT_MS);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems[0]).toMatchObject({ severity: 'error', line: 3, message: expect.stringMatching(/nested too deeply/) });
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${FOLDER_INPUTS} mutated pack folders (world.yaml, a character file, a lore file) give only validation problems`, async () => {
    const pack = miniPack();
    const { characters, lore, ...rest } = pack;
    const world = packToYaml({ ...rest, characters: characters.slice(0, 1), lore: [] });
    const characterFile = packToYaml({ ...pack, characters: characters.slice(1) }).match(/^characters:\n([\s\S]*?)^\w/m)?.[1] ?? '';
    const loreFile = loreToYaml(lore);
    const failures: Failure[] = [];
    let rejected = 0;
    for (let index = 0; index < FOLDER_INPUTS; index++) {
      const random = inputRandom(SEED ^ 0x5eed, index);
      const dir = mkdtempSync(join(tmpdir(), 'skald-fuzz-folder-'));
      mkdirSync(join(dir, 'characters'));
      mkdirSync(join(dir, 'lore'));
      const target = index % 3;
      const files = [world, characterFile.replace(/^ {2}/gm, ''), loreFile];
      const { value, applied } = mutate(files[target], TEXT_MUTATIONS, random);
      files[target] = value;
      writeFileSync(join(dir, 'world.yaml'), files[0]);
      writeFileSync(join(dir, 'characters', 'more.yaml'), files[1]);
      writeFileSync(join(dir, 'lore', 'entries.yaml'), files[2]);
      const result = await check(index, [`file ${target}`, ...applied], () => loadPack(dir), failures);
      if (result && !result.ok) rejected += 1;
      rmSync(dir, { recursive: true, force: true });
    }
    expect(failures, `seed ${SEED}:\n${report(failures)}`).toEqual([]);
    expect(rejected).toBeGreaterThan(FOLDER_INPUTS / 4);
  });
});
