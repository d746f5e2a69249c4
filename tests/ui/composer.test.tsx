import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, liveArea, makeSession, playTurn, renderApp, tick, waitForFrame, waitUntil } from './harness.js';

afterEach(() => cleanup());

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

  it('takes a paste (several characters at once, newlines kept) without sending it', async () => {
    const app = renderApp(await makeSession());
    app.type('line one\rline two\rline three');
    await waitForFrame(app.lastFrame, (f) => /› line one\n\s+line two\n\s+line three/.test(liveArea(f)), 'the pasted lines');
    expect(app.session.turns()).toHaveLength(0);
    app.type('\u001b[200~bracketed\rpaste\u001b[201~');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('line threebracketed') && liveArea(f).includes('paste'), 'the bracketed paste');
    expect(app.session.turns()).toHaveLength(0);
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
    const app = renderApp(await makeSession());
    app.type('half a thought');
    await tick();
    app.type(KEYS.ctrlC);
    await waitForFrame(app.lastFrame, (f) => f.includes('Press Ctrl+C again to quit'), 'the hint');
    expect(liveArea(app.lastFrame()!)).not.toContain('half a thought');
    expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);
    app.type(KEYS.ctrlC);
    // Exiting unmounts the app, which releases stdin.
    await waitUntil(() => app.stdin.listenerCount('readable') === 0, 'the app to exit');
  });

  it('does not quit on a single Ctrl+C followed by other keys', async () => {
    const app = renderApp(await makeSession());
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
});
