// Bundles the CLI into dist/ with code splitting, so the TUI (React, Ink) lands in its own
// chunk that `skald worlds list` never loads, and `skald --version` is answered by dist/launch.js
// (src/cli/launch.ts) before the CLI itself (dist/main.js) is read.
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { asciiSource } from './ascii-source.mjs';
import { eldCompactNgrams } from './eld-ngrams.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * Yoga's WebAssembly is inlined as a base64 data URL, which its loader fetches when `fetch` exists:
 * that loads Node's undici (~85 ms of the TUI's first frame under load) only to decode the string
 * it would otherwise decode itself. The loader's own no-fetch path is taken instead.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const from = 'function ya(){return w||"function"!=typeof fetch?';
      if (!source.includes(from)) throw new Error(`yoga-without-fetch: ${args.path} changed; update the pattern in scripts/build.mjs`);
      return { contents: source.replace(from, 'function ya(){return true?'), loader: 'js' };
    });
  },
};

/**
 * Ink measures every text node and line with `string-width` (as do widest-line and cli-truncate,
 * which it uses), whose grapheme walk runs Unicode-property regexes on every character that is not
 * ASCII: the first such call compiled them (~30 ms of the TUI's first frame), and an opening with
 * curly quotes paid per grapheme after that. Their imports of it are pointed at
 * src/ui/text/width.ts, which gives string-width's answers (tests/ui/width.test.ts) and counts
 * plain prose by its length. wrap-ansi keeps its own string-width 7.
 */
const WIDTH_USERS = ['ink', 'widest-line', 'cli-truncate'];
const widthRedirected = new Set();
const columnWidth = {
  name: 'column-width',
  setup(b) {
    const users = new RegExp(`[\\\\/]node_modules[\\\\/](${WIDTH_USERS.join('|')})[\\\\/]`);
    b.onResolve({ filter: /^string-width$/ }, (args) => {
      const user = users.exec(args.importer)?.[1];
      if (!user) return undefined;
      widthRedirected.add(user);
      return { path: fileURLToPath(new URL('../src/ui/text/width.ts', import.meta.url)) };
    });
  },
};

/**
 * string-width (8, and wrap-ansi's 7) makes its Unicode-property regexes and an `Intl.Segmenter` when
 * it is loaded: the RGI-emoji regex (a /v property of strings) and the segmenter's ICU data were
 * ~20 ms of the TUI's first frame, though plain prose never reaches them (src/ui/text/width.ts).
 * Each module's body is made to run on its first call instead: the same code, evaluated later.
 * The build fails if a module's shape changes (imports, then one exported function, last).
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/](?:wrap-ansi[\\/]node_modules[\\/])?string-width[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const importLine = /^import [^;]+ from '[^']+';$/;
      const lines = source.split('\n');
      const imports = lines.filter((line) => importLine.test(line));
      const body = lines.filter((line) => !importLine.test(line)).join('\n');
      const head = 'export default function stringWidth(';
      const at = body.indexOf(head);
      const end = body.trimEnd();
      if (at < 0 || /^\s*export /m.test(body.slice(0, at)) || /^\s*export /m.test(body.slice(at + head.length)) || !end.endsWith('\n}'))
        throw new Error(`lazy-string-width: ${args.path} changed shape; update scripts/build.mjs`);
      // The exported function is the body's last statement, so it can be the loader's return value.
      const contents = [
        ...imports,
        'let loaded;',
        'function load() {',
        `${body.slice(0, at)}return function stringWidth(${end.slice(at + head.length)};`,
        '}',
        'export default function stringWidth(input, options) {',
        '  return (loaded ??= load())(input, options);',
        '}',
      ].join('\n');
      return { contents, loader: 'js' };
    });
  },
};

// Chunk names carry content hashes: old ones would pile up and could be loaded by a stale main.js.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { launch: 'src/cli/launch.ts', main: 'src/cli/main.ts', 'show-imported': 'src/cli/sessions-show-imported.ts' },
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
  // The TUI runs React's production build (src/cli/play-run.ts sets NODE_ENV); fixing it here
  // also drops the development builds of React and its reconciler from the chunk every start parses.
  define: { __SKALD_VERSION__: JSON.stringify(pkg.version), 'process.env.NODE_ENV': '"production"' },
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [yogaWithoutFetch, eldCompactNgrams, columnWidth, lazyStringWidth],
});

/**
 * `skald sessions show` answered by the launcher (src/cli/sessions-show-launch.ts) is one file of its
 * own, dist/show.js, not a chunk of the build above: there it came in 19 modules (61 kB), and each
 * module node resolves, reads, compiles and links cost more than the bytes (a 1-turn show took
 * ~15 ms less CPU from one file, BENCHMARKS.md). Its code is a copy of what the CLI's chunks hold.
 * The importer's reading of an imported story's greeting (the planner, pacing and memory with it)
 * stays out of it: that import is pointed at dist/show-imported.js, an entry of the build above.
 */
const importedFromShow = {
  name: 'imported-from-show',
  setup(b) {
    b.onResolve({ filter: /^\.\/sessions-show-imported\.js$/ }, (args) =>
      args.importer.endsWith('sessions-show-launch.ts') ? { path: './show-imported.js', external: true } : undefined,
    );
  },
};
await build({
  entryPoints: { show: 'src/cli/sessions-show-launch.ts' },
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: "import { createRequire as __skaldRequire } from 'node:module'; const require = __skaldRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __SKALD_VERSION__: JSON.stringify(pkg.version), 'process.env.NODE_ENV': '"production"' },
  plugins: [importedFromShow],
});

const unredirected = WIDTH_USERS.filter((user) => !widthRedirected.has(user));
if (unredirected.length > 0)
  throw new Error(`column-width: ${unredirected.join(', ')} no longer import string-width; update scripts/build.mjs`);

// The bundle as ASCII, so V8 keeps each chunk's source at one byte a character (scripts/ascii-source.mjs).
for (const entry of readdirSync(new URL('../dist', import.meta.url), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
  const file = `${entry.parentPath ?? entry.path}/${entry.name}`;
  const code = readFileSync(file, 'utf8');
  if (/[^\x00-\x7f]/.test(code)) writeFileSync(file, asciiSource(code));
}
