import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, makeSession, renderApp, tick, waitForFrame, waitUntil } from './harness.js';

afterEach(() => cleanup());

describe('the play screen warms the session up', () => {
  it('once, after the first frame, while the player reads the opening', async () => {
    const session = await makeSession();
    const warmUp = vi.spyOn(session, 'warmUp');
    const app = renderApp(session);
    await waitForFrame(app.lastFrame, (f) => / · turn 0 · /.test(f), 'the first frame');
    expect(warmUp).not.toHaveBeenCalled();
    await waitUntil(() => warmUp.mock.calls.length === 1, 'the warm-up');
    await tick(300);
    expect(warmUp).toHaveBeenCalledTimes(1);
  });

  it('not in the middle of a reply the player started first', async () => {
    const session = await makeSession({ delayMs: 40 });
    const warmUp = vi.spyOn(session, 'warmUp');
    const app = renderApp(session, { warmUpAfterMs: 400 });
    app.type('I greet Wren.');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Esc stops'), 'the reply streaming');
    await tick(450);
    // Still streaming: the warm-up's moment came and went under the reply.
    expect(app.lastFrame()).toContain('Esc stops');
    expect(warmUp).not.toHaveBeenCalled();
  });
});
