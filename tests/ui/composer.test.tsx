import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { composerLines, moveVisual } from '../../src/ui/components/Composer.js';
import { textWidth } from '../../src/ui/text/wrap.js';
import { EMPTY_EDITOR, insert } from '../../src/ui/input/editor.js';
import { KEYS, liveArea, makeSession, manualExpiry, playTurn, renderApp, tick, waitForFrame, waitUntil } from './harness.js';

afterEach(() => cleanup());

const CTRL_LEFT = '\u001b[1;5D';
const CTRL_RIGHT = '\u001b[1;5C';

describe('the composer', () => {
  it('makes new lines with Alt+Enter and Shift+Enter and sends them as one message', async () => {
    const app = renderApp(await makeSession());
    app.type('first');
    await tick();
    app.type(KEYS.altEnter);
    await tick();
    app.type('second');
    await tick();
    app.type(KEYS.shiftEnter);
    await tick();
    app.type('third');
    await waitForFrame(app.lastFrame, (f) => /› first\n\s+second\n\s+third/.test(liveArea(f)), 'three lines');
    app.type(KEYS.enter);
    await waitUntil(() => app.session.turns().length === 1, 'the turn');
    expect(app.session.turns()[0].input.text).toBe('first\nsecond\nthird');
  });

  it('moves the cursor a word at a time with Ctrl+← and Ctrl+→', async () => {
    const app = renderApp(await makeSession());
    app.type('I open the door');
    await tick();
    app.type(CTRL_LEFT);
    await tick();
    app.type(CTRL_LEFT);
    await tick();
    app.type('X');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› I open Xthe door'), 'X before "the"');
    app.type(CTRL_RIGHT);
    await tick();
    app.type('Y');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› I open XtheY door'), 'Y after "Xthe"');
    app.type(CTRL_RIGHT);
    await tick();
    app.type('!');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› I open XtheY door!'), '! at the end');
  });

  it('takes a paste (several characters at once, newlines kept) without sending it', async () => {
    const app = renderApp(await makeSession());
    app.type('line one\rline two\rline three');
    await waitForFrame(app.lastFrame, (f) => /› line one\n\s+line two\n\s+line three/.test(liveArea(f)), 'the pasted lines');
    expect(app.session.turns()).toHaveLength(0);
    app.type('\u001b[200~bracketed\rpaste\u001b[201~');
    await waitForFrame(
      app.lastFrame,
      (f) => liveArea(f).includes('line threebracketed') && liveArea(f).includes('paste'),
      'the bracketed paste',
    );
    expect(app.session.turns()).toHaveLength(0);
  });

  it('wraps a long message between words, and keeps the cursor on the right line', () => {
    const text = 'I tell Wren about the ferryman and the coin he would not take';
    const editor = insert(EMPTY_EDITOR, text);
    const lines = composerLines(editor, 21);
    // Every visual line ends at a word boundary, and together they are the message.
    expect(lines.map((l) => l.text).join('')).toBe(text);
    for (const line of lines.slice(0, -1)) expect(line.text.endsWith(' ')).toBe(true);
    expect(lines.every((l) => l.text.length <= 20)).toBe(true);
    // The cursor (at the end) is on the last line, after its last character.
    expect(lines[lines.length - 1].cursor).toBe(lines[lines.length - 1].text.length);
    // A cursor moved to the start of a wrapped word is found on that word's line.
    const at = text.indexOf('coin');
    const moved = composerLines({ ...editor, cursor: at }, 21);
    const line = moved.find((l) => l.cursor !== undefined)!;
    expect(line.text.slice(line.cursor)).toMatch(/^coin/);
    // A word with no space to break at is still cut to the width.
    expect(composerLines(insert(EMPTY_EDITOR, 'x'.repeat(50)), 21).map((l) => l.text.length)).toEqual([20, 20, 10]);
  });

  it('measures a long paste once a character, not each line so far again for every one', () => {
    // 17 KB in one line, mixed Latin and CJK: at 100 columns a frame measured ~1.6 million characters, a second a frame.
    const text = 'The quick brown fox 敏捷的狐狸 jumps. '.repeat(400);
    let measured = 0;
    const measure = (t: string) => {
      measured += t.length;
      return textWidth(t);
    };
    const lines = composerLines(insert(EMPTY_EDITOR, text), 99, measure);
    expect(lines.map((l) => l.text).join('')).toBe(text);
    expect(lines.every((l) => textWidth(l.text) <= 98)).toBe(true);
    // Each character once, and each line's last word once more where the line breaks before it.
    expect(measured).toBeLessThan(text.length * 2);
    // Asked again for the same text, cursor and width (the composer, its height and the keys' line in one frame): not measured again.
    const before = measured;
    expect(composerLines(insert(EMPTY_EDITOR, text), 99, measure)).toBe(lines);
    expect(measured).toBe(before);
    composerLines({ text, cursor: 5 }, 99, measure);
    expect(measured).toBeGreaterThan(before);
  });

  it('moves up and down the lines a long message wraps to, by the column on screen', () => {
    // Width 23: 21 columns of text a line.
    const text = 'I tell Wren about the ferryman and the coin he would not take';
    const end = insert(EMPTY_EDITOR, text);
    const lines = composerLines(end, 21);
    expect(lines.length).toBeGreaterThan(2);
    const up = moveVisual(end, 23, -1)!;
    const upLine = composerLines(up, 21).findIndex((l) => l.cursor !== undefined);
    expect(upLine).toBe(lines.length - 2);
    // On the first line there is no line above (↑ walks the history there); on the last, none below.
    expect(moveVisual({ ...end, cursor: 3 }, 23, -1)).toBeUndefined();
    expect(moveVisual(end, 23, 1)).toBeUndefined();
    // Down from column 3 of the first line lands on column 3 of the second.
    const down = moveVisual({ ...end, cursor: 3 }, 23, 1)!;
    expect(down.cursor).toBe(lines[1].start + 3);
    // A column past a shorter line's end stops before its wrapping space, so the cursor stays on that line.
    const long = insert(EMPTY_EDITOR, 'aaaa bbbbbbbbbbbbbbbbbb cc');
    const second = moveVisual({ ...long, cursor: long.text.indexOf('cc') + 2 }, 23, -1)!;
    expect(composerLines(second, 21).findIndex((l) => l.cursor !== undefined)).toBe(1);
    // CJK is two columns a character: column 4 of a Latin line is the third character of a CJK one.
    const cjk = insert(EMPTY_EDITOR, `abcd${' '.repeat(17)}客栈的风雪很大`);
    const onCjk = moveVisual({ ...cjk, cursor: 4 }, 23, 1)!;
    expect(cjk.text.slice(onCjk.cursor)).toBe('的风雪很大');
  });

  it('takes ↑ in a wrapped message as a line up, not the message before it', async () => {
    // ↑ at the end of a message that wrapped replaced it with the last one sent (↓ brought it back).
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    const long = 'I whisper 青山客栈的风雪很大 and smile at Ilsa, then tell her everything about the ferry and the coin and the note';
    app.type(long);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('the note'), 'the long message');
    app.type(KEYS.up);
    await tick();
    app.type('X');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('X'), 'the X');
    const frame = liveArea(app.lastFrame() ?? '');
    expect(frame).not.toMatch(/^› I greet Wren\./m);
    // The X went into the first line, which the cursor moved up to, at the column it was at (the end of "the note").
    const first = frame.split('\n').find((l) => l.startsWith('› '))!;
    expect(first).toContain('青山客栈的风X雪很大');
    app.type(KEYS.up);
    await waitForFrame(app.lastFrame, (f) => /^› I greet Wren\./m.test(liveArea(f)), 'the message before, from the first line');
  });

  it('walks the history of sent messages with Up and Down', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    await playTurn(app, 'I ask about Ilsa.');
    app.type(KEYS.up);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› I ask about Ilsa.'), 'the last message');
    app.type(KEYS.up);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› I greet Wren.'), 'the one before');
    app.type(KEYS.down);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› I ask about Ilsa.'), 'forward again');
  });

  it('quits on the second Ctrl+C; the first shows a hint', async () => {
    // The quit window closes only when the test says: a slow machine never closes it between the keys.
    const app = renderApp(await makeSession(), { scheduleNotice: manualExpiry().schedule });
    app.type('half a thought');
    await tick();
    app.type(KEYS.ctrlC);
    await waitForFrame(app.lastFrame, (f) => f.includes('Ctrl+C again quits'), 'the hint');
    expect(liveArea(app.lastFrame())).not.toContain('half a thought');
    expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);
    app.type(KEYS.ctrlC);
    // Exiting unmounts the app, which releases stdin.
    await waitUntil(() => app.stdin.listenerCount('readable') === 0, 'the app to exit');
  });

  it('keeps a draft Ctrl+C cleared: ↑ brings it back, and the hint says so', async () => {
    const app = renderApp(await makeSession(), { scheduleNotice: manualExpiry().schedule });
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('A long paragraph I wrote with care');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› A long paragraph I wrote with care'), 'the draft');
    app.type(KEYS.ctrlC);
    await waitForFrame(app.lastFrame, (f) => f.includes('Cleared: ↑ brings it back'), 'the hint');
    expect(liveArea(app.lastFrame())).not.toContain('A long paragraph');
    app.type(KEYS.up);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› A long paragraph I wrote with care'), 'the draft back');
    // Nothing was sent.
    expect(app.session.turns()).toHaveLength(0);
  });

  it('does not quit on a second Ctrl+C once the window has closed', async () => {
    const expiry = manualExpiry();
    const app = renderApp(await makeSession(), { scheduleNotice: expiry.schedule });
    app.type(KEYS.ctrlC);
    await waitForFrame(app.lastFrame, (f) => f.includes('Press Ctrl+C again'), 'the hint');
    expect(expiry.durations()).toContain(3000);
    expiry.expire();
    await waitForFrame(app.lastFrame, (f) => !f.includes('Press Ctrl+C again'), 'the hint gone');
    app.type(KEYS.ctrlC);
    // A fresh first press: the hint again, and the app still reading keys.
    await waitForFrame(app.lastFrame, (f) => f.includes('Press Ctrl+C again'), 'the hint again');
    await tick(60);
    expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);
  });

  it('does not quit on a single Ctrl+C followed by other keys', async () => {
    const app = renderApp(await makeSession(), { scheduleNotice: manualExpiry().schedule });
    app.type(KEYS.ctrlC);
    await waitForFrame(app.lastFrame, (f) => f.includes('Press Ctrl+C again'), 'the hint');
    app.type('x');
    await waitForFrame(app.lastFrame, (f) => !f.includes('Press Ctrl+C again'), 'the hint gone');
    app.type(KEYS.ctrlC);
    await tick(60);
    expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);
  });
});

