import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, makeSession, renderApp, tick, waitForFrame, waitUntil } from './harness.js';

afterEach(() => cleanup());

/** A scheduler the test fires by hand: the warm-up's moment comes when the test says, not when a timer does. */
function manualSchedule() {
  const pending: Array<() => void> = [];
  let cancelled = 0;
  const schedule = vi.fn((run: () => void) => {
    pending.push(run);
    return () => {
      cancelled++;
    };
  });
  return { schedule, fire: () => pending.splice(0).forEach((run) => run()), cancelled: () => cancelled };
}

describe('the play screen warms the session up', () => {
  it('once, after the first frame, while the player reads the opening', async () => {
    const session = await makeSession();
    const warmUp = vi.spyOn(session, 'warmUp');
    const timer = manualSchedule();
    const app = renderApp(session, { scheduleWarmUp: timer.schedule });
    await waitForFrame(app.lastFrame, (f) => / · turn 0 · /.test(f), 'the first frame');
    expect(timer.schedule).toHaveBeenCalledTimes(1);
    expect(warmUp).not.toHaveBeenCalled();
    timer.fire();
    expect(warmUp).toHaveBeenCalledTimes(1);
    // Later frames schedule nothing more.
    app.type('x');
    await tick();
    expect(timer.schedule).toHaveBeenCalledTimes(1);
  });

  it('not in the middle of a reply the player started first', async () => {
    const session = await makeSession({ delayMs: 40 });
    const warmUp = vi.spyOn(session, 'warmUp');
    const timer = manualSchedule();
    const app = renderApp(session, { scheduleWarmUp: timer.schedule });
    app.type('I greet Wren.');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Esc stops'), 'the reply streaming');
    // The warm-up's moment comes under the reply: it is skipped.
    timer.fire();
    expect(app.lastFrame()).toContain('Esc stops');
    expect(warmUp).not.toHaveBeenCalled();
  });

  it('by default a short timer after the first frame, cancelled when the screen goes', async () => {
    const session = await makeSession();
    const warmUp = vi.spyOn(session, 'warmUp');
    const app = renderApp(session);
    await waitUntil(() => warmUp.mock.calls.length === 1, 'the warm-up');
    app.unmount();
    expect(warmUp).toHaveBeenCalledTimes(1);
  });
});
