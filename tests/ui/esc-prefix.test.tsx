// Esc then `O` or `[` typed fast reach the TUI as ESC O / ESC [, the start of an escape sequence:
// the input parser holds them for the rest, and a letter after them made a sequence no terminal
// sends. Held a moment (the wait injected here), they are the Esc and the key; a sequence split
// between reads after its `[` is still the key it is.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { joinEscapePrefix, typedAfterEscape } from '../../src/ui/input/keypress.js';
import { liveArea, makeSession, manualExpiry, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

const HELP = /Help {2}1–/;

describe('ESC [ and ESC O', () => {
  it('join the next read into the sequence they start, or are Esc, the character and what came next', () => {
    expect(joinEscapePrefix('\u001b[', 'A')).toEqual(['\u001b[A']);
    expect(joinEscapePrefix('\u001b[', '6~x')).toEqual(['\u001b[6~', 'x']);
    expect(joinEscapePrefix('\u001bO', 'Q')).toEqual(['\u001bOQ']);
    expect(joinEscapePrefix('\u001bO', 'f course')).toEqual(['\u001b', 'O', 'f course']);
    expect(joinEscapePrefix('\u001b[', '\u001b[A')).toEqual(['\u001b', '[', '\u001b[A']);
    expect(typedAfterEscape('\u001bOf')).toEqual(['\u001b', 'O', 'f']);
    expect(typedAfterEscape('\u001b[t')).toEqual(['\u001b', '[', 't']);
    // "OK" typed after an Esc: no terminal sends ESC O K for a key.
    expect(typedAfterEscape('\u001bOK')).toEqual(['\u001b', 'O', 'K']);
    expect(typedAfterEscape('\u001b[Y')).toEqual(['\u001b', '[', 'Y']);
    // rxvt's Shift and Ctrl arrows, and the keys a terminal does send, stay whole.
    expect(typedAfterEscape('\u001b[a')).toBeUndefined();
    expect(typedAfterEscape('\u001bOd')).toBeUndefined();
    expect(typedAfterEscape('\u001bOQ')).toBeUndefined();
    expect(typedAfterEscape('\u001b[Z')).toBeUndefined();
    expect(typedAfterEscape('\u001bOM')).toBeUndefined();
    expect(typedAfterEscape('\u001b[1;5A')).toBeUndefined();
    expect(typedAfterEscape('\u001b[97;5u')).toBeUndefined();
    expect(typedAfterEscape('\u001b[?1;2c')).toBeUndefined();
  });

  it('are an Esc and typed keys after it where the terminal, in the modes skald sets, sends no such key', () => {
    // Cursor keys as ESC [ (skald resets the application mode that sends ESC O A): "OA" typed.
    expect(typedAfterEscape('\u001bOA')).toEqual(['\u001b', 'O', 'A']);
    expect(typedAfterEscape('\u001bOH')).toEqual(['\u001b', 'O', 'H']);
    expect(joinEscapePrefix('\u001bO', 'A')).toEqual(['\u001b', 'O', 'A']);
    // No focus reports (skald turns them off): "[OOC" and "[I" typed, as "[1]".
    expect(typedAfterEscape('\u001b[O')).toEqual(['\u001b', '[', 'O']);
    expect(typedAfterEscape('\u001b[I')).toEqual(['\u001b', '[', 'I']);
    expect(typedAfterEscape('\u001b[1]')).toEqual(['\u001b', '[', '1', ']']);
    expect(joinEscapePrefix('\u001b[', 'OOC')).toEqual(['\u001b', '[', 'OOC']);
  });

  it('Esc then "[OOC: slower]" typed fast closes the help and types the whole of it', async () => {
    const app = renderApp(await makeSession(), { scheduleEscape: manualExpiry().schedule });
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('\u001bOP');
    await waitForFrame(app.lastFrame, (f) => HELP.test(f), 'the help');
    app.type('\u001b[OOC: slower]');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› [OOC: slower]') && !HELP.test(f), 'the help closed, the note typed');
  });

  it('Esc, O, then A in the next read before the wait ends are the Esc and "OA", not Up', async () => {
    const app = renderApp(await makeSession(), { scheduleEscape: manualExpiry().schedule });
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('\u001bOP');
    await waitForFrame(app.lastFrame, (f) => HELP.test(f), 'the help');
    app.type('\u001bO');
    await tick();
    app.type('AK');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› OAK') && !HELP.test(f), 'the help closed, "OAK" typed');
  });

  it('Esc then O over the help closes it and types the O once the wait is over', async () => {
    const wait = manualExpiry();
    const app = renderApp(await makeSession(), { scheduleEscape: wait.schedule });
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('\u001bOP');
    await waitForFrame(app.lastFrame, (f) => HELP.test(f), 'the help');
    app.type('\u001bO');
    await tick();
    await tick();
    expect(app.lastFrame()).toMatch(HELP);
    wait.expire();
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› O'), 'the help closed, the O typed');
    expect(frame).not.toMatch(HELP);
  });

  it('Esc, O and a letter in one read close the help and type both letters', async () => {
    const app = renderApp(await makeSession(), { scheduleEscape: manualExpiry().schedule });
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('\u001bOP');
    await waitForFrame(app.lastFrame, (f) => HELP.test(f), 'the help');
    app.type('\u001bOf');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› Of') && !HELP.test(f), 'the help closed, "Of" typed');
  });

  it('a PgDn split after its [ scrolls the help', async () => {
    const app = renderApp(await makeSession(), { scheduleEscape: manualExpiry().schedule });
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('\u001bOP');
    await waitForFrame(app.lastFrame, (f) => HELP.test(f), 'the help');
    app.type('\u001b[');
    await tick();
    await tick();
    app.type('6~');
    await waitForFrame(app.lastFrame, (f) => HELP.test(f) === false && /Help {2}\d+–/.test(f), 'the help turned a page');
    expect(liveArea(app.lastFrame() ?? '')).not.toContain('6~');
  });
});