describe('keys that arrive together', () => {
  it('types "/tr" and completes it when Tab comes in the same chunk', async () => {
    const app = renderApp(await makeSession());
    app.type('/tr\t');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› /tree'), 'the completion');
  });

  it('gives a message the engine refused (over 16 KB) back to the composer, to be cut down; it was cleared', async () => {
    const app = renderApp(await makeSession());
    const letter = 'I read the whole letter aloud. '.repeat(600);
    app.type(letter);
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.replace(/\s+/g, ' ').includes('nothing was sent'), 'the refusal');
    expect(app.session.turns()).toHaveLength(0);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('I read the whole letter aloud.'), 'the letter back in the composer');
    // Cut down, it plays.
    app.type('\u0015'); // Ctrl+U
    await tick();
    await playTurn(app, 'I read the first page aloud.');
    expect(app.session.turns().map((t) => t.input.text)).toEqual(['I read the first page aloud.']);
  });

  it('gives a refused edit of the last message back to the composer, still an edit', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    app.type('/edit');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Editing your last message'), 'the edit');
    app.type(' And a long letter.'.repeat(865)); // past 16,384 characters with the message before it
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.replace(/\s+/g, ' ').includes('nothing was sent'), 'the refusal');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('And a long letter.'), 'the edit back in the composer');
    // Cut down below the limit, Enter still edits the last message: no second turn.
    for (let i = 0; i < 80; i++) app.type('\u007f');
    await tick();
    app.type(KEYS.enter);
    await waitUntil(() => app.session.turns()[0]?.input.text.startsWith('I greet Wren. And a long letter.') === true, 'the edited turn');
    expect(app.session.turns()).toHaveLength(1);
  });
});
