// End to end: the built `skald` in a real terminal (tmux), driven by keys, read from the screen.
// Ink treats a set CI variable as non-interactive, so the child runs with CI unset.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endPane, endSession, hasTmux, pane, root, startPlay, tmux } from '../support/tmux.js';
import type { TurnRecord } from '../../src/engine/session/records.js';
import { readLock } from '../../src/store/lock.js';
import { recordLines } from '../../src/store/session-file.js';
import { longStory } from '../support/long-story.js';

if (!hasTmux) console.warn('skipping the tmux end-to-end test: tmux is not installed (.ci/run installs it)');

const p = pane('skald-e2e');
const { name, waitForScreen } = p;

describe.skipIf(!hasTmux)('skald play in a real terminal', () => {
  beforeAll(() => startPlay(p, 100, 30, 'skald-test-e2e-'));
  afterAll(() => endPane(p));

  it('opens, plays a turn, swipes, regenerates, shows the debug pane, continues and edits a reply, and quits', async () => {
    await waitForScreen((s) => s.includes('The ferryman') && s.includes('turn 0'), 'the opening');

    tmux('send-keys', '-t', name, '-l', 'I hug Wren and ask about the debt.');
    tmux('send-keys', '-t', name, 'Enter');
    await waitForScreen((s) => /◁ 1\/3 ▶/.test(s) && s.includes('turn 1'), 'the first turn and its carousel');

    tmux('send-keys', '-t', name, 'Right');
    await waitForScreen((s) => /◀ 2\/3 ▶/.test(s), 'the swipe to 2/3');

    tmux('send-keys', '-t', name, 'C-r');
    await waitForScreen((s) => /[◀◁] 4\/4 [▶▷]/.test(s), 'a fourth candidate');

    tmux('send-keys', '-t', name, 'F2');
    const pane = await waitForScreen((s) => s.includes('│ debug ·'), 'the debug pane');
    expect(pane).toMatch(/beat \w+|tension/);
    tmux('send-keys', '-t', name, 'F2');
    await waitForScreen((s) => !s.includes('│ debug ·'), 'the debug pane closed');

    // Alt+C: the model extends the reply, kept as a fifth version marked continued.
    tmux('send-keys', '-t', name, 'M-c');
    await waitForScreen((s) => /[◀◁] 5\/5 [▶▷]/.test(s) && s.includes('· continued'), 'the continued version');

    // /edit --reply: the reply in the composer; the player's change is kept as a sixth version, marked edited.
    tmux('send-keys', '-t', name, '-l', '/edit --reply');
    tmux('send-keys', '-t', name, 'Enter');
    await waitForScreen((s) => s.includes('Editing the reply of turn 1'), 'the reply in the composer');
    tmux('send-keys', '-t', name, '-l', ' The lantern gutters.');
    tmux('send-keys', '-t', name, 'Enter');
    const edited = await waitForScreen((s) => /[◀◁] 6\/6 [▶▷]/.test(s) && s.includes('· edited'), 'the edited version');
    expect(edited).toContain('The lantern gutters.');

    tmux('send-keys', '-t', name, '-l', '/quit');
    tmux('send-keys', '-t', name, 'Enter');
    const end = await waitForScreen((s) => s.includes('SKALD-EXITED-'), 'skald to exit');
    expect(end).toContain('SKALD-EXITED-0');
  }, 400_000);
});

describe.skipIf(!hasTmux)('skald play in a real terminal, pasted into before the TUI is up', () => {
  const session = `${name}-early`;
  const paneOf = (args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  afterAll(() => {
    endSession(session);
  });

  it('takes a paste made while the story was still being read as one paste, and ignores a Ctrl+Z', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-test-e2e-early-'));
    mkdirSync(join(home, 'sessions'), { recursive: true });
    const id = '20261207-0300-ea52';
    const count = 3000;
    const file = join(home, 'sessions', `${id}.jsonl`);
    writeFileSync(file, `${(await longStory(count, { id })).map((r) => recordLines(r).story).join('\n')}\n`);
    // The pane's output is copied to a file from before the CLI starts, to see what it asked the terminal for.
    const output = join(home, 'pane.out');
    // A script without job control (so stopping the CLI below does not hand the terminal to a
    // shell) that waits for a line before it starts the CLI, once the pane's output is copied.
    const script = join(home, 'run.sh');
    writeFileSync(
      script,
      `read go\ncd '${root}' && env -u CI SKALD_HOME='${home}' '${process.execPath}' bin/skald.js play --resume ${id} --offline --debug\necho SKALD-EXITED-$?\nsleep 60\n`,
    );
    paneOf(['new-session', '-d', '-s', session, '-x', '120', '-y', '30', `sh '${script}'`]);
    paneOf(['pipe-pane', '-t', session, '-o', `cat >> '${output}'`]);
    paneOf(['send-keys', '-t', session, 'Enter']);
    const screenOf = () => paneOf(['capture-pane', '-p', '-t', session]);
    const waitFor = async <T>(value: () => T | undefined | false, what: string): Promise<T> => {
      const started = Date.now();
      for (;;) {
        const got = value();
        if (got !== undefined && got !== false) return got;
        if (Date.now() - started > 120_000) throw new Error(`timed out waiting for ${what}; the screen:\n${screenOf()}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    };
    // The CLI holds the story's lock and reads it: stopped there, its TUI cannot be up.
    const { pid } = await waitFor(() => readLock(file), 'the lock');
    process.kill(pid, 'SIGSTOP');
    try {
      expect(screenOf()).not.toMatch(/turn \d/);
      // Asked for before the story was locked; tmux brackets the paste only if it was.
      await waitFor(() => existsSync(output) && readFileSync(output, 'latin1').includes('\u001b[?2004h'), 'bracketed paste mode');
      paneOf(['send-keys', '-t', session, 'C-z']);
      paneOf(['set-buffer', '-b', session, 'line one\nline two\n']);
      paneOf(['paste-buffer', '-p', '-d', '-b', session, '-t', session]);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // The debug pane is beside the composer.
    await waitFor(() => /› line one[^\n]*\n\s+line two/.test(screenOf()), 'the paste in the composer');
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(count + 1);
    paneOf(['send-keys', '-t', session, '-l', 'And more.']);
    paneOf(['send-keys', '-t', session, 'Enter']);
    await waitFor(() => readFileSync(file, 'utf8').includes('And more.'), 'the turn');
    const last = JSON.parse(`{${readFileSync(file, 'utf8').trim().split('\n').at(-1)!.slice(18)}`) as TurnRecord;
    expect(last).toMatchObject({ type: 'turn', number: count + 1, input: { text: 'line one\nline two\nAnd more.' } });
    paneOf(['send-keys', '-t', session, 'C-c']);
    await waitFor(() => screenOf().includes('Ctrl+C again'), 'the quit notice');
    paneOf(['send-keys', '-t', session, 'C-c']);
    await waitFor(() => screenOf().includes('SKALD-EXITED-0'), 'skald to exit');
  }, 400_000);
});

describe('the built CLI', () => {
  it('loads React and Ink only for the TUI: no static import chain from the entry reaches them', () => {
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/(?:^|\n)import[^;(]*from\s*["'](react|ink)["']/);
      // Static imports only (dynamic `import()` chunks load when the TUI starts).
      for (const m of code.matchAll(/(?:^|\n)import[^;(]*?from\s*["'](\.[^"']+)["']/g)) walk(join(dirname(file), m[1]));
    };
    walk(join(root, 'dist/main.js'));
    expect(seen.size).toBeGreaterThan(1);
  });
});
