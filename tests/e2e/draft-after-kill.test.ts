// A player's message outlives a crash in the middle of its reply: the built skald is killed (SIGKILL, no chance to
// clean up) while the loopback model holds the reply, and the resumed story starts with the message in the composer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { endPane, hasTmux, pane, root, tmux } from '../support/tmux.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';

if (!hasTmux) console.warn('skipping the tmux draft test: tmux is not installed (.ci/run installs it)');

const first = pane('skald-draft-a');
const second = pane('skald-draft-b');
let server: OpenAIServer | undefined;

function play(p: typeof first, home: string, url: string, resume: boolean): void {
  const args = resume ? '--resume last' : 'glass-orchard --seed 1';
  const command = `cd '${root}' && env -u CI SKALD_HOME='${home}' '${process.execPath}' bin/skald.js play ${args} --base-url ${url} --model test-model; echo SKALD-EXITED-$?; sleep 60`;
  tmux('new-session', '-d', '-s', p.name, '-x', '100', '-y', '30', command);
}

describe.skipIf(!hasTmux)('a message sent just before skald is killed', () => {
  afterAll(async () => {
    endPane(first);
    endPane(second);
    await server?.close();
  });

  it('is back in the composer of the resumed story, with a note saying so', async () => {
    let release!: () => void;
    const never = new Promise<void>((resolve) => (release = resolve));
    server = await startOpenAIServer({
      models: ['test-model'],
      behaviour: { content: 'Wren looks up from the sluice. "You came back."', chunkSize: 6, holdAfter: { chunks: 1, until: never } },
    });
    const home = mkdtempSync(join(tmpdir(), 'skald-test-draft-'));
    play(first, home, server.url, false);
    await first.waitForScreen((s) => s.includes('turn 0') && s.includes('What do you do?'), 'the opening');
    tmux('send-keys', '-t', first.name, '-l', 'I kneel by the wheel and wait.');
    tmux('send-keys', '-t', first.name, 'Enter');
    await first.waitForScreen((s) => s.includes('Esc stops'), 'the reply being written');
    const shell = tmux('display-message', '-p', '-t', first.name, '#{pane_pid}').trim();
    const node = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0];
    execFileSync('kill', ['-9', node]);
    await first.waitForScreen((s) => s.includes('SKALD-EXITED-137'), 'skald killed');
    release();

    play(second, home, server.url, true);
    const screen = await second.waitForScreen((s) => s.includes('never answered'), 'the resumed story');
    expect(screen.replace(/\n/g, ' ')).toContain('What you wrote last time was never answered');
    expect(screen).toMatch(/^› I kneel by the wheel and wait\./m);

    // Quitting with the words still unsent (Ctrl+C clears the composer, a second one quits) keeps them again.
    tmux('send-keys', '-t', second.name, 'C-c');
    await second.waitForScreen((s) => s.includes('Cleared'), 'the cleared composer');
    tmux('send-keys', '-t', second.name, 'C-c');
    await second.waitForScreen((s) => s.includes('SKALD-EXITED-0'), 'skald to exit');
    const drafts = readdirSync(join(home, 'sessions')).filter((f) => f.endsWith('.draft'));
    expect(drafts).toHaveLength(1);
    expect(readFileSync(join(home, 'sessions', drafts[0]), 'utf8')).toBe('I kneel by the wheel and wait.');
  }, 300_000);
});
