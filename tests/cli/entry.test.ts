import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandsFor } from '../../src/commands/index.js';

const bin = new URL('../../bin/skald.js', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('the skald entry point', () => {
  it('prints its version', () => {
    expect(execFileSync('node', [bin, '--version'], { encoding: 'utf8' })).toBe(`${pkg.version}\n`);
    expect(execFileSync('node', [bin, '-V'], { encoding: 'utf8' })).toBe(`${pkg.version}\n`);
    // With other arguments commander answers, as it always did.
    expect(execFileSync('node', [bin, '--verbose', '--version'], { encoding: 'utf8' })).toBe(`${pkg.version}\n`);
    const typo = spawnSync('node', [bin, '--versio'], { encoding: 'utf8' });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain("skald: Unknown option '--versio'");
  });

  it('answers --version from the launcher, before the CLI is read', () => {
    // dist/launch.js (src/cli/launch.ts) imports only node's builtins statically; the CLI comes by import().
    const launch = readFileSync(new URL('../../dist/launch.js', import.meta.url), 'utf8');
    const statics = [...launch.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gm)].map((m) => m[1] ?? m[2]);
    expect(statics.every((spec) => spec.startsWith('node:'))).toBe(true);
    expect(launch).toContain('await import("./main.js")');
    expect(launch).toContain(JSON.stringify(pkg.version));
  });

  it('exits 2 on a usage error, with a one-line message', () => {
    const run = spawnSync('node', [bin, 'worlds', 'no-such-command'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("skald: Unknown command 'no-such-command'");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a mistyped command instead of treating it as a world for the default play command', () => {
    const run = spawnSync('node', [bin, 'wrolds', 'list'], { encoding: 'utf8', input: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'skald: Unknown command "wrolds"; did you mean `skald worlds`? (To play a world with that id, use `skald play wrolds`.)\n',
    );
    // A group's subcommand said alone names the groups that have it.
    const sub = spawnSync('node', [bin, 'import', 'card.png'], { encoding: 'utf8', input: '' });
    expect(sub.status).toBe(2);
    expect(sub.stderr).toBe(
      'skald: Unknown command "import"; did you mean `skald worlds import`, `skald sessions import`, `skald personas import`, `skald templates import` or `skald presets import`? (To play a world with that id, use `skald play import`.)\n',
    );
    // A word close to no command is still a world for `play`.
    const world = spawnSync('node', [bin, 'no-such-world-zz', '--headless'], { encoding: 'utf8', input: '' });
    expect(world.stderr).toMatch(/^skald: There is no world with id "no-such-world-zz"/);
  });

  it('holds --candidates, --budget and --seed to the ranges the settings allow (exit 2)', () => {
    const cases: Array<[string, string, string]> = [
      ['--candidates', '99', '--candidates takes a whole number from 1 to 8.'],
      ['--budget', '5', '--budget takes a whole number from 1024 to 1000000.'],
      ['--seed', '99999999999999999999', '--seed takes a whole number from 0 to 9007199254740991.'],
    ];
    for (const [flag, value, message] of cases) {
      const run = spawnSync('node', [bin, 'play', 'glass-orchard', '--headless', '--offline', flag, value], {
        encoding: 'utf8',
        input: '',
      });
      expect(run.status, flag).toBe(2);
      expect(run.stderr, flag).toContain(message);
      expect(run.stdout, flag).toBe('');
    }
  });

  it('keeps React, Ink, the openai SDK, the tokenizer and the YAML parser out of the start-up path', () => {
    // Follow dist/main.js through its static imports: everything reached is parsed at start-up.
    // Dependencies are bundled (scripts/build.mjs), each under a `// node_modules/<name>/...` comment.
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: URL) => {
      if (seen.has(file.href)) return;
      seen.add(file.href);
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) packages.add(m[1]);
      for (const m of code.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gm)) {
        const spec = m[1] ?? m[2];
        if (spec.startsWith('.')) visit(new URL(spec, file));
        else packages.add(spec);
      }
    };
    visit(new URL('../../dist/main.js', import.meta.url));
    expect(packages.has('commander')).toBe(true);
    for (const heavy of ['ink', 'react', 'openai', 'react/jsx-runtime', 'gpt-tokenizer', 'eld', 'yaml', 'zod'])
      expect(packages.has(heavy), heavy).toBe(false);
  });

  it('bundles no JSON-schema validator, and Yoga decodes its WebAssembly without fetch', () => {
    // config.json is read and written as plain JSON (src/config/store.ts): `conf` brought ajv,
    // ~0.4 MB parsed on every TUI start. Yoga's loader would fetch its inlined data URL, loading
    // Node's undici on the first frame (scripts/build.mjs patches that path out).
    const dist = new URL('../../dist/chunks/', import.meta.url);
    const code = readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(new URL(f, dist), 'utf8'))
      .join('\n');
    expect(code).not.toMatch(/^\/\/ node_modules\/(ajv|conf)\//m);
    expect(code).toMatch(/^\/\/ node_modules\/yoga-layout\//m);
    expect(code).not.toContain('"function" != typeof fetch ? Promise.resolve()');
  });

  it("points Ink's width measurements at skald's column width (string-width's answers, plain prose by length)", () => {
    // scripts/build.mjs redirects Ink's, widest-line's and cli-truncate's `string-width` to
    // src/ui/text/width.ts; without it Ink's output calls string-width's own default export.
    // width.ts may sit in Ink's chunk or in one it shares with the CLI (the progressive resume
    // measures history lines before Ink loads): the names are the bundle's, across its chunks.
    const dist = new URL('../../dist/chunks/', import.meta.url);
    const chunks = readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(new URL(f, dist), 'utf8'));
    const ink = chunks.find((code) => code.includes('// node_modules/ink/build/output.js\n'));
    const home = chunks.find((code) => code.includes('// src/ui/text/width.ts\n'));
    expect(ink).toBeDefined();
    expect(home).toBeDefined();
    const section = (code: string, marker: string) => code.slice(code.indexOf(`// ${marker}\n`)).split(/\n\/\/ (?:node_modules|src)\//)[0];
    const callees = [
      /cached = (\w+)\(text\)/.exec(section(ink!, 'node_modules/ink/build/output.js'))?.[1],
      /lineWidth = Math\.max\(lineWidth, (\w+)\(line\)\)/.exec(section(ink!, 'node_modules/widest-line/index.js'))?.[1],
      /const length = (\w+)\(text\)/.exec(section(ink!, 'node_modules/cli-truncate/index.js'))?.[1],
    ];
    const width = section(home!, 'src/ui/text/width.ts');
    for (const callee of callees) {
      expect(callee).toBeDefined();
      expect(width).toMatch(new RegExp(`(?:function ${callee}\\(text, options\\)|var ${callee} = columnWidth\\d*;)`));
    }
  });

  it("makes string-width's regexes and segmenter on its first call, not when Ink loads", () => {
    // scripts/build.mjs runs each string-width module's body on the first call (~20 ms of the first frame).
    const dist = new URL('../../dist/chunks/', import.meta.url);
    const code = readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(new URL(f, dist), 'utf8'))
      .join('\n');
    for (const marker of ['node_modules/string-width/index.js', 'node_modules/wrap-ansi/node_modules/string-width/index.js']) {
      const at = code.indexOf(`// ${marker}\n`);
      expect(at, marker).toBeGreaterThanOrEqual(0);
      const module = code.slice(at).split(/\n\/\/ (?:node_modules|src)\//)[0];
      // The segmenter is made inside the loader function, and only there.
      expect(module, marker).toMatch(/\nfunction load\d*\(\) \{\n\s+const segmenter\d* = new Intl\.Segmenter\(\);/);
      expect(module.match(/new Intl\.Segmenter\(/g), marker).toHaveLength(1);
    }
  });
});

describe('help', () => {
  it('says what a new player needs: defaults that come from settings, runnable examples', () => {
    const help = (...path: string[]) => execFileSync('node', [bin, ...path, '--help'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    // play falls back to `skald config set candidates|contextBudget`; eval runs do not.
    expect(help('play')).toContain('--candidates <n> candidates per turn, 1-8 (default: the candidates setting, 3)');
    expect(help('play')).toContain('(default: the contextBudget setting, 8192)');
    expect(help('eval', 'run')).toContain('--candidates <n> candidates per turn, 1-8 (default: 3)');
    // Headless play needs a world; the example must run as printed.
    expect(help()).toContain('$ skald play glass-orchard --headless < moves.txt');
    // Every command headless play runs is listed with its argument and help line (from src/commands).
    for (const c of commandsFor('headless')) expect(help('play')).toContain(`/${c.name}${c.args ? ` ${c.args}` : ''} ${c.help}`);
    expect(help('play')).not.toContain('/debug');
  });

  it('every command says what it does and shows examples', async () => {
    const { buildProgram } = await import('../../src/cli/program.js');
    type Cmd = { name(): string; commands: readonly Cmd[] };
    const paths: string[][] = [];
    const walk = (cmd: Cmd, prefix: string[]) => {
      for (const sub of cmd.commands) {
        const path = [...prefix, sub.name()];
        paths.push(path);
        walk(sub, path);
      }
    };
    walk(buildProgram(), []);
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      const out = execFileSync('node', [bin, ...path, '--help'], { encoding: 'utf8' });
      expect(out, `skald ${path.join(' ')} --help`).toMatch(/^Usage: skald/m);
      expect(out, `skald ${path.join(' ')} --help`).toContain('Examples:');
    }
  });
});
