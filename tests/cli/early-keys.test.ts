// Keys typed while the TUI starts: held in raw mode and handed to Ink's key reader (src/cli/early-keys.ts).
// The pseudo-terminal tests resume a long story through the built CLI. One types a line and Enter
// while the log is still being read (before the TUI is up), and expects the line sent on the whole
// story, then Ctrl+C twice to quit. One ends the start with SIGTERM and expects bracketed paste
// (turned on for a paste made during the start: tests/e2e/tmux.test.ts) turned off again. Each
// step waits for output, the log or the exit, bounded only by a hang limit.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TurnRecord } from '../../src/engine/session/records.js';
import { longStory } from '../support/long-story.js';
import { recordLines } from '../../src/store/session-file.js';
import { readLock } from '../../src/store/lock.js';
import { holdEarlyKeys, type KeyInput } from '../../src/cli/early-keys.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript) console.warn('skipping the early keys terminal test: `script` (util-linux) is not installed, so no pseudo-terminal');

const plain = (text: string) => text.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][0-9A-B]|\u001b./g, '');

/** A real stream standing in for a terminal's stdin: what the test writes is what `read()` returns; `output` is what was written to the terminal. */
function fakeTerminal() {
  const stream = new PassThrough();
  const modes: boolean[] = [];
  let unrefs = 0;
  let written = '';
  const input = Object.assign(stream, {
    isTTY: true,
    setRawMode: (raw: boolean) => modes.push(raw),
    unref: () => unrefs++,
  }) as PassThrough & KeyInput;
  const output = { write: (text: string) => (written += text) };
  return { input, output, modes, unrefs: () => unrefs, written: () => written };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
// Cursor keys as ESC [, the keypad as digits, no focus reports (the modes the TUI reads keys in), then bracketed paste.
const PASTE_ON = '\u001b[?1l\u001b>\u001b[?1004l\u001b[?2004h';
const PASTE_OFF = '\u001b[?2004l';

describe('holding keys typed during the start', () => {
  it('switches to raw mode and bracketed paste, holds what arrives and hands it back to be read first, in order', async () => {
    const { input, output, modes, written } = fakeTerminal();
    const early = holdEarlyKeys(input, output, () => {
      throw new Error('no Ctrl+C was typed');
    })!;
    expect(modes).toEqual([true]);
    expect(written()).toBe(PASTE_ON);
    input.write('I wa');
    await tick();
    input.write('ve.\n');
    await tick();
    // Held: nobody else reads it meanwhile.
    expect(input.readableLength).toBe(0);
    early.handOver();
    expect(String(input.read())).toBe('I wave.\r');
    // Raw mode and bracketed paste stay on for Ink (which turns them off when it ends), and a
    // second hand-over or a release does nothing more.
    early.handOver();
    early.release();
    expect(modes).toEqual([true]);
    expect(written()).toBe(PASTE_ON);
  });

  it('hands a paste made during the start over whole, markers and all, and drops a Ctrl+Z as the TUI ignores it', async () => {
    const { input, output } = fakeTerminal();
    const early = holdEarlyKeys(input, output, () => {
      throw new Error('no Ctrl+C was typed');
    })!;
    input.write('I say\u001a: \u001b[200~line one\nline');
    await tick();
    input.write(' two\r\u001b[20');
    await tick();
    input.write('1~\r');
    await tick();
    early.handOver();
    expect(String(input.read())).toBe('I say: \u001b[200~line one\nline two\r\u001b[201~\r');
  });

  it('ends the start on Ctrl+C, as the cooked terminal did, with the terminal back in its cooked mode and bracketed paste off', async () => {
    const { input, output, modes, unrefs, written } = fakeTerminal();
    let interrupted = 0;
    const early = holdEarlyKeys(input, output, () => interrupted++)!;
    input.write('abc\u0003');
    await tick();
    expect(interrupted).toBe(1);
    expect(modes).toEqual([true, false]);
    expect(written()).toBe(PASTE_ON + PASTE_OFF);
    expect(unrefs()).toBe(1);
    early.handOver();
    expect(input.read()).toBeNull();
  });

  it('lets a failed start go with the terminal cooked, bracketed paste off and stdin no longer holding the process', () => {
    const { input, output, modes, unrefs, written } = fakeTerminal();
    holdEarlyKeys(input, output)!.release();
    expect(modes).toEqual([true, false]);
    expect(written()).toBe(PASTE_ON + PASTE_OFF);
    expect(unrefs()).toBe(1);
  });

  it('leaves no signal or exit handler behind once the keys are handed over or released', () => {
    const before = ['SIGINT', 'SIGTERM', 'exit'].map((name) => process.listenerCount(name));
    const count = () => ['SIGINT', 'SIGTERM', 'exit'].map((name) => process.listenerCount(name));
    const one = fakeTerminal();
    const early = holdEarlyKeys(one.input, one.output)!;
    expect(count()).toEqual(before.map((n) => n + 1));
    early.handOver();
    expect(count()).toEqual(before);
    const two = fakeTerminal();
    holdEarlyKeys(two.input, two.output)!.release();
    expect(count()).toEqual(before);
  });

  it('does nothing when stdin is not a terminal', () => {
    const { output, written } = fakeTerminal();
    expect(holdEarlyKeys(new PassThrough() as unknown as KeyInput, output)).toBeUndefined();
    expect(written()).toBe('');
  });
});

describe.skipIf(!hasScript)('the built TUI, typed at before it is up', () => {
  it('sends a line whose Enter was typed while the story was still being read', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-test-early-keys-'));
    mkdirSync(join(home, 'sessions'), { recursive: true });
    const id = '20261207-0030-ea51';
    // Long enough that the story is still being read well after the CLI has locked it.
    const count = 3000;
    const records = await longStory(count, { id });
    const file = join(home, 'sessions', `${id}.jsonl`);
    writeFileSync(file, `${records.map((r) => recordLines(r).story).join('\n')}\n`);

    const { CI: _ci, ...env } = process.env;
    const child = spawn(
      'script',
      ['-qfec', `stty cols 100 rows 30; exec '${process.execPath}' bin/skald.js play --resume ${id} --offline`, '/dev/null'],
      {
        cwd: root,
        env: { ...env, SKALD_HOME: home, TERM: 'xterm-256color', NO_COLOR: '1' },
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    // Typed once the CLI holds the story's lock: it is reading the log, and the TUI is not up yet
    // (on main the terminal was still cooked then, and this Enter became a newline in the composer).
    const poll = setInterval(() => {
      if (!existsSync(`${file}.lock`)) return;
      clearInterval(poll);
      child.stdin.write('I wave.\r');
    }, 2);
    let out = '';
    const sent = () => readFileSync(file, 'utf8').includes('"I wave."');
    await new Promise<void>((resolve, reject) => {
      const hang = setTimeout(() => {
        process.kill(-child.pid!, 'SIGKILL');
        reject(new Error(`the line was never sent; output: ${plain(out).slice(-400)}`));
      }, 120_000);
      let quitting = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        // The frame after the turn is committed; then Ctrl+C twice (the second once the first is read).
        if (quitting === 0 && sent() && new RegExp(`turn ${count + 1}\\b`).test(plain(out))) {
          quitting = 1;
          child.stdin.write('\u0003');
        } else if (quitting === 1 && /Ctrl\+C again/.test(plain(out))) {
          quitting = 2;
          child.stdin.write('\u0003');
        }
      });
      child.on('exit', () => {
        clearTimeout(hang);
        clearInterval(poll);
        if (quitting === 2) resolve();
        else reject(new Error(`exited early; output: ${plain(out).slice(-400)}`));
      });
    });
    const last = JSON.parse(`{${readFileSync(file, 'utf8').trim().split('\n').at(-1)!.slice(18)}`) as TurnRecord;
    expect(last).toMatchObject({ type: 'turn', number: count + 1, parentId: `n${count}`, input: { text: 'I wave.' } });
  });

  it('turns bracketed paste off again when SIGTERM ends the start', async () => {
    const { file, cli } = await startOnLongStory('20261207-0300-ea53', 3000);
    try {
      const { pid } = await until(() => readLock(file), 'the lock');
      await until(() => pasteMode(cli.output()), 'bracketed paste mode', 10_000);
      process.kill(pid, 'SIGTERM');
      expect(await cli.exited).toBe(128 + 15);
      expect(cli.screen()).not.toMatch(/turn \d/);
      expect(pasteMode(cli.output())).toBe(false);
    } finally {
      cli.kill();
    }
  });
});

