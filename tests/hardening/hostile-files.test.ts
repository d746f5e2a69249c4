/**
 * Issue 17, defects 6, 7 and 9: install copies regular files only; file names, ids, titles and
 * server error texts reach no terminal or JSON output raw; hostile imports are refused in one line
 * before their memory is spent.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCharx } from '../../src/world/import/charx.js';
import { ImportError } from '../../src/world/import/errors.js';
import { readPngText } from '../../src/world/import/png.js';
import { parseYaml } from '../../src/world/read.js';
import { neutralize, oneLine } from '../../src/text/sanitize.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { rawEscapes } from './escapes.js';
import { runCli } from './helpers.js';
import { cpuStopwatch } from '../support/cpu-time.js';

const ORCHARD = new URL('../../worlds/glass-orchard', import.meta.url).pathname;
const HOSTILE_NAME = '\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[2J\u202eevil\u009b31m';
/** Bidi controls and C1 controls, which `rawEscapes` alone does not look for. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

function packCopy(): { dir: string; home: string } {
  const root = mkdtempSync(join(tmpdir(), 'skald-hostile-'));
  const dir = join(root, 'pack');
  cpSync(ORCHARD, dir, { recursive: true });
  return { dir, home: join(root, 'home') };
}

describe('install copies regular files only', () => {
  for (const [what, make] of [
    ['a symlink to /etc/passwd', (lore: string) => symlinkSync('/etc/passwd', join(lore, 'notes.txt'))],
    ['a symlink to an outside folder', (lore: string) => symlinkSync('/etc', join(lore, 'etc'))],
    ['a FIFO', (lore: string) => execFileSync('mkfifo', [join(lore, 'pipe')])],
  ] as const) {
    it(`refuses ${what} in lore/ in one line, installing nothing`, async () => {
      const { dir, home } = packCopy();
      mkdirSync(join(dir, 'lore'), { recursive: true });
      make(join(dir, 'lore'));
      const result = await runCli(['worlds', 'install', dir], { env: { SKALD_HOME: home }, timeoutMs: 30_000 });
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^skald: Cannot install: lore\/\S+ is (a symbolic link|a FIFO \(named pipe\))/);
      expect(existsSync(join(home, 'worlds', 'glass-orchard'))).toBe(false);
    });
  }
});

describe('one sanitiser for every output', () => {
  it('neutralize removes bidi overrides and isolates, C1 and CR; oneLine keeps a name on one line', () => {
    expect(neutralize('a\u202eb\u2066c\u2069d\u009b1me')).toBe('abcde');
    expect(oneLine('Title\rwith\nbreaks\u2028')).toBe('Title with breaks ');
    // With a column width: white space folded, ends trimmed, cut with an ellipsis.
    expect(oneLine(' a  long\n\t line of text ', 9)).toBe('a long l…');
    expect(oneLine('short\n', 9)).toBe('short');
  });

  it('a pack file named with OSC 52, a screen clear and a bidi override is printed clean by validate, show, install and headless play', async () => {
    const { dir, home } = packCopy();
    mkdirSync(join(dir, 'lore'), { recursive: true });
    writeFileSync(join(dir, 'lore', `${HOSTILE_NAME}.yaml`), 'not: [valid\n');
    const env = { SKALD_HOME: home };
    const runs = [
      await runCli(['worlds', 'validate', dir], { env }),
      await runCli(['worlds', 'validate', dir, '--json'], { env }),
      await runCli(['worlds', 'show', dir], { env }),
      await runCli(['worlds', 'install', dir], { env }),
      await runCli(['play', dir, '--headless', '--offline'], { env, input: 'hello\n' }),
    ];
    for (const run of runs) {
      expect(run.status).toBe(1);
      const text = run.stdout + run.stderr;
      expect(text).toMatch(/evil/);
      expect(rawEscapes(text)).toBe(false);
      expect(BIDI.test(text)).toBe(false);
    }
  });

  it('eval --resume does not echo a hostile world id raw', async () => {
    const root = mkdtempSync(join(tmpdir(), 'skald-eval-hostile-'));
    const file = join(root, 'run.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        startedAt: 0,
        config: {
          worlds: [HOSTILE_NAME],
          players: ['slow'],
          turns: 1,
          seed: 1,
          concurrency: 1,
          candidates: 1,
          budget: 8192,
          planner: true,
          offline: true,
        },
        episodes: [{ world: HOSTILE_NAME, player: 'slow', status: 'pending', turns: [] }],
        summary: {},
      }),
    );
    const run = await runCli(['eval', '--resume', file], { env: { SKALD_HOME: join(root, 'home') } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/evil/);
    expect(rawEscapes(run.stdout + run.stderr)).toBe(false);
    expect(BIDI.test(run.stdout + run.stderr)).toBe(false);
  });

  describe('server error texts', () => {
    let server: OpenAIServer;
    beforeAll(async () => {
      server = await startOpenAIServer({ models: ['m'] });
    });
    afterAll(async () => {
      await server.close();
    });

    it('C1 and bidi controls in a server error reach the JSON lines neither raw nor escaped', async () => {
      server.enqueue(...Array.from({ length: 8 }, () => ({ status: 400, errorMessage: 'bad \u009b2J\u009d0;t\u009c request \u202eevil' })));
      const home = mkdtempSync(join(tmpdir(), 'skald-c1-'));
      const run = await runCli(['play', 'glass-orchard', '--headless', '--base-url', server.url, '--model', 'm', '--candidates', '1'], {
        env: { SKALD_HOME: home },
        input: 'hello\n',
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/"type":"error"/);
      expect(run.stdout).toMatch(/evil/);
      expect(/[\u0080-\u009f]/.test(run.stdout) || BIDI.test(run.stdout)).toBe(false);
      expect(/\\u009[bcd]|\\u202e/.test(run.stdout)).toBe(false);
    });
  });
});

describe('import budgets', () => {
  const png = (chunks: Array<[string, Uint8Array]>): Uint8Array => {
    const crcTable = Array.from({ length: 256 }, (_, n) => {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      return c >>> 0;
    });
    const crc = (b: Buffer) => {
      let c = 0xffffffff;
      for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
      return (c ^ 0xffffffff) >>> 0;
    };
    const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])];
    for (const [type, data] of [...chunks, ['IEND', new Uint8Array()] as [string, Uint8Array]]) {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(data.length, 0);
      head.write(type, 4, 'latin1');
      const tail = Buffer.alloc(4);
      tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])), 0);
      parts.push(head, Buffer.from(data), tail);
    }
    return Buffer.concat(parts);
  };

  it('many compressed PNG chunks share one budget: refused before 50 MB are inflated in all', () => {
    // Each chunk inflates to 12 MB, under the old per-chunk cap; six of them are 72 MB.
    const body = deflateSync(Buffer.alloc(12 * 1024 * 1024, 0x61));
    const chunks = Array.from(
      { length: 6 },
      (_, i) => ['zTXt', Buffer.concat([Buffer.from(`junk${i}\u0000\u0000`, 'latin1'), body])] as [string, Uint8Array],
    );
    const cpu = cpuStopwatch();
    expect(() => readPngText(png(chunks), 'card.png')).toThrow(/expand beyond 50 MB together/);
    expect(cpu()).toBeLessThan(10_000);
  });

  it('a CHARX whose card.json nests brackets thousands deep is refused in one line before parsing', () => {
    const deep = `{"spec":"chara_card_v3","data":${'['.repeat(40_000)}${']'.repeat(40_000)}}`;
    const zip = zipSync({ 'card.json': strToU8(deep) });
    let error: unknown;
    try {
      readCharx(zip, 'deep.charx');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/nests brackets more than 256 levels deep/);
  });

  it('a 1 MB YAML of one-letter list items is refused before the parser runs', () => {
    const cpu = cpuStopwatch();
    const result = parseYaml('- a\n'.repeat(250_000), 'world.yaml');
    expect(result.file).toBeUndefined();
    expect(result.problems[0]?.message).toMatch(/lines and list items; pack files are limited/);
    expect(cpu()).toBeLessThan(2000);
  });

  it('98 aliases of a long string are refused, however few the aliases', () => {
    const yaml = `big: &big "${'x'.repeat(150_000)}"\nmany:\n${Array.from({ length: 98 }, () => '  - *big').join('\n')}\n`;
    const result = parseYaml(yaml, 'world.yaml');
    expect(result.file).toBeUndefined();
    expect(result.problems[0]?.message).toMatch(/expands to more than 10 MB of text/);
  });

  it('the bundled packs still read', () => {
    const yaml = readFileSync(join(ORCHARD, 'world.yaml'), 'utf8');
    expect(parseYaml(yaml, 'world.yaml').problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
