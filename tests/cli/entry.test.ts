import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const bin = new URL('../../bin/skald.js', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('the skald entry point', () => {
  it('prints its version', () => {
    expect(execFileSync('node', [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
  });

  it('exits 2 on a usage error, with a one-line message', () => {
    const run = spawnSync('node', [bin, 'worlds', 'no-such-command'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown command 'no-such-command'");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps React, Ink and the openai SDK out of the start-up path', () => {
    // Follow dist/main.js through its static imports: everything reached is parsed at start-up.
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: URL) => {
      if (seen.has(file.href)) return;
      seen.add(file.href);
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gm)) {
        const spec = m[1] ?? m[2];
        if (spec.startsWith('.')) visit(new URL(spec, file));
        else external.add(spec);
      }
    };
    visit(new URL('../../dist/main.js', import.meta.url));
    expect(external.has('commander')).toBe(true);
    for (const heavy of ['ink', 'react', 'openai', 'react/jsx-runtime']) expect(external.has(heavy)).toBe(false);
  });
});

describe('help', () => {
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
    walk(buildProgram() as unknown as Cmd, []);
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      const out = execFileSync('node', [bin, ...path, '--help'], { encoding: 'utf8' });
      expect(out, `skald ${path.join(' ')} --help`).toMatch(/^Usage: skald/m);
      expect(out, `skald ${path.join(' ')} --help`).toContain('Examples:');
    }
  });
});
