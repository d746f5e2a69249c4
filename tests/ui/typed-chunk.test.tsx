// Keys that reach the TUI in one chunk (typed faster than they were read, or held while it started,
// src/cli/early-keys.ts) act as the keys they are, in order: a Backspace or Ctrl+C among letters is
// pressed, not inserted into the composer as a control character.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { splitCommandLine, splitKeys } from '../../src/ui/input/keypress.js';
import { liveArea, makeSession, renderApp, waitForFrame, waitUntil } from './harness.js';

afterEach(() => cleanup());

describe('several keys in one chunk', () => {
  it('splits control characters from text runs, presses a trailing Enter, and leaves escape sequences whole', () => {
    expect(splitKeys('hel\u007fp\r')).toEqual(['hel', '\u007f', 'p', '\r']);
    expect(splitKeys('words\r')).toEqual(['words', '\r']);
    expect(splitKeys('/tr\t')).toEqual(['/tr', '\t']);
    // A newline inside a run is pasted text (tests/ui/composer.test.tsx), not Enter.
    expect(splitKeys('line one\rline two')).toEqual(['line one\rline two']);
    expect(splitKeys('\r')).toEqual(['\r']);
    // Enters or Tabs alone are pressed one by one (Enter, Enter held while the TUI started).
    expect(splitKeys('\r\r')).toEqual(['\r', '\r']);
    expect(splitKeys('\t\t\r')).toEqual(['\t', '\t', '\r']);
    expect(splitKeys('a\r\r')).toEqual(['a\r\r']);
    // A command's completion then Enter, or Tab twice (the name, then its argument), typed fast.
    expect(splitKeys('/he\t\r')).toEqual(['/he', '\t', '\r']);
    expect(splitKeys('/op\t\t')).toEqual(['/op', '\t', '\t']);
    expect(splitKeys('cell\tcell')).toEqual(['cell\tcell']);
    expect(splitKeys('Grüße, 你好')).toEqual(['Grüße, 你好']);
    expect(splitKeys('\u001b[A')).toEqual(['\u001b[A']);
    expect(splitKeys('x\u001b[D')).toEqual(['x\u001b[D']);
  });

  it('presses the Enter after a command line, where a newline in other text stays pasted', () => {
    expect(splitCommandLine('/help\rq')).toEqual(['/help', '\r', 'q']);
    expect(splitCommandLine('/remember the key is blue\r/tree\r')).toEqual(['/remember the key is blue', '\r', '/tree', '\r']);
    expect(splitCommandLine('/help\r')).toEqual(['/help', '\r']);
    // A Tab before the Enter is pressed, as in a chunk that ends at the Enter: the name completes first.
    expect(splitCommandLine('/he\t\rq')).toEqual(['/he', '\t', '\r', 'q']);
    expect(splitCommandLine('/remember a\tb\rq')).toEqual(['/remember a\tb', '\r', 'q']);
    expect(splitCommandLine('/help')).toBeUndefined();
    expect(splitCommandLine('line one\rline two')).toBeUndefined();
    expect(splitCommandLine('/\rq')).toBeUndefined();
  });

  it('presses a Backspace and Enter that came with the letters, sending the line as edited', async () => {
    const session = await makeSession();
    const app = renderApp(session);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.stdin.write('I wavx\u007fe.\r');
    await waitUntil(() => session.turns().length === 1, 'the turn');
    expect(session.turns()[0].input.text).toBe('I wave.');
  });

  it('completes a command with the Tab that came with its letters, and runs it with the Enter after', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('/hel\t\r');
    await waitForFrame(app.lastFrame, (f) => /Help {2}1–/.test(f), 'the help, from /help completed and sent');
  });

  it('completes the command before its Enter when more keys came after it, instead of sending it half-typed', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('/he\t\rq');
    await waitForFrame(app.lastFrame, (f) => /Help {2}1–/.test(f), 'the help, from /help completed and sent');
    expect(app.frames.join('\n')).not.toContain('There is no command');
  });

  it('clears the composer on a Ctrl+C that came with the letters', async () => {
    const session = await makeSession();
    const app = renderApp(session);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.stdin.write('abc\u0003');
    await waitForFrame(app.lastFrame, (f) => f.includes('Ctrl+C again'), 'the quit notice');
    expect(liveArea(app.lastFrame() ?? '')).not.toContain('abc');
    expect(app.lastFrame()).not.toContain('\u0003');
  });
});
