// `skald eval` through the built binary, with SKALD_HOME pointing at a temp folder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRITIC_IDS } from '../../src/engine/types.js';
import { withoutTimings } from './helpers.js';

const root = new URL('../../', import.meta.url);
const bin = new URL('bin/skald.js', root).pathname;

function skald(args: string[], home: string, cwd: string) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd,
    env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('skald eval (built binary)', () => {
  const home = mkdtempSync(join(tmpdir(), 'skald-eval-home-'));
  const dir = mkdtempSync(join(tmpdir(), 'skald-eval-cli-'));

  it('runs offline, prints the table, writes the JSON and the HTML report', () => {
    const run = skald(
      [
        'eval',
        'glass-orchard',
        '--offline',
        '--turns',
        '5',
        '--players',
        'slow,terse',
        '--seed',
        '2',
        '--json',
        'out.json',
        '--report',
        'out.html',
      ],
      home,
      dir,
    );
    expect(run.stderr).toContain('episode glass-orchard/slow: done, 5 turns');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^critic \(flag rate\)\s+all\s+hints\s+1-5\s+trend$/m);
    expect(run.stdout).toMatch(/^repetition\s+[\d.]+%\s+[\d.]+%\s+[\d.]+%\s+[▁▂▃▄▅▆▇█]$/m);
    const result = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(result.episodes.map((e: { player: string; turns: unknown[] }) => [e.player, e.turns.length])).toEqual([
      ['slow', 5],
      ['terse', 5],
    ]);
    expect(Object.keys(result.summary.rates).sort()).toEqual([...CRITIC_IDS].sort());
    expect(result.summary.windows[0]).toMatchObject({ from: 1, to: 10 });
    const html = readFileSync(join(dir, 'out.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script/i);
    // Eval sessions stay out of the player's session list.
    expect(existsSync(join(home, 'sessions')) ? readdirSync(join(home, 'sessions')) : []).toEqual([]);
  });

  it('is repeatable by seed, and resumes a run stopped with Ctrl-C to the same result', async () => {
    const again = skald(
      ['eval', 'glass-orchard', '--offline', '--turns', '5', '--players', 'slow,terse', '--seed', '2', '--json', 'again.json'],
      home,
      dir,
    );
    expect(again.status).toBe(0);
    const first = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(withoutTimings(JSON.parse(readFileSync(join(dir, 'again.json'), 'utf8')))).toEqual(withoutTimings(first));

    // Interrupt a longer run with Ctrl-C once progress is on disk, resume it, and compare it with
    // the same run played straight through.
    const args = ['eval', 'glass-orchard', '--offline', '--turns', '30', '--players', 'slow,fast', '--seed', '5'];
    const straight = skald([...args, '--json', 'straight.json'], home, dir);
    expect(straight.status).toBe(0);
    const child = spawn(process.execPath, [bin, ...args, '--json', 'cut.json'], {
      cwd: dir,
      env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const cut = join(dir, 'cut.json');
    // Wait for progress on disk however long start-up takes on a loaded machine (the test's own
    // timeout bounds it), rather than for a fixed number of polls.
    let closed = false;
    void exited.then(() => (closed = true));
    while (!existsSync(cut) && !closed) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGINT');
    const code = await exited;
    const saved = JSON.parse(readFileSync(cut, 'utf8'));
    const played = saved.episodes.reduce((n: number, e: { turns: unknown[] }) => n + e.turns.length, 0);
    if (code === 0) {
      console.warn('note: the run finished before Ctrl-C arrived; only the resume of a finished file is checked');
    } else {
      expect(code).toBe(130);
      expect(stderr).toMatch(/Interrupted; progress is saved in cut\.json\. Continue with `skald eval --resume cut\.json`/);
      expect(played).toBeLessThan(60);
    }
    const resumed = skald(['eval', '--resume', 'cut.json'], home, dir);
    expect(resumed.status).toBe(0);
    expect(withoutTimings(JSON.parse(readFileSync(cut, 'utf8')))).toEqual(
      withoutTimings(JSON.parse(readFileSync(join(dir, 'straight.json'), 'utf8'))),
    );
  });

  it('compares two runs, and refuses bad input with a sentence', () => {
    const ablation = skald(
      [
        'eval',
        'glass-orchard',
        '--offline',
        '--turns',
        '5',
        '--players',
        'slow,terse',
        '--seed',
        '2',
        '--no-planner',
        '--json',
        'ablation.json',
      ],
      home,
      dir,
    );
    expect(ablation.status).toBe(0);
    const compare = skald(['eval', 'compare', 'out.json', 'ablation.json'], home, dir);
    expect(compare.status).toBe(0);
    expect(compare.stdout).toMatch(/^A: out\.json — .*planner on$/m);
    expect(compare.stdout).toMatch(/^B: ablation\.json — .*planner off$/m);
    expect(compare.stdout).toMatch(/B vs A/);
    expect(compare.stdout).toMatch(/^hook rate\s+[\d.]+%\s+[\d.]+%\s+(=|[▲▼] [+-][\d.]+% (better|worse))$/m);

    const unknown = skald(['eval', 'glass-orchard', '--offline', '--players', 'slow,sleepy'], home, dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown player style "sleepy"/);
    const missing = skald(['eval', 'compare', 'out.json', 'nowhere.json'], home, dir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read "nowhere.json"/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const unwritable = skald(['eval', 'glass-orchard', '--offline', '--turns', '2', '--json', 'out.json/inside.json'], home, dir);
    expect(unwritable.status).toBe(1);
    expect(unwritable.stderr).toMatch(/Cannot write the results to out\.json\/inside\.json .*choose another --json path/);
    const judge = skald(['eval', 'arena', 'glass-orchard', '--a', 'planner', '--b', 'no-planner', '--offline'], home, dir);
    expect(judge.status).toBe(2);
    expect(judge.stderr).toMatch(/arena needs a judge/);
  });

  it('saves under the data folder when no --json is given', () => {
    const run = skald(['eval', 'glass-orchard', '--offline', '--turns', '2', '--players', 'fast', '--seed', '1'], home, dir);
    expect(run.status).toBe(0);
    const files = readdirSync(join(home, 'eval')).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    expect(run.stderr).toContain(`Results in ${join(home, 'eval', files[0])}`);
  });
});
