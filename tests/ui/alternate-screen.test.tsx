// The overlays' alternate screen against the installed Ink: real Ink renders into a terminal model
// (tests/support/terminal-model.ts), so what it relies on in Ink is checked here: that its stdout
// writer erases the live area, writes, and draws the last rendered frame again, and that its
// `onRender` option reports each render, throttled ones included. An Ink that changes either fails here.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { useState, type MutableRefObject } from 'react';
import { Box, Text, render } from 'ink';
import { createAlternateScreen, ENTER_ALTERNATE, LEAVE_ALTERNATE, type AlternateScreen } from '../../src/ui/alternate-screen.js';
import { useAlternateScreen } from '../../src/ui/hooks/useAlternateScreen.js';
import { Transcript, type HistoryItem } from '../../src/ui/components/Transcript.js';
import { TerminalModel } from '../support/terminal-model.js';
import { waitUntil } from './harness.js';

const ROWS = 12;
const COLUMNS = 60;
const CLEAR = '\u001b[2J\u001b[3J\u001b[H';

interface Control {
  setOpen(open: boolean): void;
  setTurns(turns: string[]): void;
  setScroll(scroll: number): void;
}

/** A play screen in small: printed history, a two-row live area, and an overlay one row shorter than the terminal. */
function Screen({
  screen,
  control,
  initial,
}: {
  screen?: AlternateScreen;
  control: MutableRefObject<Control | undefined>;
  initial: string[];
}) {
  const [open, setOpen] = useState(false);
  const [turns, setTurns] = useState(initial);
  const [scroll, setScroll] = useState(0);
  control.current = { setOpen, setTurns, setScroll };
  const { shown, away } = useAlternateScreen(screen, open);
  const items: HistoryItem[] = turns.map((text, i) => ({ key: String(i), lines: [[{ text, kind: 'plain' }]] }));
  return (
    <>
      <Transcript items={items} epoch={0} held={away} />
      {shown ? (
        <Box flexDirection="column">
          {Array.from({ length: ROWS - 1 }, (_, i) => (
            <Text key={i}>help line {i + scroll}</Text>
          ))}
        </Box>
      ) : (
        <Box flexDirection="column">
          <Text>the latest reply</Text>
          <Text>› composer</Text>
        </Box>
      )}
    </>
  );
}

function terminal() {
  const term = new TerminalModel(COLUMNS, ROWS);
  const stdout = Object.assign(new EventEmitter(), {
    columns: COLUMNS,
    rows: ROWS,
    isTTY: true,
    write(data: string) {
      term.write(data);
      return true;
    },
  });
  return { term, stdout };
}

const turns = ['turn one: the ferry', 'turn two: the mill', 'turn three: the orchard', 'turn four: the debt'];
let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

function start(withScreen: boolean) {
  const { term, stdout } = terminal();
  const screen = withScreen ? createAlternateScreen({ out: stdout, clear: CLEAR }) : undefined;
  const control: MutableRefObject<Control | undefined> = { current: undefined };
  const app = render(<Screen control={control} initial={turns} {...(screen ? { screen } : {})} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    patchConsole: false,
    exitOnCtrlC: false,
    ...(screen ? { onRender: screen.drawn } : {}),
  });
  unmount = () => app.unmount();
  return { term, screen, control: () => control.current!, app };
}

const story = [...turns, 'the latest reply', '› composer'].join('\n');

