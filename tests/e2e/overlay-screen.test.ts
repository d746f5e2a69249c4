// The built `skald` in a real terminal (tmux): an overlay as tall as the terminal (/help, F1) is
// drawn on the alternate screen, so closing it shows the story as it was, with the earlier turns
// on screen and nothing printed twice into the scrollback. Ink treats a set CI variable as
// non-interactive, so the child runs with CI unset.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endPane, endSession, hasTmux, pane, root, startPlay, tmux } from '../support/tmux.js';

if (!hasTmux) console.warn('skipping the tmux overlay test: tmux is not installed (.ci/run installs it)');

const p = pane('skald-overlay');
const { name, stableScreen, waitForScreen } = p;
/** The scrollback and the screen. */
const everything = () => tmux('capture-pane', '-p', '-S', '-', '-t', name);
const onAlternate = () => tmux('display-message', '-p', '-t', name, '#{alternate_on}').trim() === '1';

const count = (text: string, part: string) => text.split(part).length - 1;
const settled = (turn: number) => (s: string) => s.includes(`turn ${turn} ·`) && !s.includes('Esc stops') && /[◀◁] 1\/3 [▶▷]/.test(s);
const helpOpen = (s: string) => /Help {2}1–/.test(s);
/** The help's length in lines, from its header ("Help  1–27 of 89"). */
const helpLength = (s: string) => /Help {2}1–\d+ of (\d+)/.exec(s)?.[1];
// The live area with the composer, back on the normal screen (the frame without the overlay is drawn on the alternate one first).
const composer = (s: string) => s.includes('Enter send') && !helpOpen(s) && !onAlternate();
// The story back above the live area: a redraw (a resize, or the live area's room changing under
// the overlay) clears the screen and prints the history again just after the live area is drawn.
const storyBack = (s: string) =>
  composer(s) && s.split('The Glass Orchard · Homecoming · turn 3')[0].includes('Tamsin › I ask Wren about the debt.');

describe.skipIf(!hasTmux)('an overlay in a real terminal', () => {
  beforeAll(() => startPlay(p, 100, 40, 'skald-test-overlay-'));
  afterAll(() => endPane(p));

  it('closes the help onto the story as it was, the earlier turns on screen and printed once', async () => {
    await waitForScreen((s) => s.includes('turn 0') && s.includes('What do you do?'), 'the opening');
    const lines = ['I look around the orchard.', 'I ask Wren about the debt.', 'I walk down to the river.'];
    for (const [i, line] of lines.entries()) {
      tmux('send-keys', '-t', name, '-l', line);
      tmux('send-keys', '-t', name, 'Enter');
      await waitForScreen(settled(i + 1), `turn ${i + 1}`);
    }
    const before = await stableScreen();
    // The second turn's reply is above the live area, on screen.
    expect(before.split('The Glass Orchard · Homecoming · turn 3')[0]).toContain('Tamsin › I ask Wren about the debt.');

    // F1, not "/help": typing a command draws its hint under the composer, which scrolls the story
    // up a row before the help opens, so the screen after would rightly differ by that row.
    tmux('send-keys', '-t', name, 'F1');
    const help = await waitForScreen(helpOpen, 'the help');
    const helpOnAlternate = onAlternate();

    tmux('send-keys', '-t', name, 'Escape');
    const after = await waitForScreen(storyBack, 'the story again');
    expect(after).toBe(before);
    expect(helpOnAlternate).toBe(true);
    expect(help).not.toContain('Tamsin › I ask Wren about the debt.');
    const all = everything();
    expect(count(all, 'You play Tamsin.')).toBe(1);
    expect(count(all, 'Tamsin › I ask Wren about the debt.')).toBe(1);
    expect(all).not.toMatch(/Help {2}1–/);
  }, 400_000);

  it('prints the story afresh at the new width when the terminal is resized under F1, once', async () => {
    tmux('send-keys', '-t', name, 'F1');
    const wide = helpLength(await waitForScreen(helpOpen, 'the help'));
    tmux('resize-window', '-t', name, '-x', '80', '-y', '40');
    // skald has laid the help out again at 80 columns once its length in lines has changed (tmux
    // cuts the lines itself, so their width alone says nothing about skald).
    await waitForScreen((s) => helpOpen(s) && helpLength(s) !== wide, 'the help at 80 columns');
    tmux('send-keys', '-t', name, 'Escape');
    const after = await waitForScreen(storyBack, 'the story again');
    expect(onAlternate()).toBe(false);
    expect(after.split('The Glass Orchard · Homecoming · turn 3')[0]).toContain('Tamsin › I ask Wren about the debt.');
    const all = everything();
    expect(count(all, 'You play Tamsin.')).toBe(1);
    expect(count(all, 'Tamsin › I ask Wren about the debt.')).toBe(1);
  }, 400_000);

  it('closes the debug pane that stands beside the story on a wide terminal onto the story as it was', async () => {
    tmux('resize-window', '-t', name, '-x', '130', '-y', '40');
    await waitForScreen((s) => composer(s) && s.split('\n').some((l) => l.length > 100), 'the story at 130 columns');
    const before = await stableScreen();
    tmux('send-keys', '-t', name, 'F2');
    const pane = await waitForScreen((s) => /debug · (lines )?1–/.test(s), 'the debug pane beside the story');
    const paneOnAlternate = onAlternate();
    tmux('send-keys', '-t', name, 'F2');
    const after = await waitForScreen((s) => storyBack(s) && !/debug · (lines )?\d/.test(s), 'the story again');
    expect(paneOnAlternate).toBe(true);
    expect(pane).not.toContain('Tamsin › I ask Wren about the debt.');
    expect(after).toBe(before);
    expect(after.split('The Glass Orchard · Homecoming · turn 3')[0]).toContain('Tamsin › I ask Wren about the debt.');
    expect(count(everything(), 'Tamsin › I ask Wren about the debt.')).toBe(1);
  }, 400_000);

  it('quits with the help open onto the normal screen, the whole story printed', async () => {
    tmux('send-keys', '-t', name, 'F1');
    await waitForScreen(helpOpen, 'the help');
    tmux('send-keys', '-t', name, 'C-c');
    await waitForScreen((s) => s.includes('Press Ctrl+C again'), 'the quit armed');
    tmux('send-keys', '-t', name, 'C-c');
    const end = await waitForScreen((s) => s.includes('SKALD-EXITED-'), 'skald to exit');
    expect(end).toContain('SKALD-EXITED-0');
    expect(onAlternate()).toBe(false);
    expect(end).toContain('Tamsin › I walk down to the river.');
    expect(count(everything(), 'Tamsin › I walk down to the river.')).toBe(1);
  }, 400_000);
});

