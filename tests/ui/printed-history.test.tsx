// The history goes to the terminal through Ink's own stdout writer (not <Static>): rendered here
// with ink-testing-library and no collecting sink, so the bytes are exactly what Ink writes.
import { afterEach, describe, expect, it } from 'vitest';
import chalk from 'chalk';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import { Lines } from '../../src/ui/components/Lines.js';
import { fileServices } from '../../src/cli/file-services.js';
import { historyText, lineText } from '../../src/ui/text/ansi.js';
import { textWidth } from '../../src/ui/text/wrap.js';
import stringWidth from 'string-width';
import type { Line } from '../../src/ui/text/wrap.js';
import { liveArea, makeSession, tick, waitForFrame, waitUntil } from './harness.js';

const level = chalk.level;
const noColor = process.env.NO_COLOR;
afterEach(() => {
  cleanup();
  chalk.level = level;
  if (noColor === undefined) delete process.env.NO_COLOR;
  else process.env.NO_COLOR = noColor;
});

async function drain(events: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of events);
}

/** A frame Ink drew of the live area (its header line), not a block of printed rows. */
const isLive = (frame: string) => / · turn \d+ · /.test(frame);

/** The numbers of the "step N" player messages in `text`, in the order they appear. */
const steps = (text: string) => [...text.matchAll(/I count step number (\d+) aloud\./g)].map((m) => Number(m[1]));

describe('the printed history of a resumed story', () => {
  it('shows the last reply on the first frame, prints the turns before it once and in order, then adds new turns below', async () => {
    const session = await makeSession({ candidates: 1 });
    const total = 120;
    for (let i = 1; i <= total; i++) await drain(session.play({ text: `I count step number ${i} aloud.` }));
    const lastReply = session.turns()[total - 1].candidates[0].text.split('\n')[0].slice(0, 40);
    const app = render(<App started={{ session, notes: [] }} services={fileServices} />);
    await waitForFrame(app.lastFrame, (f) => f.includes(`turn ${total} ·`), 'the first frame');

    // The first frame Ink draws is the live area with the last turn and its reply; the rows above
    // it are written in the same commit, before anything else is drawn.
    const first = app.frames[0];
    expect(liveArea(first)).toContain(`turn ${total} ·`);
    expect(liveArea(first).replace(/\n/g, ' ')).toContain(lastReply.replace(/\n/g, ' '));
    const history = app.frames.findIndex((f) => !isLive(f));
    expect(app.frames[history]).toContain('earlier turns not shown');
    for (const frame of app.frames.slice(0, history)) expect(frame).toBe(first);

    // Every frame's rows above the live area, in order, are what the terminal keeps: each turn of
    // the window once, in story order, up to the one on the live area.
    const printed = () => app.frames.filter((f) => !isLive(f)).join('');
    const hidden = Number(/… (\d+) earlier turns not shown/.exec(printed())![1]);
    expect(steps(printed())).toEqual(Array.from({ length: total - 1 - hidden }, (_, i) => hidden + 1 + i));
    expect(steps(liveArea(app.lastFrame()!))).toEqual([total]);

    // The next turn: the old last turn is printed above, once, and the new one is on the live area.
    app.stdin.write('I count step number 121 aloud.');
    await tick();
    app.stdin.write('\r');
    await waitUntil(() => session.turns().length === total + 1, 'the next turn');
    await waitForFrame(app.lastFrame, (f) => f.includes(`turn ${total + 1} ·`) && !liveArea(f).includes('Esc stops'), 'turn 121');
    await tick(100);
    expect(steps(printed())).toEqual(Array.from({ length: total - hidden }, (_, i) => hidden + 1 + i));
    expect(steps(liveArea(app.lastFrame()!))).toEqual([total + 1]);
  });
});

describe('history rows as terminal text', () => {
  const lines: Line[] = [
    [
      { text: 'Wren', kind: 'name', color: '#c8a165' },
      { text: ' says ', kind: 'plain' },
      { text: '"hi"', kind: 'dialogue' },
      { text: ' and ', kind: 'plain' },
      { text: '*waves*', kind: 'action' },
    ],
    [{ text: 'Tamsin › I wave back.', kind: 'player' }],
    [{ text: '(a note)   ', kind: 'meta' }],
    [],
    [
      { text: 'Danger', kind: 'error' },
      { text: ' and ', kind: 'plain' },
      { text: 'notice', kind: 'notice' },
      { text: 'Mara', kind: 'name', color: 'cyan' },
    ],
  ];

  it('reads as the same text Ink draws for the live area, line for line', () => {
    chalk.level = 3;
    const ink = render(<Lines lines={lines} />).lastFrame()!;
    const strip = (t: string) => t.replace(/\u001b\[[0-9;]*m/g, '');
    // Trailing blanks aside (Ink keeps a styled run's, trims the unused cells): invisible either way.
    const rows = (t: string) =>
      strip(t)
        .split('\n')
        .map((l) => l.trimEnd());
    expect(rows(historyText([{ lines }]))).toEqual([...rows(ink), '']);
  });

  it('styles each run as its <Text> does, and drops colours under NO_COLOR but keeps bold and italics', () => {
    chalk.level = 3;
    delete process.env.NO_COLOR;
    const coloured = lineText(lines[0]);
    expect(coloured).toContain(chalk.bold(chalk.hex('#c8a165')('Wren')));
    expect(coloured).toContain(chalk.whiteBright('"hi"'));
    expect(coloured).toContain(chalk.italic(chalk.gray('*waves*')));
    expect(lineText(lines[1])).toBe(chalk.greenBright('Tamsin › I wave back.'));
    expect(lineText(lines[2])).toBe(chalk.dim('(a note)   '));
    expect(lineText(lines[3])).toBe('');
    process.env.NO_COLOR = '1';
    const plain = lineText(lines[0]);
    expect(plain).not.toMatch(/\u001b\[(?:3[0-7]|9[0-7]|38;[25];[\d;]+)m/);
    expect(plain).toContain(chalk.bold('Wren'));
    expect(plain).toContain(chalk.italic('*waves*'));
  });

  it('never writes an escape or control character that reached a run', () => {
    chalk.level = 0;
    const evil: Line = [{ text: 'a\u001b]52;c;aGk=\u0007b\u001b[2Jc\u0085d\u202ee', kind: 'plain' }];
    expect(lineText(evil)).toBe('abcde');
  });
});

describe('text width', () => {
  it('gives what string-width gives, printable ASCII by its length', () => {
    const samples = [
      '',
      ' ',
      'Hello, world!',
      Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join(''),
      'tab\there',
      '青山客栈',
      'café',
      'emoji 👍🏽 ok',
      'ｆｕｌｌ',
      'e\u0301',
    ];
    for (const s of samples) expect(textWidth(s), JSON.stringify(s)).toBe(stringWidth(s));
  });

  it('measures Latin-1 and typographic punctuation by length exactly as string-width does', () => {
    const fast = [
      [0x20, 0x7e],
      [0xa0, 0xac],
      [0xae, 0xff],
      [0x2010, 0x2027],
      [0x2030, 0x205e],
    ];
    const chars = fast.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)));
    for (const c of chars) expect(textWidth(c), c.codePointAt(0)!.toString(16)).toBe(stringWidth(c));
    // Their neighbours that are not one column (soft hyphen, bidi controls, word joiner, combining marks) still go to string-width.
    for (const s of ['a\u00adb', 'a\u202eb', 'a\u2060b', '“e\u0301”', '…青', '— ok —', 'Tamsin › “Hi,” she said…'])
      expect(textWidth(s), JSON.stringify(s)).toBe(stringWidth(s));
  });
});