describe('an overlay on the alternate screen, with the installed Ink', () => {
  it('without it, the overlay pushes the history into the scrollback and closing leaves it there (the fault)', async () => {
    const { term, control } = start(false);
    await waitUntil(() => term.text() === story, 'the first frame');
    control().setOpen(true);
    await waitUntil(() => term.text().includes(`help line ${ROWS - 2}`), 'the overlay');
    control().setOpen(false);
    await waitUntil(() => term.text().includes('composer'), 'the live area again');
    expect(term.text()).not.toContain('turn one');
    expect(term.scrollback.join('\n')).toContain('turn one');
  });

  it('draws the overlay on the alternate screen and, once closed, shows the story as it was with nothing in the scrollback', async () => {
    const { term, control } = start(true);
    await waitUntil(() => term.text() === story, 'the first frame');

    control().setOpen(true);
    await waitUntil(() => term.onAlternate && term.text().includes(`help line ${ROWS - 2}`), 'the overlay');
    expect(term.text()).not.toContain('turn one');
    // The normal screen kept the history; the live area was taken off it.
    expect(term.text('normal')).toBe(turns.join('\n'));

    control().setOpen(false);
    await waitUntil(() => !term.onAlternate && term.text().includes('composer'), 'the story again');
    expect(term.text()).toBe(story);
    expect(term.scrollback).toEqual([]);
  });

  it('prints history that came while the overlay was open once it is closed, below the earlier turns', async () => {
    const { term, control } = start(true);
    await waitUntil(() => term.text() === story, 'the first frame');
    control().setOpen(true);
    await waitUntil(() => term.onAlternate && term.text().includes('help line'), 'the overlay');
    control().setTurns([...turns, 'turn five: the river']);
    await new Promise((r) => setTimeout(r, 60));
    // Printed now, it would be lost with the alternate screen.
    expect(term.text()).not.toContain('turn five');
    control().setOpen(false);
    await waitUntil(() => !term.onAlternate && term.text().includes('turn five'), 'the held turn');
    expect(term.text()).toBe([...turns, 'turn five: the river', 'the latest reply', '› composer'].join('\n'));
  });

  it('leaves only after the frame without the overlay is rendered, when Ink throttled it', async () => {
    const { term, control } = start(true);
    await waitUntil(() => term.text() === story, 'the first frame');
    control().setOpen(true);
    await waitUntil(() => term.onAlternate && term.text().includes('help line'), 'the overlay');
    await new Promise((r) => setTimeout(r, 60));
    // A render Ink lets through at once, then the close within its throttle's window: its frame
    // comes later, and switching back before it would draw the overlay on the normal screen.
    control().setScroll(1);
    control().setOpen(false);
    await waitUntil(() => !term.onAlternate && term.text().includes('composer'), 'the story again');
    await new Promise((r) => setTimeout(r, 60));
    expect(term.text()).toBe(story);
    expect(term.scrollback).toEqual([]);
  });

  it('is left for the normal screen by the exit path when Ink is unmounted with the overlay open', async () => {
    const { term, control, app, screen } = start(true);
    await waitUntil(() => term.text() === story, 'the first frame');
    control().setOpen(true);
    await waitUntil(() => term.onAlternate && term.text().includes('help line'), 'the overlay');
    app.unmount();
    unmount = undefined;
    await new Promise((r) => setTimeout(r, 60));
    expect(screen!.on).toBe(true);
    screen!.restore();
    expect(term.onAlternate).toBe(false);
    expect(term.text()).toBe(turns.join('\n'));
  });
});

describe('the alternate screen', () => {
  it('clears the normal screen for a reprint at once when on it, and only on leaving when away', () => {
    const out: string[] = [];
    const writes: string[] = [];
    const later: Array<() => void> = [];
    const screen = createAlternateScreen({ out: { write: (d: string) => out.push(d) }, clear: CLEAR, defer: (run) => later.push(run) });
    screen.redraw();
    expect(out).toEqual([CLEAR]);
    screen.enter((d) => writes.push(d));
    expect(writes).toEqual([ENTER_ALTERNATE]);
    screen.redraw();
    expect(out).toEqual([CLEAR]);
    let left = false;
    screen.leave(
      (d) => writes.push(d),
      () => (left = true),
    );
    // Nothing until Ink has rendered a frame, and then only once its render is over.
    expect(writes).toEqual([ENTER_ALTERNATE]);
    screen.drawn();
    expect(left).toBe(false);
    later.splice(0).forEach((run) => run());
    expect(writes).toEqual([ENTER_ALTERNATE, LEAVE_ALTERNATE + CLEAR]);
    expect(left).toBe(true);
    expect(screen.on).toBe(false);
    screen.restore();
    expect(out).toEqual([CLEAR]);
  });

  it('drops a leave that was cancelled or replaced before its frame came', () => {
    const writes: string[] = [];
    const later: Array<() => void> = [];
    const screen = createAlternateScreen({ out: { write: () => undefined }, clear: CLEAR, defer: (run) => later.push(run) });
    screen.enter((d) => writes.push(d));
    const cancel = screen.leave(
      (d) => writes.push(`first ${d}`),
      () => undefined,
    );
    screen.drawn();
    cancel();
    later.splice(0).forEach((run) => run());
    expect(writes).toEqual([ENTER_ALTERNATE]);
    screen.leave(
      (d) => writes.push(`second ${d}`),
      () => undefined,
    );
    screen.drawn();
    screen.leave(
      (d) => writes.push(`third ${d}`),
      () => undefined,
    );
    later.splice(0).forEach((run) => run());
    expect(writes).toEqual([ENTER_ALTERNATE]);
    expect(screen.on).toBe(true);
  });
});
