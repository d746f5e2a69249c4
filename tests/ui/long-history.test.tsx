import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { HISTORY_WINDOW } from '../../src/ui/hooks/useHistory.js';
import { makeSession, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

async function drain(events: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of events);
}

describe('a long story in the transcript', () => {
  it('prints only the last turns on opening, says how many are not shown, and keeps adding below them', async () => {
    const session = await makeSession({ candidates: 1 });
    const total = HISTORY_WINDOW + 5;
    for (let i = 1; i <= total; i++) await drain(session.play({ text: `I count step number ${i} aloud.` }));
    let redraws = 0;
    const app = renderApp(session, { onRedraw: () => redraws++ });
    const all = () => app.frames.join('\n');
    await waitForFrame(all, (f) => f.includes('earlier turns not shown'), 'the elision note');
    // The latest reply sits on the live area, so the window is the 200 turns before it: 5 to 204.
    expect(all()).toContain(`… 4 earlier turns not shown; /export writes the whole story.`);
    expect(all()).not.toContain('I count step number 4 aloud.');
    expect(all()).toContain('I count step number 5 aloud.');
    expect(all()).toContain(`I count step number ${total - 1} aloud.`);

    const before = redraws;
    app.stdin.write('I count one more step.');
    await tick();
    app.stdin.write('\r');
    await waitForFrame(all, (f) => f.includes(`turn ${total + 1}`), 'the next turn');
    // Appending does not move the window, so Static only adds rows: no clear-and-redraw.
    expect(redraws).toBe(before);
    expect(app.lastFrame()).toContain('… 4 earlier turns not shown');
  });
});
