// The built `skald` in a real terminal (tmux): a terminal made narrower while the help is open
// cuts the alternate screen's rows instead of rewrapping them, so Ink's erase of its last frame
// missed a row and a stale line of the help stood above the header until the help closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endPane, hasTmux, pane, startPlay, tmux } from '../support/tmux.js';

const p = pane('skald-narrowed');
const { name, stableScreen, waitForScreen } = p;

describe.skipIf(!hasTmux)('the help in a terminal made narrower', () => {
  beforeAll(() => startPlay(p, 90, 26, 'skald-test-narrowed-'));
  afterAll(() => endPane(p));

  it('is drawn from the top of the screen again, the header first', async () => {
    await waitForScreen((s) => s.includes('turn 0') && s.includes('What do you do?'), 'the opening');
    tmux('send-keys', '-t', name, 'F1');
    const length = (s: string) => /Help {2}1–\d+ of (\d+)/.exec(s)?.[1];
    const wide = length(await waitForScreen((s) => length(s) !== undefined, 'the help'));
    tmux('resize-window', '-t', name, '-x', '50', '-y', '26');
    // Rewrapped to 50 columns, the help is longer.
    await waitForScreen((s) => length(s) !== undefined && length(s) !== wide, 'the help at 50 columns');
    const screen = await stableScreen();
    // At 50 columns the header leaves the opening's title out, keeping the turn in view.
    expect(screen.split('\n')[0]).toMatch(/^The Glass Orchard · turn 0/);
  });
});
