import { ImportError } from '../../src/world/import/errors.js';
/**
 * Builders for the import tests: PNG files written byte by byte (with a CRC-32 of our own, so the
 * reader's checksum is checked against an independent one), cards, and temp folders.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The shared SillyTavern files: beside the checkout (`../shared`), or one level up for a git worktree. */
export const FIXTURES =
  ['../../../shared/fixtures/sillytavern/', '../../../../shared/fixtures/sillytavern/']
    .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
    .find((dir) => existsSync(dir)) ?? fileURLToPath(new URL('../../../shared/fixtures/sillytavern/', import.meta.url));

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** One PNG chunk: length, type, data, CRC over type and data. */
export function chunk(type: string, data: Uint8Array | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), 8 + body.length);
  return out;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A valid 1x1 grey PNG with `extra` chunks placed before the image data. */
export function png(...extra: Buffer[]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const idat = deflateSync(Buffer.from([0, 0x80])); // filter byte + one pixel
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), ...extra, chunk('IDAT', idat), chunk('IEND', '')]);
}

export const b64json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
export const tEXt = (keyword: string, text: string) => chunk('tEXt', `${keyword}\0${text}`);

/** Writes files into a fresh temp folder; returns the folder. */
export async function tempDir(files: Record<string, string | Uint8Array> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'skald-import-test-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

/** A V2 card with a small character_book; `patch` is merged into `data`. */
export function v2Card(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    spec: 'chara_card_v2',
    spec_version: '2.0',
    data: {
      name: 'Mira Vale',
      description: '{{char}} is a lighthouse keeper on a storm coast.',
      personality: 'wry, patient, hides her worry',
      scenario: 'A gale has stranded {{user}} at the lighthouse.',
      first_mes: '*The door bangs open.* "In, quickly," {{char}} says.',
      mes_example:
        '<START>\n{{user}}: Hello?\n{{char}}: "Mind the steps."\n<START>\n{{user}}: Is it safe?\n{{char}}: "Safer than out there."',
      creator_notes: 'A quiet storm story.',
      system_prompt: '{{original}}\nWrite in a spare, salty style.',
      post_history_instructions: 'Keep {{char}} in character.',
      alternate_greetings: ['*The lamp turns.* "You again."', '"Tea?"'],
      tags: ['drama', 'sea'],
      creator: 'tester',
      character_version: '2.1',
      extensions: { talkativeness: '0.2', fav: true, depth_prompt: { prompt: 'remember the sea', depth: 4 } },
      character_book: {
        name: 'Storm Coast',
        scan_depth: 3,
        extensions: { custom_book: { a: 1 } },
        entries: [
          {
            keys: ['lighthouse', 'lamp'],
            content: 'The lamp has not failed in forty years.',
            enabled: true,
            insertion_order: 10,
            extensions: {},
            comment: 'The Lamp',
          },
          {
            keys: ['wreck'],
            secondary_keys: ['night', 'fog'],
            selective: true,
            content: 'The Alder sank here.',
            enabled: true,
            insertion_order: 5,
            case_sensitive: true,
            extensions: { selectiveLogic: 3, match_whole_words: false, group: 'ships', weird: [1, { x: null }] },
            name: 'wreck',
          },
          { keys: [], content: 'The coast remembers.', enabled: true, insertion_order: 1, constant: true, extensions: {} },
          {
            keys: ['draft'],
            secondary_keys: ['unused'],
            selective: false,
            content: 'A draft.',
            enabled: false,
            insertion_order: 0,
            extensions: {},
          },
        ],
      },
      ...patch,
    },
  };
}

let built = false;
/** Builds the CLI bundle once when it is missing (npm test builds it before vitest runs). */
export function ensureBuilt(): void {
  if (built || existsSync(join(ROOT, 'dist', 'main.js'))) {
    built = true;
    return;
  }
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed: ${result.stderr}`);
  built = true;
}

/** Runs `node bin/skald.js worlds import ...` with its own SKALD_HOME. */
export function skald(home: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'skald.js'), 'worlds', 'import', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
    timeout: 120_000,
  });
}

/** The ImportError `fn` throws (anything else fails the test). */
export function failure(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}
