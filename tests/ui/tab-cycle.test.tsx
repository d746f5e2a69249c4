// Tab with several matches: once they share nothing more than is typed,
// each Tab puts the next match in the composer and Shift+Tab the one before, round the list, which
// stays listed with the one in the composer marked. Before, Tab listed them and did nothing more.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, liveArea, makeSession, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

const SHIFT_TAB = '\u001b[Z';

async function composerShows(app: ReturnType<typeof renderApp>, text: string): Promise<string> {
  const frame = await waitForFrame(
    app.lastFrame,
    (f) =>
      liveArea(f)
        .split('\n')
        .some((l) => l.trimEnd() === `› ${text}`),
    `› ${text}`,
  );
  return liveArea(frame);
}

describe('Tab through several matches', () => {
  it('cycles through the commands, forward with Tab and back with Shift+Tab', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('/re');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('/remember'), 'the matches listed');
    app.type(KEYS.tab);
    expect(await composerShows(app, '/regen')).toContain('[/regen]  /remember');
    app.type(KEYS.tab);
    expect(await composerShows(app, '/remember')).toContain('/regen  [/remember]');
    app.type(KEYS.tab);
    await composerShows(app, '/regen');
    app.type(SHIFT_TAB);
    await composerShows(app, '/remember');
    app.type(SHIFT_TAB);
    await composerShows(app, '/regen');
    // Typing ends the cycle: the list is the matches of what is typed again.
    app.type(' ');
    await tick();
    const typed = await composerShows(app, '/regen');
    expect(typed).not.toContain('[/');
  });

  it('starts from the last match on Shift+Tab, and goes on round', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('/syst');
    await tick();
    app.type(KEYS.backspace.repeat(3));
    await composerShows(app, '/s');
    app.type(SHIFT_TAB);
    expect(await composerShows(app, '/set')).toContain('/system  /sessions  [/set]');
    app.type(KEYS.tab);
    await composerShows(app, '/system');
  });

  it("cycles through an argument's values", async () => {
    const session = await makeSession();
    const ids = session.pack.openings.map((o) => o.id);
    expect(ids.length).toBeGreaterThan(1);
    const app = renderApp(session);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('/opening ');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes(ids[1]), 'the ids listed');
    app.type(KEYS.tab);
    await composerShows(app, `/opening ${ids[0]}`);
    app.type(KEYS.tab);
    expect(await composerShows(app, `/opening ${ids[1]}`)).toContain(`[${ids[1]}]`);
  });
});
