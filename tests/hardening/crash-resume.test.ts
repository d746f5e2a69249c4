/**
 * `kill -9` in the middle of a streamed turn, through the built binary against a slow test
 * server: on `--resume last`, every turn the run reported as committed (a `turn` line on stdout) is
 * there, word for word. And a torn or corrupted session file: everything readable is kept, the
 * rest is reported, and play goes on.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from './helpers.js';

const root = new URL('../../', import.meta.url);
const bin = new URL('bin/skald.js', root).pathname;

type Line = Record<string, any>;

function run(args: string[], stdin: string, home: string) {
  const out = spawnSync(process.execPath, [bin, ...args], {
    input: stdin,
    env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const lines = () =>
    out.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
  return {
    ...out,
    get lines() {
      return lines();
    },
  };
}

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({
    models: ['slow-model'],
    // ~40 chunks at 15 ms: a turn streams for about 0.6 s, long enough to be killed inside.
    behaviour: (request) => ({
      content: `You said "${String(request.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '').slice(0, 40)}". The lantern swings low over the water, and somewhere below the wheel creaks as if pushed from beneath by a patient hand.`,
      chunkSize: 5,
      delayMs: 15,
    }),
  });
});
afterAll(async () => {
  await server.close();
});

describe('kill -9 during a streamed turn', () => {
  it('every turn reported committed before the kill is there on resume', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-kill-'));
    const inputs = Array.from({ length: 12 }, (_, i) => `Move ${i + 1}: I step closer to the wheel.`);
    const child = spawn(
      process.execPath,
      [bin, 'play', 'glass-orchard', '--headless', '--base-url', server.url, '--model', 'slow-model', '--candidates', '2', '--seed', '5'],
      {
        env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    child.stdin.end(inputs.map((l) => `${l}\n`).join(''));
    const seen: Line[] = [];
    let buffer = '';
    const killedAt = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no kill point within 120 s; stdout so far: ${buffer.slice(0, 300)}`)), 120_000);
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          seen.push(JSON.parse(buffer.slice(0, newline)) as Line);
          buffer = buffer.slice(newline + 1);
        }
        const committed = seen.filter((l) => l.type === 'turn').length;
        if (committed === 3) {
          // Kill inside turn 4's stream: once its requests have arrived and text is flowing.
          const requestsBefore = server.chatRequests().length;
          const poll = setInterval(() => {
            const fresh = server
              .chatRequests()
              .slice(requestsBefore)
              .filter((r) => r.body?.stream);
            if (fresh.length > 0 && Date.now() - fresh[0].startedAt > 150) {
              clearInterval(poll);
              clearTimeout(timer);
              child.kill('SIGKILL');
              resolve(committed);
            }
          }, 10);
          child.stdout.removeAllListeners('data');
        }
      });
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`exited early (${code}): ${seen.map((l) => l.type).join(',')}`));
      });
    });
    await new Promise((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve),
    );
    expect(killedAt).toBe(3);
    const reported = seen.filter((l) => l.type === 'turn');

    const resumedRun = await runCli(['play', '--resume', 'last', '--headless', '--base-url', server.url, '--model', 'slow-model'], {
      env: { SKALD_HOME: home },
    });
    const resumed = {
      ...resumedRun,
      lines: resumedRun.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Line),
    };
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toBe('');
    const session = resumed.lines[0];
    expect(session).toMatchObject({ type: 'session', resumed: true, id: seen[0].id });
    expect(session.turns).toBeGreaterThanOrEqual(reported.length);

    const shown = run(['sessions', 'show', 'last', '--json'], '', home);
    expect(shown.status, shown.stderr).toBe(0);
    const story = JSON.parse(shown.stdout) as { turns: Array<Record<string, any>> };
    for (const turn of reported) {
      const saved = story.turns.find((t) => (t.number ?? t.turn) === turn.turn);
      expect(saved, `turn ${turn.turn}`).toBeDefined();
      expect(JSON.stringify(saved)).toContain(JSON.stringify(turn.input).slice(1, -1));
      expect(JSON.stringify(saved)).toContain(JSON.stringify(turn.candidates[turn.chosen].text).slice(1, -1));
    }
  });
});

describe('a torn or corrupted session file', () => {
  it('keeps every readable record, reports the rest, and the next turn lands on a line of its own', () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-torn-'));
    const first = run(
      ['play', 'glass-orchard', '--headless', '--offline', '--seed', '2', '--candidates', '1'],
      'One.\nTwo.\nThree.\nFour.\n',
      home,
    );
    expect(first.status, first.stderr).toBe(0);
    const dir = join(home, 'sessions');
    const file = join(dir, readdirSync(dir)[0]);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    // Turn 2's line scrambled in the middle of the file, and a torn half record at the end.
    lines[2] = lines[2].slice(0, 40) + '\u0000garbage' + lines[2].slice(80);
    writeFileSync(file, `${lines.join('\n')}\n`);
    appendFileSync(file, lines[4].slice(0, Math.floor(lines[4].length / 2)));

    const resumed = run(['play', '--resume', 'last', '--headless', '--offline'], 'Five.\n', home);
    expect(resumed.status, resumed.stderr).toBe(0);
    const warnings = resumed.lines.filter((l) => l.type === 'warning').map((l) => l.message as string);
    expect(warnings.some((w) => /Line 3 of .* unreadable/.test(w))).toBe(true);
    expect(warnings.some((w) => /last line of .* cut off/.test(w))).toBe(true);
    // Turn 2 is lost, so turns 3 and 4 (children of turn 2) cannot hang on the branch: whatever is
    // readable and reachable is kept, and the session still resumes and plays.
    expect(resumed.lines[0]).toMatchObject({ type: 'session', resumed: true });
    expect(resumed.lines.some((l) => l.type === 'turn')).toBe(true);

    // The new record starts on its own line: the torn half is still the only bad line at the end.
    const after = readFileSync(file, 'utf8').split('\n');
    const parsed = after.map((l) => {
      try {
        return JSON.parse(l).type as string;
      } catch {
        return l === '' ? '' : 'bad';
      }
    });
    expect(parsed.filter((t) => t === 'bad')).toHaveLength(2);
    expect(parsed.at(-2)).toBe('turn');
  });

  it('a file whose start record cannot be made out at all is refused in one sentence and left untouched', () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-torn-'));
    const first = run(['play', 'glass-orchard', '--headless', '--offline', '--seed', '2', '--candidates', '1'], 'One.\n', home);
    expect(first.status).toBe(0);
    const dir = join(home, 'sessions');
    const file = join(dir, readdirSync(dir)[0]);
    // Not one field of the start survives (a damaged start that still names its settings is rebuilt: damage.test.ts).
    const broken = `scrambled beyond reading\n${readFileSync(file, 'utf8').split('\n').slice(1).join('\n')}`;
    writeFileSync(file, broken);
    const resumed = run(['play', '--resume', 'last', '--headless', '--offline'], 'Two.\n', home);
    expect(resumed.status).toBe(1);
    expect(resumed.stderr.trim().split('\n')).toHaveLength(1);
    expect(resumed.stderr).toMatch(/first record is missing or unreadable/);
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });
});
