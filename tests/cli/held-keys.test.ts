// Keys held while the TUI starts, read as the TUI reads keys (src/cli/held-keys.ts): a cooked Enter
// is Enter, Ctrl+Z is dropped (the TUI ignores it), a bracketed paste is kept whole and as pasted,
// however the terminal's chunks cut it; then the held bytes through the TUI's own key reader.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { heldKeys } from '../../src/cli/held-keys.js';
import { liveArea, makeSession, renderApp, tick, waitForFrame, waitUntil } from '../ui/harness.js';

afterEach(() => cleanup());

/** What the reader hands over for `chunks`, or 'interrupt' when a Ctrl+C stops it. */
function read(...chunks: string[]): string {
  const held = heldKeys();
  for (const chunk of chunks) if (held.push(Buffer.from(chunk, 'utf8'))) return 'interrupt';
  return held.bytes().toString('utf8');
}

const PASTE = '\u001b[200~';
const END = '\u001b[201~';

describe('reading held keys', () => {
  it('reads a cooked Enter (a line feed, or CR LF, even cut between chunks) as Enter and leaves every other byte as typed', () => {
    expect(read('I wave.\n')).toBe('I wave.\r');
    expect(read('a\r\nb\n\nc\r')).toBe('a\rb\r\rc\r');
    expect(read('a\r', '\nb')).toBe('a\rb');
    expect(read('é\u001b[A\t🦊')).toBe('é\u001b[A\t🦊');
  });

  it('hands an Esc read on its own over as Esc when a key follows it, which held together would make Alt+key', () => {
    expect(read('\u001b', 'h')).toBe('\u001b[27uh');
    expect(read('\u001b', '\u001b[A')).toBe('\u001b[27u\u001b[A');
    expect(read('ab', '\u001b', '\u001b', 'c')).toBe('ab\u001b[27u\u001b[27uc');
    // Last, it stays as read (a lone escape byte is Esc to the TUI's reader); a sequence cut after its escape is joined again.
    expect(read('x', '\u001b')).toBe('x\u001b');
    expect(read('\u001b', '[B')).toBe('\u001b[B');
    expect(read('\u001b', `[200~a\nb${END}`)).toBe(`${PASTE}a\nb${END}`);
    // Alt+H typed is one read, and stays Alt+H.
    expect(read('\u001bh')).toBe('\u001bh');
  });

  it('drops a Ctrl+Z, which does nothing in the TUI, and stops at a Ctrl+C', () => {
    expect(read('ab\u001acd')).toBe('abcd');
    expect(read('\u001a')).toBe('');
    expect(read('abc', 'd\u0003ef')).toBe('interrupt');
  });

  it('keeps a bracketed paste whole and as pasted: its line feeds, a Ctrl+C or Ctrl+Z in it, and its markers', () => {
    const paste = `${PASTE}one\ntwo\r\n\u0003\u001a\tthree\r${END}`;
    expect(read(`x\n${paste}\ny`)).toBe(`x\r${paste}\ry`);
    // Two pastes, and escape sequences that are not markers.
    expect(read(`${PASTE}a\n${END}\u001b[A\u001b[20~${PASTE}b\n${END}`)).toBe(`${PASTE}a\n${END}\u001b[A\u001b[20~${PASTE}b\n${END}`);
  });

  it('reads the same however the chunks cut the keys, markers included', () => {
    const typed = `ab\n\u001a${PASTE}one\n\u0003two${END}\u001b[Bc\r\n${PASTE}🦊\n${END}\n`;
    const whole = read(typed);
    expect(whole).toBe(`ab\r${PASTE}one\n\u0003two${END}\u001b[Bc\r${PASTE}🦊\n${END}\r`);
    const bytes = Buffer.from(typed, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      for (let second = cut + 1; second <= bytes.length; second++) {
        const held = heldKeys();
        for (const chunk of [bytes.subarray(0, cut), bytes.subarray(cut, second), bytes.subarray(second)])
          expect(held.push(chunk)).toBe(false);
        expect(held.bytes().toString('utf8'), `cut at ${cut} and ${second}`).toBe(whole);
      }
    }
  });

  it('hands over a paste still arriving, or a marker cut short, as far as it came (the rest reaches the TUI after it)', () => {
    expect(read(`a${PASTE}one\ntw`)).toBe(`a${PASTE}one\ntw`);
    expect(read(`a${PASTE}one\n\u001b[20`)).toBe(`a${PASTE}one\n\u001b[20`);
    expect(read('a\u001b[2')).toBe('a\u001b[2');
  });
});

describe('a paste held while the TUI started, in the TUI', () => {
  it('reaches the composer as one paste: its newlines do not send, the Enter typed after it does', async () => {
    const held = heldKeys();
    for (const chunk of ['I say: ', `${PASTE}line one\rli`, `ne two\r${END}`]) held.push(Buffer.from(chunk));
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.stdin.write(held.bytes().toString('utf8'));
    await waitForFrame(app.lastFrame, (f) => /› I say: line one\n\s+line two/.test(liveArea(f)), 'the pasted lines');
    await tick();
    expect(app.session.turns()).toHaveLength(0);
    app.type('\r');
    await waitUntil(() => app.session.turns().length === 1, 'the turn');
    expect(app.session.turns()[0].input.text).toBe('I say: line one\nline two');
  });
});

describe('an Esc held while the TUI started, in the TUI', () => {
  it('is Esc, and the key read after it is that key (not Alt+key)', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('\u001bOP');
    await waitForFrame(app.lastFrame, (f) => /Help {2}1–/.test(f), 'the help');
    app.stdin.write(read('\u001b', 'x'));
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› x'), 'the help closed and x typed');
  });
});
