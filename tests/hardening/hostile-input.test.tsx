/**
 * Issue 17, defects 7 (TUI), 8, 11, 12 and 13: a CR or bidi override in a title cannot break or
 * reorder a picker row; long player lines are refused with a sentence, never dropped silently;
 * credentials in a base URL become a secret header and are never printed or stored in plain
 * config; closing the terminal under the TUI ends it as a hangup, not a crash; malformed numbers
 * and non-http URLs are usage errors.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_CHARS } from '../../src/engine/input-limit.js';
import { Session } from '../../src/engine/session/index.js';
import type { SessionEvent } from '../../src/engine/types.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { createOpenAIProvider } from '../../src/providers/openai/index.js';
import { JsonlSessionStore } from '../../src/store/session-file.js';
import { ListPicker } from '../../src/ui/components/ListPicker.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { collect, FAST, profileFor, runCli } from './helpers.js';
import { cpuStopwatch } from '../support/cpu-time.js';

afterEach(() => cleanup());

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ models: ['m'], behaviour: { content: 'The mill wheel turns. Wren waits for your answer.' } });
});
afterAll(async () => {
  await server.close();
});

async function sessionWith(provider: ReturnType<typeof createOfflineNarrator>, budget = 8192): Promise<Session> {
  let t = Date.UTC(2026, 10, 1);
  return Session.create({
    pack: miniPack(),
    provider,
    store: new JsonlSessionStore({ dir: mkdtempSync(join(tmpdir(), 'skald-long-')) }),
    clock: { now: () => (t += 1000) },
    seed: 3,
    candidates: 1,
    budget,
  });
}
const errorsOf = (events: SessionEvent[]) => events.flatMap((e) => (e.type === 'error' ? [e.error.message] : []));

describe('the world picker', () => {
  it('a CR, a newline or a bidi override in a title stays on its row, in reading order', () => {
    const app = render(
      <ListPicker
        title="Worlds"
        items={[
          { id: 'a', title: 'Evil\rTitle\u202eegap', meta: 'en\nmeta' },
          { id: 'b', title: 'Second' },
        ]}
        selected={0}
        height={10}
        width={60}
      />,
    );
    const frame = app.lastFrame() ?? '';
    expect(frame).toMatch(/Evil Title ?egap\s+en meta/);
    expect(frame).not.toMatch(/[\r\u202e]/);
    expect(frame.split('\n').filter((l) => l.includes('Second'))).toHaveLength(1);
  });
});

describe('long input', () => {
  it(`a line over ${MAX_INPUT_CHARS} characters is refused offline at once, with the limit in the sentence, and nothing saved`, async () => {
    const session = await sessionWith(createOfflineNarrator({ seed: 1 }));
    const cpu = cpuStopwatch();
    const events = await collect(session.play({ text: 'I ask about the mill. '.repeat(5000) }));
    expect(cpu()).toBeLessThan(2000);
    expect(errorsOf(events)).toEqual([expect.stringMatching(/at most 16 KB \(16,384 characters\), so nothing was sent/)]);
    expect(events.some((e) => e.type === 'turn-done')).toBe(false);
    expect(session.turns()).toHaveLength(0);
  });

  it('with a model, a line the context budget cannot hold is refused with a sentence, and no request goes out without it', async () => {
    const before = server.chatRequests().length;
    const session = await sessionWith(createOpenAIProvider(profileFor(server.url, { model: 'm' }), FAST), 1024);
    const events = await collect(session.play({ text: 'I tell Wren about the long road home and every stone of it. '.repeat(200) }));
    expect(errorsOf(events)).toEqual([expect.stringMatching(/more than the context budget \(1,024 tokens.*so nothing was sent/)]);
    expect(server.chatRequests().length).toBe(before);
    // A line that fits still plays.
    const ok = await collect(session.play({ text: 'I greet Wren.' }));
    expect(ok.some((e) => e.type === 'turn-done')).toBe(true);
  });
});

describe('credentials in base URLs', () => {
  const KEY = 'urlPASS-9fQ2mZ7xK4';
  const HEADER_KEY = 'hdrSECRET-3tR8wY1pL6';

  it('are taken out into a secret header, never printed, never in config.json, and config files are 0600', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-urlkey-'));
    const env = { SKALD_HOME: home };
    const url = server.url.replace('http://', `http://alice:${KEY}@`);
    const outputs: string[] = [];
    const cli = async (args: string[], input = '') => {
      const r = await runCli(args, { env, input });
      outputs.push(r.stdout + r.stderr);
      return r;
    };
    expect((await cli(['profiles', 'add', 'url', '--base-url', url, '--model', 'm', '--header', `X-Auth:${HEADER_KEY}`])).status).toBe(0);
    await cli(['profiles', 'list']);
    await cli(['profiles', 'list', '--json']);
    await cli(['doctor']);
    const play = await cli(['play', 'glass-orchard', '--headless', '--candidates', '1'], 'hello\n');
    expect(play.stdout).toMatch(/"type":"turn"/);
    const sent = server.chatRequests().at(-1)!;
    expect(sent.headers.authorization).toBe(`Basic ${Buffer.from(`alice:${KEY}`).toString('base64')}`);
    expect(sent.headers['x-auth']).toBe(HEADER_KEY);
    // A per-run --base-url with credentials, against a server that is not there: the error names the URL without them.
    await cli(['play', 'glass-orchard', '--headless', '--base-url', `http://bob:${KEY}@127.0.0.1:9/v1`, '--model', 'm'], 'hello\n');
    await cli(['profiles', 'add', 'broken', '--base-url', `http//bob:${KEY}@nowhere`]);
    for (const text of outputs) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(HEADER_KEY);
      expect(text).not.toContain(Buffer.from(`alice:${KEY}`).toString('base64'));
    }
    const configFile = join(home, 'config', 'config.json');
    const config = existsSync(configFile) ? configFile : findFile(home, 'config.json');
    const stored = readFileSync(config, 'utf8');
    expect(stored).not.toContain(KEY);
    expect(stored).not.toContain(HEADER_KEY);
    expect(statSync(config).mode & 0o777).toBe(0o600);
  });
});

function findFile(dir: string, name: string): string {
  const out = spawnSync('find', [dir, '-name', name], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  if (!out) throw new Error(`no ${name} under ${dir}`);
  return out;
}

describe('flags', () => {
  for (const args of [
    ['--candidates', '0x3'],
    ['--candidates', ' 3'],
    ['--seed', '0x10'],
    ['--seed', ''],
    ['--base-url', 'file:///etc/passwd'],
  ]) {
    it(`${args.join(' ')} is a one-line usage error (exit 2)`, async () => {
      const run = await runCli(['play', 'glass-orchard', '--headless', '--offline', ...args], {
        env: { SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-flags-')) },
      });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});

describe('closing the terminal under the TUI', () => {
  const tmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  it('ends as a hangup after closing the session file: no abort, no segfault, nothing on stderr', async (ctx) => {
    if (tmux.status !== 0) {
      console.warn('skipped: tmux is not installed, and this test needs a real pty to close');
      ctx.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'skald-hup-'));
    const wrapper = new URL('./support/hangup-wrapper.mjs', import.meta.url).pathname;
    const bin = new URL('../../bin/skald.js', import.meta.url).pathname;
    const socket = `skald-hup-${process.pid}`;
    const tm = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    const command = `env -u CI SKALD_HOME=${dir} NODE_ENV=production ${process.execPath} ${wrapper} ${join(dir, 'exit')} ${bin} play glass-orchard --offline`;
    expect(tm('new-session', '-d', '-s', 'hup', '-x', '100', '-y', '30', command).status).toBe(0);
    // The deadlines only bound a hang: a loaded two-core machine can take many seconds to start the TUI.
    const waitFor = async (ok: () => boolean, ms: number) => {
      for (const end = Date.now() + ms; Date.now() < end && !ok();) await new Promise((r) => setTimeout(r, 100));
      return ok();
    };
    let screen = '';
    const opened = await waitFor(() => /Glass Orchard/.test((screen = tm('capture-pane', '-p', '-t', 'hup').stdout)), 60_000);
    expect(opened, `the TUI never showed the world; the screen:\n${screen}`).toBe(true);
    tm('kill-session', '-t', 'hup');
    tm('kill-server');
    expect(await waitFor(() => existsSync(join(dir, 'exit')), 60_000), 'the wrapper never wrote how skald ended').toBe(true);
    expect(readFileSync(join(dir, 'exit'), 'utf8').trim()).toBe('code=null signal=SIGHUP');
    expect(readFileSync(join(dir, 'exit.err'), 'utf8')).toBe('');
  });
});
