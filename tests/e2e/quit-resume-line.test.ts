// Quitting the TUI leaves one line on the terminal saying how to continue the story just played:
// the player should not have to know `--resume` or look up the session's id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endPane, hasTmux, pane, startPlay, tmux } from '../support/tmux.js';

if (!hasTmux) console.warn('skipping the tmux quit test: tmux is not installed (.ci/run installs it)');

const p = pane('skald-quit');
const { name, waitForScreen } = p;

describe.skipIf(!hasTmux)('quitting skald play in a real terminal', () => {
  beforeAll(() => startPlay(p, 100, 30, 'skald-test-quit-'));
  afterAll(() => endPane(p));

  it('prints how to resume the story once the TUI has let go of the terminal', async () => {
    await waitForScreen((s) => s.includes('turn 0') && s.includes('What do you do?'), 'the opening');
    tmux('send-keys', '-t', name, '-l', 'I knock twice.');
    tmux('send-keys', '-t', name, 'Enter');
    await waitForScreen((s) => /1\/\d/.test(s) && s.includes('Ctrl+R regen'), 'the first reply');
    tmux('send-keys', '-t', name, '-l', '/quit');
    tmux('send-keys', '-t', name, 'Enter');
    const end = await waitForScreen((s) => s.includes('SKALD-EXITED-'), 'skald to exit');
    expect(end).toContain('SKALD-EXITED-0');
    const line = end.split('\n').find((l) => l.includes('--resume'));
    expect(line).toMatch(/Saved: 1 turn on this branch\. `skald play --resume \S+` continues it\./);
  }, 300_000);
});
