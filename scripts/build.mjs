// Bundles the CLI into dist/ with code splitting, so the TUI (React, Ink) lands in its own
// chunk that `skald --version` and `skald worlds list` never load. Dependencies stay external.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Chunk names carry content hashes: old ones would pile up and could be loaded by a stale main.js.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies are bundled too: resolving and linking hundreds of small ESM/CJS files cost
  // more than evaluating them (Ink and React alone took ~0.4 s to import from node_modules).
  banner: { js: "import { createRequire as __skaldRequire } from 'node:module'; const require = __skaldRequire(import.meta.url);" },
  // Ink imports the React devtools only when DEV is set; it is not installed.
  external: ['react-devtools-core'],
  jsx: 'automatic',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __SKALD_VERSION__: JSON.stringify(pkg.version) },
  chunkNames: 'chunks/[name]-[hash]',
});