describe.skipIf(!hasTmux)('an overlay in a dumb terminal', () => {
  const dumb = `${name}-dumb`;
  afterAll(() => {
    endSession(dumb);
  });

  it('is drawn in the normal flow, with no switch of screens the terminal may not have', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-test-overlay-dumb-'));
    const command = `cd '${root}' && env -u CI TERM=dumb SKALD_HOME='${home}' '${process.execPath}' bin/skald.js play glass-orchard --offline --seed 1; echo SKALD-EXITED-$?; sleep 60`;
    tmux('new-session', '-d', '-s', dumb, '-x', '100', '-y', '40', command);
    const dumbScreen = () => tmux('capture-pane', '-p', '-t', dumb);
    const started = Date.now();
    const waitFor = async (check: (s: string) => boolean, what: string) => {
      while (!check(dumbScreen())) {
        if (Date.now() - started > 60_000) throw new Error(`timed out waiting for ${what}; the screen:\n${dumbScreen()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await waitFor((s) => s.includes('What do you do?'), 'the opening');
    tmux('send-keys', '-t', dumb, 'F1');
    await waitFor(helpOpen, 'the help');
    expect(tmux('display-message', '-p', '-t', dumb, '#{alternate_on}').trim()).toBe('0');
  }, 120_000);
});

describe.skipIf(!hasTmux)('an overlay open when skald ends abruptly', () => {
  const sessions: string[] = [];
  afterAll(() => {
    for (const s of sessions) endSession(s);
  });

  /** Starts skald with a preload that throws an uncaught error on SIGUSR2, opens the help, and returns the session and skald's pid. */
  async function helpOpenIn(suffix: string): Promise<{ session: string; pid: number; screenOf: () => string }> {
    const session = `${name}-${suffix}`;
    sessions.push(session);
    const home = mkdtempSync(join(tmpdir(), `skald-test-overlay-${suffix}-`));
    const crash = join(home, 'crash-on-usr2.mjs');
    writeFileSync(crash, "process.on('SIGUSR2', () => setImmediate(() => { throw new Error('boom from the test'); }));\n");
    const command = `cd '${root}' && env -u CI SKALD_HOME='${home}' '${process.execPath}' --import '${crash}' bin/skald.js play glass-orchard --offline --seed 1; echo SKALD-EXITED-$?; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '40', command);
    const screenOf = () => tmux('capture-pane', '-p', '-t', session);
    const started = Date.now();
    const waitFor = async (check: (s: string) => boolean, what: string) => {
      while (!check(screenOf())) {
        if (Date.now() - started > 60_000) throw new Error(`timed out waiting for ${what}; the screen:\n${screenOf()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await waitFor((s) => s.includes('What do you do?'), 'the opening');
    tmux('send-keys', '-t', session, 'F1');
    await waitFor(helpOpen, 'the help');
    // The node process itself, not the shell whose command line names the same preload.
    const pid = Number(
      execFileSync('pgrep', ['-a', '-f', crash], { encoding: 'utf8' })
        .split('\n')
        .find((line) => line.split(' ')[1] === process.execPath)
        ?.split(' ')[0],
    );
    return { session, pid, screenOf };
  }

  async function exited(screenOf: () => string): Promise<string> {
    const started = Date.now();
    for (;;) {
      const text = screenOf();
      if (text.includes('SKALD-EXITED-')) return text;
      if (Date.now() - started > 60_000) throw new Error(`timed out waiting for skald to exit; the screen:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('leaves the terminal on the normal screen, the opening on it, after SIGTERM', async () => {
    const { session, pid, screenOf } = await helpOpenIn('term');
    process.kill(pid, 'SIGTERM');
    const end = await exited(screenOf);
    expect(end).toContain('SKALD-EXITED-143');
    expect(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim()).toBe('0');
    expect(end).toContain('The ferryman');
  }, 120_000);

  it('leaves the terminal on the normal screen before a crash is reported, so the error is read there', async () => {
    const { session, pid, screenOf } = await helpOpenIn('crash');
    process.kill(pid, 'SIGUSR2');
    const end = await exited(screenOf);
    expect(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim()).toBe('0');
    expect(end).toContain('boom from the test');
    expect(end).toContain('The ferryman');
  }, 120_000);
});
