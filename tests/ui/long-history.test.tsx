import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { HISTORY_LINES } from '../../src/ui/text/history-window.js';
import { liveArea, makeSession, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

async function drain(events: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of events);
}

describe('a long story in the transcript', () => {
  it('prints only the latest turns that fit the line budget on opening, says how many are not shown, and keeps adding below them', async () => {
    const session = await makeSession({ candidates: 1 });
    const total = 120;
    for (let i = 1; i <= total; i++) await drain(session.play({ text: `I count step number ${i} aloud.` }));
    let redraws = 0;
    const app = renderApp(session, { onRedraw: () => redraws++ });
    const all = () => app.frames.join('\n');
    const frame = await waitForFrame(app.lastFrame, (f) => f.includes('earlier turns not shown'), 'the elision note');
    const hidden = Number(/… (\d+) earlier turns not shown; \/export writes the whole story\./.exec(frame)![1]);
    // The latest reply sits on the live area; the window is the turns before it, up to the budget.
    expect(hidden).toBeGreaterThan(0);
    expect(all()).not.toContain(`I count step number ${hidden} aloud.`);
    expect(all()).toContain(`I count step number ${hidden + 1} aloud.`);
    expect(all()).toContain(`I count step number ${total - 1} aloud.`);
    const printed = frame.slice(frame.indexOf('earlier turns not shown'), frame.length - liveArea(frame).length).split('\n').length;
    expect(printed).toBeLessThanOrEqual(HISTORY_LINES + 2);
    // Filled: no room was left for the turn before the window (no offline turn is 60 lines long).
    expect(printed).toBeGreaterThan(HISTORY_LINES - 60);

    const before = redraws;
    app.stdin.write('I count one more step.');
    await tick();
    app.stdin.write('\r');
    await waitForFrame(all, (f) => f.includes(`turn ${total + 1}`), 'the next turn');
    // Appending does not move the window, so Static only adds rows: no clear-and-redraw.
    expect(redraws).toBe(before);
    expect(app.lastFrame()).toContain(`… ${hidden} earlier turns not shown`);
  });
});
