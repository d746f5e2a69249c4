// Keys typed while the TUI starts: held in raw mode and handed to Ink's key reader (src/cli/early-keys.ts).
// The pseudo-terminal test resumes a long story through the built CLI, types a line and Enter
// while the log is still being read (before the TUI is up), and expects the line sent on the whole
// story, then Ctrl+C twice to quit; each step waits for output or the log, bounded only by a hang
// limit.
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
import { asTyped, holdEarlyKeys, type KeyInput } from '../../src/cli/early-keys.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript) console.warn('skipping the early keys terminal test: `script` (util-linux) is not installed, so no pseudo-terminal');

const plain = (text: string) => text.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][0-9A-B]|\u001b./g, '');

/** A real stream standing in for a terminal's stdin: what the test writes is what `read()` returns. */
function fakeTerminal() {
  const stream = new PassThrough();
  const modes: boolean[] = [];
  let unrefs = 0;
  const input = Object.assign(stream, {
    isTTY: true,
    setRawMode: (raw: boolean) => modes.push(raw),
    unref: () => unrefs++,
  }) as PassThrough & KeyInput;
  return { input, modes, unrefs: () => unrefs };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('holding keys typed during the start', () => {
  it('reads a cooked Enter (a line feed, or CR LF) as Enter and leaves every other byte as typed', () => {
    expect(asTyped(Buffer.from('I wave.\n')).toString()).toBe('I wave.\r');
    expect(asTyped(Buffer.from('a\r\nb\n\nc\r')).toString()).toBe('a\rb\r\rc\r');
    expect(asTyped(Buffer.from('é\u001b[A\t')).toString()).toBe('é\u001b[A\t');
  });

  it('switches to raw mode, holds what arrives and hands it back to be read first, in order', async () => {
    const { input, modes } = fakeTerminal();
    const early = holdEarlyKeys(input, () => {
      throw new Error('no Ctrl+C was typed');
    })!;
    expect(modes).toEqual([true]);
    input.write('I wa');
    await tick();
    input.write('ve.\n');
    await tick();
    // Held: nobody else reads it meanwhile.
    expect(input.readableLength).toBe(0);
    early.handOver();
    expect(String(input.read())).toBe('I wave.\r');
    // Raw mode stays on for Ink, and a second hand-over or a release does nothing more.
    early.handOver();
    early.release();
    expect(modes).toEqual([true]);
  });

  it('ends the start on Ctrl+C, as the cooked terminal did, with the terminal back in its cooked mode', async () => {
    const { input, modes, unrefs } = fakeTerminal();
    let interrupted = 0;
    const early = holdEarlyKeys(input, () => interrupted++)!;
    input.write('abc\u0003');
    await tick();
    expect(interrupted).toBe(1);
    expect(modes).toEqual([true, false]);
    expect(unrefs()).toBe(1);
    early.handOver();
    expect(input.read()).toBeNull();
  });

  it('lets a failed start go with the terminal cooked and stdin no longer holding the process', () => {
    const { input, modes, unrefs } = fakeTerminal();
    holdEarlyKeys(input)!.release();
    expect(modes).toEqual([true, false]);
    expect(unrefs()).toBe(1);
  });

  it('does nothing when stdin is not a terminal', () => {
    expect(holdEarlyKeys(new PassThrough() as unknown as KeyInput)).toBeUndefined();
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
});
