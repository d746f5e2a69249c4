/**
 * A fuzzer over character cards and lorebooks: mutated card JSON (text and structure), PNGs
 * rebuilt around mutated payloads with valid checksums (so the fuzz gets past the CRC check) and
 * raw byte damage, CHARX zips, and SillyTavern lorebooks merged into a pack. Only ImportError
 * (typed, with a message) may come out; never another exception, never a hang. Seeded.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError, importCard, importLorebook } from '../../src/world/import/index.js';
import { packToYaml } from '../../src/world/serialize.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { BYTE_MUTATIONS, TEXT_MUTATIONS, fuzzSeed, inputRandom, mutate, type Random } from './mutate.js';
import { cpuStopwatch } from '../support/cpu-time.js';

const SEED = fuzzSeed(1129);
const PER_INPUT_MS = 2_000;
const fixtures = new URL('../../../shared/fixtures/sillytavern/', import.meta.url);
const haveFixtures = existsSync(fixtures);

/** A V2 card as SillyTavern exports it, with a small character_book. */
const CARD = {
  spec: 'chara_card_v2',
  spec_version: '2.0',
  data: {
    name: 'Wren Hollis',
    description: '{{char}} keeps the mill at Dunmarrow and answers questions with questions.',
    personality: 'wary, dry, loyal',
    scenario: 'The wheel stopped three nights ago. {{user}} has come back to town.',
    first_mes: '*Wren looks up from the ledger.* "You took your time, {{user}}."',
    mes_example: '<START>\n{{user}}: Why did it stop?\n{{char}}: "Why does anything?"',
    creator_notes: 'test card',
    system_prompt: '',
    post_history_instructions: '',
    alternate_greetings: ['"Back again?"'],
    tags: ['mystery'],
    creator: 'skald tests',
    character_version: '1',
    extensions: {},
    character_book: {
      name: 'Dunmarrow',
      extensions: {},
      entries: [
        {
          keys: ['mill', 'wheel'],
          content: 'The wheel is older than the town.',
          extensions: {},
          enabled: true,
          insertion_order: 10,
          constant: false,
          id: 1,
        },
        {
          keys: ['river'],
          content: 'The river runs cold all year.',
          extensions: {},
          enabled: true,
          insertion_order: 5,
          secondary_keys: ['cold'],
          selective: true,
          id: 2,
        },
      ],
    },
  },
};

interface Failure {
  index: number;
  applied: string[];
  problem: string;
}

async function check(
  index: number,
  applied: string[],
  run: () => Promise<unknown>,
  failures: Failure[],
): Promise<'ok' | 'refused' | 'failed'> {
  const cpu = cpuStopwatch();
  try {
    await run();
    if (cpu() > PER_INPUT_MS) failures.push({ index, applied, problem: `took ${Math.round(cpu())} ms of CPU` });
    return 'ok';
  } catch (error) {
    if (
      error instanceof ImportError &&
      typeof error.kind === 'string' &&
      error.message.trim().length > 0 &&
      !error.message.includes('\n    at ')
    ) {
      if (cpu() > PER_INPUT_MS) failures.push({ index, applied, problem: `took ${Math.round(cpu())} ms of CPU` });
      return 'refused';
    }
    failures.push({ index, applied, problem: `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` });
    return 'failed';
  }
}

const report = (failures: Failure[]) =>
  failures
    .slice(0, 8)
    .map((f) => `#${f.index} [${f.applied.join(', ')}]: ${f.problem.slice(0, 300)}`)
    .join('\n');

// ---- PNG building, so payload mutations survive the checksum check --------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, tail]);
}
/** A 1x1 PNG carrying `texts` as tEXt chunks. */
function png(texts: Array<[string, string]>): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const idat = Buffer.from([0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...texts.map(([k, v]) => chunk('tEXt', Buffer.concat([Buffer.from(k, 'latin1'), Buffer.from([0]), Buffer.from(v, 'latin1')]))),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array()),
  ]);
}
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The card JSON in a PNG's `chara` tEXt chunk (read independently of the importer). */
function charaOf(bytes: Buffer): unknown {
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'tEXt') {
      const zero = data.indexOf(0);
      if (data.toString('latin1', 0, zero) === 'chara')
        return JSON.parse(Buffer.from(data.toString('latin1', zero + 1), 'base64').toString('utf8'));
    }
    at += 12 + length;
  }
  return undefined;
}

