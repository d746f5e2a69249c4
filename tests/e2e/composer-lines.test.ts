// The built `skald` in a real terminal (tmux): ↑ in a message long enough to wrap moves the cursor
// up the lines the composer shows; it used to replace the message with the last one sent. Ink
// treats a set CI variable as non-interactive, so the child runs with CI unset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endPane, hasTmux, pane, startPlay, tmux } from '../support/tmux.js';

if (!hasTmux) console.warn('skipping the tmux composer test: tmux is not installed (.ci/run installs it)');

const p = pane('skald-lines');
const { name, waitForScreen } = p;

describe.skipIf(!hasTmux)('the composer in a real terminal', () => {
  beforeAll(() => startPlay(p, 80, 24, 'skald-test-lines-'));
  afterAll(() => endPane(p));

  it('moves up a wrapped message with ↑, and reaches the history only from its first line', async () => {
    await waitForScreen((s) => s.includes('turn 0') && s.includes('What do you do?'), 'the opening');
    tmux('send-keys', '-t', name, '-l', 'I greet Wren.');
    tmux('send-keys', '-t', name, 'Enter');
    await waitForScreen((s) => s.includes('turn 1') && s.includes('score'), 'the first reply');

    const long = 'I whisper 青山客栈 and smile at Ilsa, then tell her about the ferry, the coin and the note';
    tmux('send-keys', '-t', name, '-l', long);
    await waitForScreen((s) => s.includes('and the note'), 'the long message, wrapped');
    tmux('send-keys', '-t', name, 'Up');
    tmux('send-keys', '-t', name, '-l', '#');
    const moved = await waitForScreen((s) => s.includes('#'), 'the mark typed after ↑');
    // The mark went into the message's first line; the message is still there, not the one sent before.
    const first = moved.split('\n').find((l) => l.startsWith('› I whisper'));
    expect(first).toContain('#');
    expect(moved).toContain('and the note');

    // From the first line, ↑ walks the history; ↓ brings the message back.
    tmux('send-keys', '-t', name, 'Up');
    await waitForScreen((s) => /^› I greet Wren\.\s*$/m.test(s), 'the message sent before');
    tmux('send-keys', '-t', name, 'Down');
    await waitForScreen((s) => s.includes('and the note'), 'the long message again');

    tmux('send-keys', '-t', name, 'C-u');
    tmux('send-keys', '-t', name, '-l', '/quit');
    tmux('send-keys', '-t', name, 'Enter');
    const end = await waitForScreen((s) => s.includes('SKALD-EXITED-'), 'skald to exit');
    expect(end).toContain('SKALD-EXITED-0');
  }, 300_000);
});
