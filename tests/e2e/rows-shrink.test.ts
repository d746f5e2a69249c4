// The built `skald` in a real terminal (tmux): a window made shorter than the live area's last
// frame makes Ink clear the screen and its scrollback, so the story printed above was gone; the
// history is printed afresh then, once, as after a width change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endPane, hasTmux, pane, startPlay, tmux } from '../support/tmux.js';

const p = pane('skald-shorter');
const { name, stableScreen, waitForScreen } = p;
const everything = () => tmux('capture-pane', '-p', '-S', '-', '-t', name);
const count = (text: string, part: string) => text.split(part).length - 1;
const settled = (turn: number) => (s: string) => s.includes(`turn ${turn} ·`) && !s.includes('Esc stops') && /[◀◁] 1\/3 [▶▷]/.test(s);

describe.skipIf(!hasTmux)('a terminal made shorter than the live area', () => {
  beforeAll(() => startPlay(p, 90, 30, 'skald-test-shorter-'));
  afterAll(() => endPane(p));

  it('keeps the story in the scrollback, printed once', async () => {
    await waitForScreen((s) => s.includes('turn 0') && s.includes('What do you do?'), 'the opening');
    const lines = ['I look around the orchard.', 'I ask Wren about the debt.'];
    for (const [i, line] of lines.entries()) {
      tmux('send-keys', '-t', name, '-l', line);
      tmux('send-keys', '-t', name, 'Enter');
      await waitForScreen(settled(i + 1), `turn ${i + 1}`);
    }
    await stableScreen();
    tmux('resize-window', '-t', name, '-x', '90', '-y', '12');
    await waitForScreen((s) => s.trimEnd().split('\n').length <= 12 && s.includes('Enter send'), 'the shorter screen');
    await stableScreen();
    const all = everything();
    expect(count(all, 'You play Tamsin.')).toBe(1);
    expect(count(all, 'Tamsin › I look around the orchard.')).toBe(1);
  });
});
