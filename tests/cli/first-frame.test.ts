// What the built TUI loads before its first frame, read from a real run in a pseudo-terminal (made
// by `script`, as `npm run bench -- startup` times it): every module the ESM loader reads and
// every CommonJS file required, up to the moment the header's "turn N" is written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sealJson } from '../../src/store/checksum.js';
import { RECORD_TYPES } from '../../src/store/schema.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript) console.warn('skipping the first-frame load test: `script` (util-linux) is not installed, so no pseudo-terminal');

// Runs in the loader's own thread: notes every file the ESM loader reads.
const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.FRAME_TEST_OUT + '.esm', url + '\\n');
  return next(url, context);
}
`;

// Preloaded into the CLI: registers the hooks, and at the first frame writes the CommonJS files
// required so far and exits.
const PRELOAD = `
import { register, createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
register(new URL('./hooks.mjs', import.meta.url));
const write = process.stdout.write.bind(process.stdout);
let seen = '';
let done = false;
process.stdout.write = (chunk, ...rest) => {
  const result = write(chunk, ...rest);
  seen += String(chunk);
  if (!done && /turn \\d+/.test(seen)) {
    done = true;
    writeFileSync(process.env.FRAME_TEST_OUT + '.cjs', Object.keys(createRequire(import.meta.url).cache).join('\\n'));
    process.exit(0);
  }
  return result;
};
`;

/** The files loaded until the first frame of `skald <args>` (a new story by default), in `home`. */
function loadedUntilFirstFrame(
  dir: string,
  home: string,
  run: string,
  args = 'play glass-orchard --offline',
): { esm: string[]; cjs: string[] } {
  const out = join(dir, run);
  const command = `stty cols 100 rows 30; exec '${process.execPath}' --import '${pathToFileURL(join(dir, 'preload.mjs')).href}' bin/skald.js ${args}`;
  // Ink draws no frames when CI is set.
  const { CI: _ci, ...env } = process.env;
  const result = spawnSync('script', ['-qfec', command, '/dev/null'], {
    cwd: root,
    env: { ...env, SKALD_HOME: home, FRAME_TEST_OUT: out, TERM: 'xterm-256color', NO_COLOR: '1' },
    encoding: 'utf8',
    input: '',
    timeout: 120_000,
  });
  if (!existsSync(`${out}.cjs`)) throw new Error(`no first frame: ${result.stdout.slice(-400)} ${result.stderr.slice(-400)}`);
  return {
    esm: readFileSync(`${out}.esm`, 'utf8')
      .trim()
      .split('\n')
      .map((url) => fileURLToPath(url)),
    cjs: readFileSync(`${out}.cjs`, 'utf8').trim().split('\n').filter(Boolean),
  };
}

/** The packages a loaded file holds or is: bundled ones by esbuild's `// node_modules/<name>/` markers. */
function packagesIn(files: string[]): Set<string> {
  const packages = new Set<string>();
  for (const file of files) {
    const installed = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file);
    if (installed) packages.add(installed[1].replace('\\', '/'));
    else if (file.startsWith(join(root, 'dist')))
      for (const m of readFileSync(file, 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) packages.add(m[1]);
  }
  return packages;
}

function hooked(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skald-test-frame-'));
  writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
  writeFileSync(join(dir, 'preload.mjs'), PRELOAD);
  return dir;
}

/** Headless play of the built CLI in `home`, one command or line of input a line; the JSON lines it printed. */
function headless(home: string, args: string[], lines: string[]): Array<Record<string, unknown>> {
  const result = spawnSync(process.execPath, ['bin/skald.js', ...args, '--headless', '--offline'], {
    cwd: root,
    env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe.skipIf(!hasScript)('the TUI first frame of a new story', () => {
  it('loads Ink and React but neither zod nor re2js (the pack cache warm, as on every start after the first)', () => {
    const dir = hooked();
    const home = mkdtempSync(join(tmpdir(), 'skald-test-frame-home-'));
    // The first start in a data folder reads and validates every pack (zod's schema) and fills the pack cache.
    loadedUntilFirstFrame(dir, home, 'cold');
    const { esm, cjs } = loadedUntilFirstFrame(dir, home, 'warm');
    const packages = packagesIn([...esm, ...cjs]);
    // The run is real: the frame was drawn by Ink, from the bundle.
    expect(esm.some((file) => file.startsWith(join(root, 'dist')))).toBe(true);
    for (const needed of ['ink', 'react', 'yoga-layout']) expect(packages.has(needed), needed).toBe(true);
    // zod (~0.75 MB) is for a doubtful log line, an unread pack, a model's answer in eval; re2js
    // (~0.28 MB) for the lore's `/regex/` keys, compiled after the first frame (Session.warmUp).
    for (const deferred of ['zod', 're2js']) expect(packages.has(deferred), deferred).toBe(false);
  });
});

describe.skipIf(!hasScript)('the TUI first frame of a resumed story', () => {
  it('loads no zod for a well-shaped log of every record type, and loads it for a log with a wrong-shaped line', () => {
    const dir = hooked();
    const home = mkdtempSync(join(tmpdir(), 'skald-test-frame-home-'));
    // A story that writes every record type a player's commands leave (the first run also fills the pack cache).
    const [session] = headless(
      home,
      ['play', 'glass-orchard'],
      [
        '/opening 2',
        '/note Keep the rain in every scene.',
        '/system You narrate a quiet story.',
        '/set temperature 0.9',
        'I take the lamp.',
        '/regen',
        '/pick 1',
        '/remember The orchard rings at night.',
        'Where now?',
        '/edit Where does the path go?',
        '/continue',
        '/edit --reply The path goes up the hill.',
        '/undo',
        'I look back.',
        '/forget 1',
        '/note off',
        '/system reset',
        '/set temperature default',
      ],
    );
    const id = String(session.id);
    const file = join(home, 'sessions', `${id}.jsonl`);
    const records = () =>
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(`{${line.slice(18)}`) as Record<string, unknown>);
    const undone = String(records().find((r) => r.type === 'rewind')!.from);
    headless(home, ['play', '--resume', id], [`/branch ${undone}`]);
    const lines = records();
    expect(new Set(lines.map((r) => r.type))).toEqual(RECORD_TYPES);

    const sound = loadedUntilFirstFrame(dir, home, 'sound', `play --resume ${id} --offline`);
    const soundPackages = packagesIn([...sound.esm, ...sound.cjs]);
    expect(sound.esm.some((file) => file.startsWith(join(root, 'dist')))).toBe(true);
    expect(soundPackages.has('ink'), 'ink').toBe(true);
    // Every record vouched for by the quick shape check (src/store/fast-shape.ts): no schema, no zod.
    expect(soundPackages.has('zod'), 'zod').toBe(false);

    // One record of the wrong shape, re-sealed so that only the schema can refuse it: zod is loaded to judge it.
    const text = readFileSync(file, 'utf8').trim().split('\n');
    const at = lines.findIndex((r) => r.type === 'note' && r.note !== null);
    const note = lines[at];
    text[at] = sealJson(JSON.stringify({ ...note, note: { ...(note.note as object), depth: -1 } }));
    writeFileSync(file, `${text.join('\n')}\n`);
    const doubtful = loadedUntilFirstFrame(dir, home, 'doubtful', `play --resume ${id} --offline`);
    expect(packagesIn([...doubtful.esm, ...doubtful.cjs]).has('zod'), 'zod').toBe(true);
  });
});
