/**
 * Bundles bench/skald-entry.ts with the options scripts/build.mjs gives the CLI (esbuild, every
 * dependency bundled, code split, Node 20, the production define, the compact language n-grams,
 * the ASCII pass), into bench/bundle/ (inside the checkout, so what it resolves at run time, the
 * tokenizer's ranks and re2js, comes from node_modules as it does for dist/), and imports it. The client suite measures this
 * rather than the source run through tsx, whose transform adds work the bundle does not have
 * (every function made at run time is wrapped in `__name`). The TUI's build plugins (yoga, string
 * width) are left out: headless play loads none of the TUI.
 */
import { build, type Plugin } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error: a build script in plain JavaScript, checked by its own JSDoc
import { asciiSource as asciiSourceJs } from '../scripts/ascii-source.mjs';
// @ts-expect-error: a build script in plain JavaScript, checked by its own JSDoc
import { eldCompactNgrams as eldCompactNgramsJs } from '../scripts/eld-ngrams.mjs';
import { ROOT } from './lib.js';

const asciiSource = asciiSourceJs as (code: string) => string;
const eldCompactNgrams = eldCompactNgramsJs as Plugin;

export type SkaldEntry = typeof import('./skald-entry.js');

/** The bundled entry, freshly built from the tree's source. */
export async function bundledSkald(): Promise<SkaldEntry> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const outdir = join(ROOT, 'bench', 'bundle', String(process.pid));
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { 'skald-entry': join(ROOT, 'bench', 'skald-entry.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: "import { createRequire as __skaldRequire } from 'node:module'; const require = __skaldRequire(import.meta.url);" },
    external: ['react-devtools-core'],
    jsx: 'automatic',
    logLevel: 'warning',
    define: { __SKALD_VERSION__: JSON.stringify(pkg.version), 'process.env.NODE_ENV': '"production"' },
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [eldCompactNgrams],
    absWorkingDir: ROOT,
  });
  for (const entry of readdirSync(outdir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = join(entry.parentPath, entry.name);
    const code = readFileSync(file, 'utf8');
    if (/[^\x00-\x7f]/.test(code)) writeFileSync(file, asciiSource(code));
  }
  const entry = (await import(pathToFileURL(join(outdir, 'skald-entry.js')).href)) as SkaldEntry;
  // Chunks load on first use, so the files stay until the process exits.
  process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
  return entry;
}
