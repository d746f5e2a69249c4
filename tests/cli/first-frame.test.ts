// What the built TUI loads before its first frame, read from a real run in a pseudo-terminal (made
// by `script`, as `npm run bench -- startup` times it): every module the ESM loader reads and
// every CommonJS file required, up to the moment the header's "turn N" is written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

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

/** The files loaded until the first frame of `skald play glass-orchard --offline`, in `home`. */
function loadedUntilFirstFrame(dir: string, home: string, run: string): { esm: string[]; cjs: string[] } {
  const out = join(dir, run);
  const command = `stty cols 100 rows 30; exec '${process.execPath}' --import '${pathToFileURL(join(dir, 'preload.mjs')).href}' bin/skald.js play glass-orchard --offline`;
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

describe.skipIf(!hasScript)('the TUI first frame of a new story', () => {
  it('loads Ink and React but neither zod nor re2js (the pack cache warm, as on every start after the first)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-test-frame-'));
    writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
    writeFileSync(join(dir, 'preload.mjs'), PRELOAD);
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
