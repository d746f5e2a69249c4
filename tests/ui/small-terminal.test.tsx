// A terminal of few rows (7 here): the live area was laid out for 8 at the least, so it was as tall
// as the terminal, and Ink answers that by clearing the screen and its scrollback on every frame:
// the story printed above was gone. Real Ink renders into a terminal model of that size here.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink';
import { App } from '../../src/ui/App.js';
import { createAlternateScreen } from '../../src/ui/alternate-screen.js';
import { fileServices } from '../../src/cli/file-services.js';
import { TerminalModel } from '../support/terminal-model.js';
import { listWorlds, resolveWorld } from '../../src/world/discover.js';
import { makeSession, tick, waitUntil } from './harness.js';

const COLUMNS = 60;
const CLEAR = '\u001b[2J\u001b[3J\u001b[H';

/** Keys in through `readable`, as Ink reads a TTY. */
class Keys extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
  }
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

function terminal(rows: number) {
  const term = new TerminalModel(COLUMNS, rows);
  const stdout = Object.assign(new EventEmitter(), {
    columns: COLUMNS,
    rows,
    isTTY: true,
    write(data: string) {
      term.write(data);
      return true;
    },
  });
  return { term, stdout, keys: new Keys() };
}

async function play(rows: number, debug = false) {
  const { term, stdout, keys } = terminal(rows);
  const session = await makeSession({ candidates: 1 });
  const screen = createAlternateScreen({ out: stdout, clear: CLEAR });
  const app = render(<App started={{ session, notes: [] }} services={fileServices} screen={screen} debug={debug} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: keys as unknown as NodeJS.ReadStream,
    patchConsole: false,
    exitOnCtrlC: false,
    onRender: screen.drawn,
  });
  unmount = () => app.unmount();
  return { term, keys, session };
}

const everything = (term: TerminalModel) => [...term.scrollback, term.text('normal')].join('\n');

/** The start screen's world picker on a terminal `rows` tall, under twelve lines of a shell's scrollback. */
function pickerAt(rows: number) {
  const { term, stdout, keys } = terminal(rows);
  term.write(Array.from({ length: 12 }, (_, i) => `shell line ${i + 1}\r\n`).join(''));
  const start = {
    listWorlds,
    openings: async (id: string) => (await resolveWorld(id)).pack.openings,
    createSession: () => new Promise<never>(() => undefined),
  };
  const app = render(<App start={start} services={fileServices} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: keys as unknown as NodeJS.ReadStream,
    patchConsole: false,
    exitOnCtrlC: false,
  });
  unmount = () => app.unmount();
  return { term, keys };
}

describe('a terminal of few rows', () => {
  it('keeps the story in the scrollback through turns and the help, and says what does not fit', async () => {
    const { term, keys, session } = await play(7);
    await waitUntil(() => term.text().includes('›'), 'the composer');
    keys.write('I greet Wren.');
    await tick();
    keys.write('\r');
    await waitUntil(() => session.turns().length === 1 && term.text().includes('›'), 'the first turn');
    keys.write('I ask about the orchard.');
    await tick();
    keys.write('\r');
    await waitUntil(() => session.turns().length === 2 && term.text().includes('›'), 'the second turn');
    await tick();
    // The opening and the first turn scrolled up, and are still there to scroll back to.
    expect(everything(term)).toContain('Tamsin › I greet Wren.');
    expect(term.scrollback.length).toBeGreaterThan(10);
    const kept = term.scrollback.length;

    keys.write('\u001bOP');
    await waitUntil(() => term.onAlternate && /Help|too few/.test(term.text()), 'the help');
    expect(term.text().split('\n').length).toBeLessThan(7);
    keys.write('\u001b');
    await waitUntil(() => !term.onAlternate && term.text().includes('›'), 'the story again');
    expect(term.scrollback.length).toBeGreaterThanOrEqual(kept);
    expect(everything(term)).toContain('Tamsin › I greet Wren.');
  });

  it('at 4 rows says the terminal is too small, and typing still shows', async () => {
    const { term, keys } = await play(4);
    await waitUntil(() => term.text().includes('too few'), 'the note');
    expect(term.text()).toContain('Make the terminal taller: 4 rows are too few for the story.');
    keys.write('hello');
    await waitUntil(() => term.text().includes('› hello'), 'the composer');
    expect(term.text().split('\n').length).toBeLessThan(4);
  });

  it('at 10 rows with the debug pane open leaves the pane out rather than the story', async () => {
    const { term, keys, session } = await play(10, true);
    await waitUntil(() => term.text().includes('›'), 'the composer');
    keys.write('I greet Wren.');
    await tick();
    keys.write('\r');
    await waitUntil(() => session.turns().length === 1 && term.text().includes('◁ 1/1'), 'the turn');
    await tick();
    const screen = term.text();
    // No empty pane (its border alone made the live area as tall as the terminal); the reply and the composer are there.
    expect(screen).not.toContain('╭');
    expect(screen).toContain('◁ 1/1');
    expect(screen).toContain('›');
    expect(everything(term)).toContain('You play Tamsin.');
    // The pane in one line in place of the hints: F2 did something, and its headline is there.
    expect(screen.split('\n').at(-1)).toMatch(/^debug: turn 1 of 1 · beat \w+ · tension/);
    keys.write('\u001bOQ');
    await waitUntil(() => term.text().split('\n').at(-1)?.startsWith('Enter send') ?? false, 'the hints again, the pane closed');
  });

  it('at 7 rows with the debug pane open shows its headline on the status line', async () => {
    const { term } = await play(7, true);
    await waitUntil(() => term.text().includes('›'), 'the composer');
    await tick();
    expect(term.text().split('\n').at(-1)).toMatch(/^debug: turn 0 of 0 · pacing/);
    expect(term.text().split('\n').length).toBeLessThan(7);
  });

  it('at 6 rows the world picker leaves the shell above it in the scrollback', async () => {
    const { term, keys } = pickerAt(6);
    await waitUntil(() => term.text().includes('Pick a world'), 'the picker');
    keys.write('\u001b[B');
    await tick();
    keys.write('\u001b[B');
    await tick();
    await waitUntil(() => term.text().includes('▸ Harbor Lights'), 'the third world');
    expect(term.scrollback.join('\n')).toContain('shell line 1');
  });

  it('at 4 rows the world picker is one line: the highlighted world, moved by the arrows and the filter', async () => {
    const { term, keys } = pickerAt(4);
    await waitUntil(() => term.text().includes('▸ The Glass Orchard'), 'the first world');
    expect(term.text()).toMatch(/▸ The Glass Orchard \(1\/\d+\) · ↑\/↓ Enter/);
    keys.write('\u001b[B');
    await waitUntil(() => term.text().includes('▸ The Ember Crown (2/'), 'the second world');
    keys.write('harbor');
    await waitUntil(() => term.text().includes('▸ Harbor Lights (1/1) · filter: harbor'), 'the filtered world');
    expect(term.text().split('\n').length).toBeLessThan(4);
    expect(term.scrollback.join('\n')).toContain('shell line 1');
  });
});
