/**
 * Issue 17, defect 5: a pack's pattern cannot stall a turn, `worlds validate` names a pattern that
 * cannot run in bounded time at file:line:col, and TERM ends headless play promptly with the
 * session file whole.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activateLore, compileLore } from '../../src/engine/lore/index.js';
import { TokenCounter } from '../../src/engine/tokens.js';
import { compilePattern } from '../../src/text/pattern.js';
import { loadPack } from '../../src/world/load.js';
import { formatProblem } from '../../src/world/problems.js';
import { entry, story } from '../engine/lore/helpers.js';
import { runCli } from './helpers.js';
import { cpuStopwatch } from '../support/cpu-time.js';

describe('hostile patterns', () => {
  it("a key /(a+)+$/ against a line of 36 a's activates in milliseconds (backtracking took minutes)", () => {
    const compiled = compileLore([entry('trap', { keys: ['/(a+)+$/'] }), entry('plain', { keys: ['mill'] })]);
    const cpu = cpuStopwatch();
    const result = activateLore(compiled, {
      messages: story([`${'a'.repeat(36)}!`, `the mill ${'a'.repeat(5000)}b`]),
      turn: 2,
      budget: 1000,
      counter: new TokenCounter(),
    });
    expect(cpu()).toBeLessThan(2000);
    expect(result.active.map((e) => e.id)).toContain('plain');
    // Still a working regex: it matches where JS would.
    expect(compilePattern('(a+)+$').ok && compilePattern('(a+)+$').ok).toBe(true);
    const p = compilePattern('(a+)+$');
    expect(p.ok && p.pattern.find('xaaa')).toEqual({ start: 1, end: 4 });
  });

  it('worlds validate names a key too large to run quickly at file:line:col and refuses the pack; lookahead and backreference keys pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-pattern-'));
    const yaml = readFileSync(new URL('../../worlds/glass-orchard/world.yaml', import.meta.url), 'utf8');
    const hostile = yaml.replace(
      /^lore:\n/m,
      'lore:\n  - id: trap\n    keys: ["/(a)\\\\1+$/", "/(?=a)b/", "/a{1000}a{1000}/"]\n    text: A trap.\n',
    );
    expect(hostile).not.toBe(yaml);
    writeFileSync(join(dir, 'world.yaml'), hostile);
    const result = await loadPack(dir, 'path');
    expect(result.ok).toBe(false);
    const lines = (result.ok ? [] : result.problems).map(formatProblem).filter((l) => /bounded time/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^world\.yaml:\d+:\d+ lore\[\d+\]\.keys\[2\]: this pattern cannot run in bounded time.*too large/);
  });

  it('a catastrophic lookahead key gives up within its step budget: activation stays fast and the key does not fire', () => {
    const compiled = compileLore([entry('trap', { keys: ['/(a+)+(?=z)/'] }), entry('plain', { keys: ['mill'] })]);
    const cpu = cpuStopwatch();
    const result = activateLore(compiled, {
      messages: story([`${'a'.repeat(40)}!`, `the mill ${'a'.repeat(40)}c`]),
      turn: 2,
      budget: 1000,
      counter: new TokenCounter(),
    });
    expect(cpu()).toBeLessThan(2000);
    expect(result.active.map((e) => e.id)).toEqual(['plain']);
  });

  it('TERM during headless play ends it at once (exit 143), with every committed line of the session file whole', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-term-'));
    const bin = new URL('../../bin/skald.js', import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, 'play', 'glass-orchard', '--headless', '--offline', '--seed', '4'], {
      env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const turnDone = new Promise<void>((resolve) =>
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('"type":"turn"')) resolve();
      }),
    );
    child.stdin.write('I look around the orchard.\n');
    await turnDone;
    // stdin stays open: without the handler the process would wait for more lines.
    child.stdin.write('I walk to the glass trees.\n');
    const sentAt = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? -1 : null))));
    expect(code).toBe(143);
    expect(Date.now() - sentAt).toBeLessThan(5000);
    expect(stderr).toBe('');
    const file = readdirSync(join(home, 'sessions')).find((f) => f.endsWith('.jsonl'))!;
    const text = readFileSync(join(home, 'sessions', file), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const records = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string });
    expect(records.filter((r) => r.type === 'turn').length).toBeGreaterThanOrEqual(1);
  });

  it('an imported card keeps a backreference key and drops one too large to run, with a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-pattern-import-'));
    const card = join(dir, 'bell.json');
    writeFileSync(
      card,
      JSON.stringify({
        spec: 'chara_card_v2',
        spec_version: '2.0',
        data: {
          name: 'Bell',
          description: 'A bell ringer.',
          first_mes: 'The bell rings.',
          character_book: {
            entries: [{ keys: ['/(\\w)\\1/', '/a{1000}a{1000}/', 'bell'], content: 'The bell.', enabled: true, insertion_order: 0 }],
          },
        },
      }),
    );
    const out = await runCli(['worlds', 'import', card, '--out', join(dir, 'pack')], { env: { SKALD_HOME: dir } });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/dropped "\/a\{1000\}a\{1000\}\/", a pattern that cannot run in bounded time \(the pattern is too large/);
    expect(out.stdout).not.toMatch(/dropped "\/\(\\\\w\)/);
  });
});
