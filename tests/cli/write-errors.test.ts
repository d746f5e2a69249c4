import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = new URL('../../bin/skald.js', import.meta.url).pathname;

function skald(home: string, ...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
    input: '',
    timeout: 120_000,
  });
}

/** A temp folder with a plain file in it, so that `<file>/x` is a path that cannot be written. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'skald-write-errors-'));
  const blocker = join(dir, 'a-file');
  writeFileSync(blocker, 'not a folder');
  return { home: join(dir, 'home'), dir, blocker };
}

describe('an output path that cannot be written', () => {
  it('eval --report says so in one sentence and where the results are, after the run', () => {
    const { home, dir, blocker } = setup();
    const results = join(dir, 'eval.json');
    const run = skald(
      home,
      'eval',
      'glass-orchard',
      '--offline',
      '--turns',
      '1',
      '--players',
      'slow',
      '--json',
      results,
      '--report',
      join(blocker, 'r.html'),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `skald: Cannot write the report to ${join(blocker, 'r.html')} (part of the path is a file, not a folder); the results are saved in ${results}.`,
    );
    expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /i);
    expect(existsSync(results)).toBe(true);
  });

  it('worlds import --out says which file could not be written', () => {
    const { home, dir, blocker } = setup();
    const card = join(dir, 'mira.json');
    writeFileSync(
      card,
      JSON.stringify({ spec: 'chara_card_v2', spec_version: '2.0', data: { name: 'Mira', description: 'A guide.', first_mes: 'Hello.' } }),
    );
    const run = skald(home, 'worlds', 'import', card, '--out', join(blocker, 'pack'));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `skald: Cannot write ${join(blocker, 'pack', 'world.yaml')} (part of the path is a file, not a folder); choose another --out folder.\n`,
    );
  });

  it('SKALD_HOME pointing at a file is one sentence that names the fix, never "unexpected error"', () => {
    const { blocker } = setup();
    for (const args of [
      ['config', 'list'],
      ['play', 'glass-orchard', '--headless', '--offline'],
      ['worlds', 'install', new URL('../../worlds/glass-orchard', import.meta.url).pathname],
    ]) {
      const run = skald(blocker, ...args);
      expect(run.status, args.join(' ')).toBe(1);
      expect(run.stderr, args.join(' ')).toMatch(
        /^skald: Cannot use .*\(.*(is a file|not a folder)\).* set SKALD_HOME to a folder you can write\.\n$/,
      );
    }
  });
});

/** Runs skald with its stdout a pipe whose reader has already gone, as `| head` leaves it. */
function skaldIntoClosedPipe(home: string, ...args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Closed before the child writes a byte: its first write meets EPIPE, however fast it runs.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a reader that goes away (`| head`)', () => {
  it('ends sessions show, its --json and worlds list quietly, with no stack trace', async () => {
    const { home } = setup();
    const played = spawnSync(process.execPath, [bin, 'play', 'glass-orchard', '--headless', '--offline'], {
      env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
      encoding: 'utf8',
      input: 'Hello.\nI look around.\n',
      timeout: 120_000,
    });
    expect(played.status).toBe(0);
    for (const args of [
      ['sessions', 'show', 'last'],
      ['sessions', 'show', 'last', '--json'],
      ['worlds', 'list'],
    ]) {
      const run = await skaldIntoClosedPipe(home, ...args);
      expect(run.stderr, args.join(' ')).toBe('');
      expect(run.code, args.join(' ')).toBe(0);
    }
  });
});
