// Enter in /tree on the branch being played: nothing switches, and the notice says so (it said
// "Switched branch." for a switch that did not happen).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, liveArea, makeSession, playTurn, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

describe('/tree', () => {
  it('Enter on the active branch closes the list and says it is still the branch played', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    await playTurn(app, 'I ask about the orchard.');
    app.type(KEYS.altUp);
    await tick();
    app.type(KEYS.altRight);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('a new branch'), 'a second branch');
    app.type('/tree');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Branches (2)'), 'the branches');
    const active = app.session.tree().find((b) => b.active)?.leafId;
    app.type(KEYS.enter);
    const frame = await waitForFrame(app.lastFrame, (f) => !liveArea(f).includes('Branches (2)'), 'the list closed');
    expect(liveArea(frame)).toContain('Still on this branch');
    expect(liveArea(frame)).not.toContain('Switched branch.');
    expect(app.session.tree().find((b) => b.active)?.leafId).toBe(active);
  });

  it('/branch with an id the story has not says where the branches are', async () => {
    // The TUI's /tree shows no ids: 'There is no branch "zzz" in this session.' left the player with nowhere to go.
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    app.type('/branch zzz');
    await tick();
    app.type(KEYS.enter);
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('no branch'), 'the refusal');
    expect(liveArea(frame).replace(/\s+/g, ' ')).toContain(
      'There is no branch "zzz" in this story; /tree shows the branches to switch to.',
    );
    expect(app.session.turns()).toHaveLength(1);
  });
});
