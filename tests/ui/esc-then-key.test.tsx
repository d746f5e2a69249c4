// ESC and a character in one read are Alt+that character to a terminal, and also what an Esc then
// a letter typed fast become: skald keeps Alt for the letters its key table binds (B, C, F) and
// reads every other pair as the Esc then the key (src/ui/keys.ts, keysOf).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { parseKeypress } from '../../src/ui/input/keypress.js';
import { keysOf } from '../../src/ui/keys.js';
import { KEYS, liveArea, makeSession, playTurn, renderApp, tick, waitForFrame, waitUntil } from './harness.js';

afterEach(() => cleanup());

const names = (sequence: string) =>
  keysOf(parseKeypress(sequence)).map((k) => `${k.meta ? 'Alt+' : ''}${k.name === 'char' ? k.text : k.name}`);

describe('ESC and a character in one read', () => {
  it('is Alt+the character where the key table binds it, else Esc then the character', () => {
    expect(names('\u001bc')).toEqual(['Alt+c']);
    expect(names('\u001bb')).toEqual(['Alt+b']);
    expect(names('\u001bf')).toEqual(['Alt+f']);
    expect(names('\u001bx')).toEqual(['escape', 'x']);
    expect(names('\u001bC')).toEqual(['escape', 'C']);
    expect(names('\u001b ')).toEqual(['escape', ' ']);
    expect(names('\u001b\u001b')).toEqual(['escape', 'escape']);
    // Sequences no fast typing makes stay whole: Alt+Enter, Alt+Backspace, arrows.
    expect(names('\u001b\r')).toEqual(['Alt+return']);
    expect(names('\u001b\u007f')).toEqual(['Alt+backspace']);
    expect(names('\u001b[D')).toEqual(['left']);
    expect(names('\u001b\u001b[D')).toEqual(['Alt+left']);
  });

  it('Esc then a letter while a reply streams stops the reply and types the letter', async () => {
    const session = await makeSession({ delayMs: 40, candidates: 1 });
    const app = renderApp(session);
    await playTurn(app, 'I greet Wren.');
    app.type('I ask about the sapling.');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(
      app.lastFrame,
      (f) => f.includes('Esc stops') && /Tamsin › I ask about the sapling\.\n\n(?!writing )\S/.test(liveArea(f)),
      'some of the reply streamed',
    );
    app.type(KEYS.esc + 'w');
    await waitUntil(() => session.turns().length === 2, 'the stopped turn');
    expect(session.turns()[1].candidates[0].finishReason).toBe('aborted');
    await waitForFrame(
      app.lastFrame,
      (f) => liveArea(f).includes('(stopped)') && liveArea(f).includes('› w'),
      'stopped, and the letter typed',
    );
  });

  it('Esc then a letter over the help closes it and types the letter into the composer', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('\u001bOP');
    await waitForFrame(app.lastFrame, (f) => /Help {2}1–/.test(f), 'the help');
    app.type(KEYS.esc + 'w');
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› w'), 'the help closed, the letter typed');
    expect(frame).not.toMatch(/Help {2}1–/);
  });

  it('Alt+C still continues the reply', async () => {
    const app = renderApp(await makeSession({ candidates: 1 }));
    await playTurn(app, 'I greet Wren.');
    app.type('\u001bc');
    await waitUntil(() => app.session.turns()[0].candidates.length === 2, 'the continued version');
    expect(liveArea(app.lastFrame())).not.toContain('› c');
  });
});