/** Whether the output leaves the terminal in bracketed paste mode (the last switch wins). */
function pasteMode(output: string): boolean {
  return output.lastIndexOf('\u001b[?2004h') > output.lastIndexOf('\u001b[?2004l');
}

/** Polls `value` until it is defined (or true), bounded only by a hang limit. */
async function until<T>(value: () => T | undefined | false, what: string, limitMs = 120_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const got = value();
    if (got !== undefined && got !== false) return got;
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** The built CLI resuming a `count`-turn story with the debug pane (so the whole log is read before the TUI is up) in a pseudo-terminal. */
async function startOnLongStory(id: string, count: number) {
  const home = mkdtempSync(join(tmpdir(), 'skald-test-early-keys-'));
  mkdirSync(join(home, 'sessions'), { recursive: true });
  const records = await longStory(count, { id });
  const file = join(home, 'sessions', `${id}.jsonl`);
  writeFileSync(file, `${records.map((r) => recordLines(r).story).join('\n')}\n`);
  const { CI: _ci, ...env } = process.env;
  const child = spawn(
    'script',
    ['-qfec', `stty cols 120 rows 30; exec '${process.execPath}' bin/skald.js play --resume ${id} --offline --debug`, '/dev/null'],
    {
      cwd: root,
      env: { ...env, SKALD_HOME: home, TERM: 'xterm-256color', NO_COLOR: '1' },
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const hang = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 200_000);
  void exited.then(() => clearTimeout(hang));
  const cli = {
    output: () => out,
    screen: () => plain(out),
    exited,
    /** Ends it at once, if it has not ended (a failed test). */
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    },
  };
  return { file, cli };
}
