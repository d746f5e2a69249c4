// The built `skald` in a real terminal (tmux), sent several keys in one write: they reach the TUI
// in one read, as keys typed faster than a frame do. Ink treats a set CI variable as
// non-interactive, so the child runs with CI unset.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('skipping the tmux keys test: tmux is not installed (.ci/run installs it)');

const name = `skald-keys-${process.pid}-${Date.now().toString(36)}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', name);

/** Polls the screen until `check` passes; the deadline only bounds a hang, and a failure prints the screen. */
async function waitForScreen(check: (text: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const text = screen();
    if (check(text)) return text;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; the screen:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const helpTop = (text: string) => Number(/Help {2}(\d+)–/.exec(text)?.[1] ?? 0);

describe.skipIf(!hasTmux)('keys sent together to skald play in a real terminal', () => {
  // dist/ is built once for the run by tests/global-setup.ts.
  beforeAll(() => {
    const home = mkdtempSync(join(tmpdir(), 'skald-test-keys-'));
    const command = `cd '${root}' && env -u CI SKALD_HOME='${home}' '${process.execPath}' bin/skald.js play glass-orchard --offline --seed 1; echo SKALD-EXITED-$?; sleep 60`;
    tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', command);
  });

  afterAll(() => {
    if (hasTmux) spawnSync('tmux', ['kill-session', '-t', name]);
  });

  it("gives the keys after a command's Enter to the help it opens, and reads ESC then a letter as Esc, then the letter", async () => {
    await waitForScreen((s) => s.includes('turn 0') && s.includes('What do you do?'), 'the opening');

    // Enter and PgDn in one write: PgDn scrolls the help /help opened.
    tmux('send-keys', '-t', name, '-l', '/help');
    tmux('send-keys', '-t', name, 'Enter', 'NPage');
    const help = await waitForScreen((s) => helpTop(s) > 0, 'the help');
    expect(helpTop(help)).toBeGreaterThan(1);

    // ESC and w in one write (the bytes a terminal sends for Alt+W, which skald binds to nothing):
    // Esc closes the help, and w is typed.
    tmux('send-keys', '-t', name, '-H', '1b', '77');
    const after = await waitForScreen((s) => s.includes('› w'), 'the letter in the composer');
    expect(helpTop(after)).toBe(0);

    // ESC and c (Alt+C, bound) stays Alt: with no turn yet it does nothing, and types no c.
    tmux('send-keys', '-t', name, '-H', '1b', '63');
    tmux('send-keys', '-t', name, '-l', 'x');
    const typed = await waitForScreen((s) => s.includes('› wx'), 'the next letter');
    expect(typed).not.toContain('› wcx');

    tmux('send-keys', '-t', name, 'C-u');
    tmux('send-keys', '-t', name, '-l', '/quit');
    tmux('send-keys', '-t', name, 'Enter');
    const end = await waitForScreen((s) => s.includes('SKALD-EXITED-'), 'skald to exit');
    expect(end).toContain('SKALD-EXITED-0');
  }, 300_000);
});
