// A resumed story's first frame drawn from the end of its log, through the built CLI in a
// pseudo-terminal (made by `script`, as `npm run bench -- resume` runs it): the frame shows the
// latest turn and how many earlier turns are not printed, and a line typed as soon as that frame is
// up reaches the whole story once it has loaded (held, not lost) and is sent on it. Each step waits for output,
// bounded only by a hang limit.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TurnRecord } from '../../src/engine/session/records.js';
import { longStory } from '../support/long-story.js';
import { recordLines } from '../../src/store/session-file.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript) console.warn('skipping the progressive resume test: `script` (util-linux) is not installed, so no pseudo-terminal');

const plain = (text: string) => text.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][0-9A-B]|\u001b./g, '');

/**
 * Runs the built CLI in a 100x30 pseudo-terminal: waits for each step's pattern (in output after
 * the last), then types its keys. The whole output, then each step's.
 */
function inTerminal(home: string, args: string, steps: Array<{ until: RegExp | (() => boolean); type?: string }>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const { CI: _ci, ...env } = process.env;
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec '${process.execPath}' bin/skald.js ${args}`, '/dev/null'], {
      cwd: root,
      env: { ...env, SKALD_HOME: home, TERM: 'xterm-256color', NO_COLOR: '1' },
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let all = '';
    const seen: string[] = [];
    const hang = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      reject(new Error(`step ${seen.length + 1} never came; output: ${plain(out).slice(-400)}`));
    }, 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      all += chunk.toString('utf8');
      const step = steps[seen.length];
      if (!step || !(typeof step.until === 'function' ? step.until() : step.until.test(plain(out)))) return;
      seen.push(plain(out));
      out = '';
      if (step.type !== undefined) child.stdin.write(step.type);
    });
    child.on('exit', () => {
      clearTimeout(hang);
      if (seen.length === steps.length) resolve([plain(all), ...seen]);
      else reject(new Error(`exited at step ${seen.length + 1}; output: ${plain(out).slice(-400)}`));
    });
  });
}

describe.skipIf(!hasScript)('the built TUI resuming a long story', () => {
  it('draws the end of the story first and sends a line typed at that frame on the whole story', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-test-progressive-'));
    mkdirSync(join(home, 'sessions'), { recursive: true });
    const id = '20261206-2130-beef';
    const records = await longStory(400, { id });
    const file = join(home, 'sessions', `${id}.jsonl`);
    writeFileSync(file, `${records.map((r) => recordLines(r).story).join('\n')}\n`);

    const [output] = await inTerminal(home, `play --resume ${id} --offline`, [
      // Typed the moment the frame is up (while the whole story loads), then Enter once it shows, so
      // the history printed before the new turn can be told apart (an Enter typed during the start is
      // held too, and is Enter: tests/cli/early-keys.test.ts).
      { until: /turn 400\b/, type: 'I wave.' },
      { until: /› I wave\./, type: '\r' },
      // Committed: the turn is in the log (the frame after it is drawn once it is).
      { until: () => readFileSync(file, 'utf8').includes('"I wave."'), type: '\u0003' },
      { until: /Ctrl\+C again/, type: '\u0003' },
    ]);
    // What was printed before the new turn: the history of the first frame, printed once.
    const first = output.slice(0, output.indexOf('› I wave.'));
    const hidden = Number(/… (\d+) earlier turns not shown/.exec(first)?.[1]);
    expect(hidden).toBeGreaterThan(0);
    expect(first).toContain(`I take step ${hidden + 1}.`);
    expect(first).not.toContain(`I take step ${hidden}.`);
    expect(first.split(`I take step ${hidden + 1}.`)).toHaveLength(2);
    expect(first).toContain('Resumed session 20261206-2130-beef: 400 turns on this branch');
    // The held line went to the whole story: turn 401, after turn 400, in the log.
    const last = JSON.parse(`{${readFileSync(file, 'utf8').trim().split('\n').at(-1)!.slice(18)}`) as TurnRecord;
    expect(last).toMatchObject({ type: 'turn', number: 401, parentId: 'n400', input: { text: 'I wave.' } });
  });
});