/** Structural damage to a JSON value: a random node replaced, removed or doubled. */
function mutateJson(value: unknown, random: Random): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  const weird = (): unknown =>
    [
      null,
      0,
      -1,
      1e308,
      '',
      'x'.repeat(100_000),
      [],
      {},
      [[[[]]]],
      true,
      { name: 42 },
      '\u001b]52;c;cHduZWQ=\u0007',
      '{{char}}'.repeat(1000),
    ][Math.floor(random() * 13)];
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') {
      containers.push(v as Record<string, unknown>);
      for (const child of Object.values(v)) walk(child);
    }
  };
  walk(copy);
  for (let k = 1 + Math.floor(random() * 4); k > 0; k--) {
    const target = containers[Math.floor(random() * containers.length)];
    const keys = Object.keys(target);
    if (keys.length === 0) continue;
    const key = keys[Math.floor(random() * keys.length)];
    const roll = random();
    if (roll < 0.5) (target as Record<string, unknown>)[key] = weird();
    else if (roll < 0.75 && !Array.isArray(target)) delete target[key];
    else (target as Record<string, unknown>)[key] = [(target as Record<string, unknown>)[key], (target as Record<string, unknown>)[key]];
  }
  return copy;
}

describe('fuzzing cards and lorebooks', () => {
  it('the unmutated inputs import (so rejections below mean something)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-fuzz-card-'));
    writeFileSync(join(dir, 'card.json'), JSON.stringify(CARD));
    writeFileSync(join(dir, 'card.png'), png([['chara', b64(JSON.stringify(CARD))]]));
    writeFileSync(
      join(dir, 'card.charx'),
      zipSync({ 'card.json': strToU8(JSON.stringify({ ...CARD, spec: 'chara_card_v3', spec_version: '3.0' })) }),
    );
    for (const name of ['card.json', 'card.png', 'card.charx'])
      expect((await importCard(join(dir, name))).pack.characters.length, name).toBeGreaterThan(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('600 mutated cards (JSON text, JSON structure, PNG payloads and bytes, CHARX) only ever raise ImportError', async () => {
    console.info(`card fuzzer seed ${SEED} (set SKALD_FUZZ_SEED to replay)`);
    const dir = mkdtempSync(join(tmpdir(), 'skald-fuzz-card-'));
    const sources: Array<{ name: string; json: unknown }> = [{ name: 'synthetic', json: CARD }];
    let realPng: Buffer | undefined;
    if (haveFixtures) {
      realPng = readFileSync(new URL('Seraphina.png', fixtures));
      const real = charaOf(realPng);
      if (real) sources.push({ name: 'seraphina', json: real });
    } else {
      console.warn('the SillyTavern fixtures are absent (a fresh clone has no ../shared): fuzzing synthetic cards only');
    }
    const failures: Failure[] = [];
    const outcomes = { ok: 0, refused: 0, failed: 0 };
    for (let index = 0; index < 600; index++) {
      const random = inputRandom(SEED, index);
      const kind = index % 6;
      // Alternate the synthetic card and the real one (when the fixtures are there).
      const source = sources[Math.floor(index / 6) % sources.length];
      const text = JSON.stringify(source.json, null, 2);
      let file: string;
      let bytes: Uint8Array;
      let applied: string[];
      if (kind === 0) {
        const m = mutate(text, TEXT_MUTATIONS, random);
        [file, bytes, applied] = ['c.json', Buffer.from(m.value), [`json-text ${source.name}`, ...m.applied]];
      } else if (kind === 1) {
        [file, bytes, applied] = [
          'c.json',
          Buffer.from(JSON.stringify(mutateJson(source.json, random))),
          [`json-structure ${source.name}`],
        ];
      } else if (kind === 2) {
        // A PNG with valid checksums around a damaged card: base64 of mutated JSON, or mutated base64.
        const inner =
          random() < 0.5
            ? b64(mutate(text, TEXT_MUTATIONS, random).value)
            : mutate(b64(text), TEXT_MUTATIONS, random).value.replace(/[^\x00-\xff]/g, '?');
        const keyword = random() < 0.7 ? 'chara' : 'ccv3';
        const extra: Array<[string, string]> = random() < 0.3 ? [['chara', b64(JSON.stringify(source.json))]] : [];
        [file, bytes, applied] = [
          'c.png',
          png([[keyword, inner], ...extra]),
          [`png-payload ${keyword}${extra.length ? ' + good chara' : ''}`],
        ];
      } else if (kind === 3) {
        const m = mutate(new Uint8Array(png([['chara', b64(JSON.stringify(CARD))]])), BYTE_MUTATIONS, random);
        [file, bytes, applied] = ['c.png', m.value, ['png-bytes', ...m.applied]];
      } else if (kind === 4 && realPng) {
        const m = mutate(new Uint8Array(realPng), BYTE_MUTATIONS, random);
        [file, bytes, applied] = ['c.png', m.value, ['seraphina-bytes', ...m.applied]];
      } else {
        const zip = zipSync({
          'card.json': strToU8(JSON.stringify(mutateJson({ ...CARD, spec: 'chara_card_v3', spec_version: '3.0' }, random))),
        });
        const m = random() < 0.5 ? mutate(zip, BYTE_MUTATIONS, random) : { value: zip, applied: [] };
        [file, bytes, applied] = ['c.charx', m.value, ['charx', ...m.applied]];
      }
      const path = join(dir, `${index}-${file}`);
      writeFileSync(path, bytes);
      outcomes[await check(index, applied, () => importCard(path), failures)] += 1;
      rmSync(path, { force: true });
    }
    console.info(
      `card fuzzer: 600 inputs, ${outcomes.ok} imported, ${outcomes.refused} refused with ImportError, ${outcomes.failed} failed otherwise`,
    );
    rmSync(dir, { recursive: true, force: true });
    expect(failures, `seed ${SEED}:\n${report(failures)}`).toEqual([]);
    expect(outcomes.refused).toBeGreaterThan(150);
  });

  it('120 mutated lorebooks merged into a pack only ever raise ImportError', async () => {
    const book = haveFixtures
      ? readFileSync(new URL('Eldoria.json', fixtures), 'utf8')
      : JSON.stringify(
          {
            entries: {
              0: {
                uid: 0,
                key: ['mill'],
                keysecondary: [],
                content: 'The wheel is old.',
                constant: false,
                selective: false,
                order: 100,
                disable: false,
              },
            },
          },
          null,
          2,
        );
    const failures: Failure[] = [];
    const outcomes = { ok: 0, refused: 0, failed: 0 };
    for (let index = 0; index < 120; index++) {
      const random = inputRandom(SEED ^ 0x10b, index);
      const dir = mkdtempSync(join(tmpdir(), 'skald-fuzz-book-'));
      writeFileSync(join(dir, 'world.yaml'), packToYaml(miniPack()));
      const structural = index % 2 === 1;
      const m = structural
        ? { value: JSON.stringify(mutateJson(JSON.parse(book), random)), applied: ['json-structure'] }
        : mutate(book, TEXT_MUTATIONS, random);
      writeFileSync(join(dir, 'book.json'), m.value);
      outcomes[await check(index, m.applied, () => importLorebook(join(dir, 'book.json'), dir), failures)] += 1;
      rmSync(dir, { recursive: true, force: true });
    }
    expect(failures, `seed ${SEED}:\n${report(failures)}`).toEqual([]);
    expect(outcomes.refused).toBeGreaterThan(20);
  });
});
