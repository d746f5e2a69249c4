// Keys typed while node still loads the CLI, in a real terminal (tmux): the launcher puts the
// terminal in raw mode before the CLI's modules load (src/cli/launch-keys.ts), so nothing typed is
// echoed (`^[[B^[[B` above the TUI), and the keys reach the TUI in order. The load is held open by
// a preload (tests/support/slow-cli-load.mjs) as a loaded machine holds it, so the keys are typed
// into that window, not raced against node's start. The terminal is checked sane after each way
// out: the version, another command, a pack error, a typo, and Ctrl+C during the load.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { endSession } from '../support/tmux.js';

const root = new URL('../../', import.meta.url).pathname;
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('skipping the launch keys terminal test: tmux is not installed');

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const sessions: string[] = [];
// The terminal's modes as `stty` reports them, one line: a sane cooked terminal has `isig icanon echo`.
const FLAGS = `stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(isig|icanon|echo)$' | tr '\\n' ' '; echo`;
const SANE = 'isig icanon echo';

/** Starts `script` (sh) in a new tmux pane whose output is copied to a file; returns how to read both. */
function pane(script: string) {
  const home = mkdtempSync(join(tmpdir(), 'skald-test-launch-keys-'));
  const name = `skald-launch-${process.pid}-${sessions.length}`;
  sessions.push(name);
  const file = join(home, 'run.sh');
  const output = join(home, 'pane.out');
  // It waits for a line first, so that the pane's output is copied from the CLI's start on.
  writeFileSync(file, `read go\ncd '${root}'\nexport SKALD_HOME='${home}'\nunset CI\n${script}\necho SCRIPT-DONE\nsleep 60\n`);
  tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', `sh '${file}'`);
  tmux('pipe-pane', '-t', name, '-o', `cat >> '${output}'`);
  tmux('send-keys', '-t', name, 'Enter');
  const screen = () => tmux('capture-pane', '-p', '-t', name);
  return {
    home,
    name,
    screen,
    output: () => (existsSync(output) ? readFileSync(output, 'latin1') : ''),
    keys: (...keys: string[]) => tmux('send-keys', '-t', name, ...keys),
    async until(check: () => boolean, what: string, timeoutMs = 60_000) {
      const started = Date.now();
      while (!check()) {
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; the screen:\n${screen()}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}

/** The CLI held at the import of its modules for `ms`, a mark written when that starts. */
const slowCli = (mark: string, ms: number, args = '') =>
  `SKALD_SLOW_LOAD_MS=${ms} SKALD_SLOW_LOAD_MARK='${mark}' '${process.execPath}' --import ./tests/support/slow-cli-load.mjs bin/skald.js ${args}`;

afterEach(() => {
  for (const name of sessions.splice(0)) endSession(name);
});

describe.skipIf(!hasTmux)('keys typed while the CLI loads, in a real terminal', () => {
  it('are not echoed, and move the start screen once it is up; the terminal is sane after', async () => {
    const mark = join(tmpdir(), `skald-launch-mark-${process.pid}-a`);
    const p = pane(`${slowCli(mark, 1500)}\necho SKALD-EXITED-$?\n${FLAGS}`);
    await p.until(() => existsSync(mark), 'the CLI loading');
    p.keys('Down', 'Down');
    await p.until(() => p.screen().includes('Pick a world'), 'the start screen');
    // Nothing of the keys was written to the terminal, not even for a moment before the first frame.
    expect(p.output()).not.toContain('^[[');
    const items = p
      .screen()
      .split('\n')
      .filter((line) => /^(▸ | {2})\S/.test(line));
    expect(items.findIndex((line) => line.startsWith('▸'))).toBe(2);
    p.keys('Escape');
    await p.until(() => p.screen().includes('SCRIPT-DONE'), 'skald to exit');
    expect(p.screen()).toContain('SKALD-EXITED-0');
    expect(p.screen()).toContain(SANE);
    expect(p.screen()).not.toMatch(/-isig|-icanon|-echo\b/);
  }, 120_000);

  it('leaves the terminal cooked after the version, another command, a pack error, a typo, and Ctrl+C during the load', async () => {
    const mark = join(tmpdir(), `skald-launch-mark-${process.pid}-b`);
    const cli = `'${process.execPath}' bin/skald.js`;
    const p = pane(
      [
        `${cli} --version >/dev/null; echo "version rc=$?"; ${FLAGS}`,
        `${cli} worlds list >/dev/null; echo "worlds rc=$?"; ${FLAGS}`,
        `${cli} play ./no-such-pack 2>/dev/null; echo "pack rc=$?"; ${FLAGS}`,
        `${cli} wrolds list 2>/dev/null; echo "typo rc=$?"; ${FLAGS}`,
        `${slowCli(mark, 3000)}; echo "ctrl-c rc=$?"; ${FLAGS}`,
      ].join('\n'),
    );
    await p.until(() => existsSync(mark), 'the last CLI loading');
    p.keys('-l', 'qz');
    p.keys('C-c');
    await p.until(() => p.screen().includes('SCRIPT-DONE'), 'the script to end');
    const screen = p.screen();
    for (const [what, rc] of [
      ['version', 0],
      ['worlds', 0],
      ['pack', 1],
      ['typo', 2],
      ['ctrl-c', 130],
    ] as const)
      expect(screen).toMatch(new RegExp(`${what} rc=${rc}\\n${SANE} *\\n`));
    expect(p.output()).not.toContain('qz');
  }, 120_000);
});
