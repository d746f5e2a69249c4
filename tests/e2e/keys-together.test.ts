// The built `skald` in a real terminal (tmux), sent several keys in one write: they reach the TUI
// in one read, as keys typed faster than a frame do. Ink treats a set CI variable as
// non-interactive, so the child runs with CI unset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endPane, hasTmux, pane, startPlay, tmux } from '../support/tmux.js';

if (!hasTmux) console.warn('skipping the tmux keys test: tmux is not installed (.ci/run installs it)');

const p = pane('skald-keys');
const { name, waitForScreen } = p;

const helpTop = (text: string) => Number(/Help {2}(\d+)–/.exec(text)?.[1] ?? 0);

describe.skipIf(!hasTmux)('keys sent together to skald play in a real terminal', () => {
  beforeAll(() => startPlay(p, 100, 30, 'skald-test-keys-'));
  afterAll(() => endPane(p));

  it("gives the keys after a command's Enter to the help it opens, and reads ESC then a letter as Esc, then the letter (ESC O A and ESC [ O too)", async () => {
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

    // Esc then "OA" and "[OOC: hi]" typed fast (one write each): the bytes of an Up arrow in the
    // cursor mode skald turns off, and of a focus report it turns off. Typed, with the arrows still keys.
    tmux('send-keys', '-t', name, 'C-u');
    tmux('send-keys', '-t', name, '-H', '1b', '4f', '41');
    tmux('send-keys', '-t', name, '-H', '1b', '5b', '4f', '4f', '43', '3a', '20', '68', '69', '5d');
    await waitForScreen((s) => s.includes('› OA[OOC: hi]'), 'the letters after the Escs in the composer');
    tmux('send-keys', '-t', name, 'Left', 'Left', 'Left');
    tmux('send-keys', '-t', name, '-l', '!');
    await waitForScreen((s) => s.includes('› OA[OOC: !hi]'), 'the left arrow moving the cursor');

    tmux('send-keys', '-t', name, 'C-u');
    tmux('send-keys', '-t', name, '-l', '/quit');
    tmux('send-keys', '-t', name, 'Enter');
    const end = await waitForScreen((s) => s.includes('SKALD-EXITED-'), 'skald to exit');
    expect(end).toContain('SKALD-EXITED-0');
  }, 300_000);
});
