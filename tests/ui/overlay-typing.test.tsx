// Typing while a text overlay is open (/world, /memory, the help) was dropped without a trace: a
// player who read /world and began their answer lost its first words. The overlay now closes and
// the words go to the composer; a list (/tree) still takes only its own keys.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, liveArea, makeSession, playTurn, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

describe('typing over a text overlay', () => {
  it('closes the overlay and writes into the composer, a paste included', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('/world');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Esc closes'), 'the /world overlay');
    app.type('I');
    await tick();
    app.type(' knock twice.');
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› I knock twice.'), 'the words in the composer');
    expect(liveArea(frame)).not.toContain('Esc closes');
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, () => app.session.turns().length === 1, 'the message sent');
    expect(app.session.turns()[0].input.text).toBe('I knock twice.');
  });

  it('leaves a list overlay to its own keys', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    app.type('/tree');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Branches'), 'the tree');
    app.type('x');
    await tick(100);
    expect(liveArea(app.lastFrame() ?? '')).toContain('Branches');
  });
});
