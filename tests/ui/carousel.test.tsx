import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, liveArea, makeSession, playTurn, renderApp, tick, waitForFrame, waitUntil } from './harness.js';

afterEach(() => cleanup());

const counter = (frame: string) => /[◀◁] (\d+)\/(\d+) [▶▷]/.exec(liveArea(frame))?.slice(1, 3).join('/');

describe('the carousel', () => {
  it('shows 1/3 under the latest reply and swipes with ← → when the composer is empty', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I hug Wren and ask about the debt.');
    expect(counter(app.lastFrame())).toBe('1/3');
    const first = app.session.turns()[0];
    // The shown candidate's last paragraph is in the live area (a long reply's head may have moved into the history).
    expect(liveArea(app.lastFrame())).toContain(first.candidates[0].text.trim().split('\n').pop()!.slice(0, 30));

    app.type(KEYS.right);
    await waitForFrame(app.lastFrame, (f) => counter(f) === '2/3', '2/3');
    // The candidate on screen is the one the session keeps.
    expect(app.session.turns()[0].chosen).toBe(1);
    expect(liveArea(app.lastFrame())).toContain(first.candidates[1].variant.label);

    app.type(KEYS.left);
    await waitForFrame(app.lastFrame, (f) => counter(f) === '1/3', 'back to 1/3');
  });

  it('lets plain arrows move the cursor while typing, and Alt+arrows swipe always', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I look at the wheel.');
    app.type('abc');
    await tick();
    app.type(KEYS.left);
    await tick();
    expect(counter(app.lastFrame())).toBe('1/3');
    app.type('X');
    await waitForFrame(app.lastFrame, (f) => f.includes('abXc'), 'the cursor moved left');
    app.type(KEYS.altRight);
    await waitForFrame(app.lastFrame, (f) => counter(f) === '2/3', 'Alt+Right swiped');
    app.type(KEYS.altRight);
    await waitForFrame(app.lastFrame, (f) => counter(f) === '3/3', 'Alt+Right swiped again');
    expect(liveArea(app.lastFrame())).toContain('abXc');
  });

  it('keeps the shown candidate when the next message is sent', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I ask Wren who the moneylender is.');
    app.type(KEYS.right);
    await waitForFrame(app.lastFrame, (f) => counter(f) === '2/3', '2/3');
    const kept = app.session.turns()[0].candidates[1];
    await playTurn(app, 'I nod slowly.');
    const turns = app.session.turns();
    expect(turns).toHaveLength(2);
    expect(turns[0].chosen).toBe(1);
    // Turn 1 went into the history with the kept candidate.
    const history = app.lastFrame().slice(0, app.lastFrame().lastIndexOf('turn 2 ·'));
    expect(history).toContain(kept.text.trim().split('\n')[0].slice(0, 40));
  });
});

describe('regenerate', () => {
  it('adds a candidate with Ctrl+R that streams in place, and /regen adds another', async () => {
    const app = renderApp(await makeSession({ delayMs: 5 }));
    await playTurn(app, 'I step inside the mill.');
    app.type(KEYS.ctrlR);
    await waitForFrame(app.lastFrame, (f) => f.includes('writing candidate 4'), 'the new candidate streaming');
    await waitForFrame(app.lastFrame, (f) => counter(f) === '4/4', '4/4');
    expect(app.session.turns()[0].candidates).toHaveLength(4);
    app.type('/regen');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => counter(f) === '5/5', '5/5');
  });

  it('swipes an earlier reply as a new branch, keeps the old one, and /tree switches back', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    await playTurn(app, 'I ask about the new sapling.');
    app.type(KEYS.altUp);
    const viewing = await waitForFrame(app.lastFrame, (f) => f.includes('viewing turn 1'), 'turn 1 selected');
    expect(liveArea(app.lastFrame())).toContain('I greet Wren.');
    // More hints than fit: whole ones are dropped (none cut to "…") and /help stays.
    const status = viewing.trimEnd().split('\n').pop()!;
    expect(status).toMatch(/^Esc back to latest · .* · \/help$/);
    expect(status).not.toContain('…');
    app.type(KEYS.right);
    await waitUntil(() => app.session.turns().length === 1, 'the fork');
    expect(app.session.turns()[0].chosen).toBe(1);
    expect(app.session.tree()).toHaveLength(2);
    await waitForFrame(app.lastFrame, (f) => counter(f) === '2/3' && !f.includes('viewing turn'), 'the forked branch shown');

    app.type('/tree');
    await tick();
    app.type(KEYS.enter);
    const tree = await waitForFrame(app.lastFrame, (f) => f.includes('Branches') && f.includes('active branch'), 'the tree');
    expect(tree.trimEnd().split('\n').pop()).toContain('Enter choose');
    const other = app.session.tree().find((b) => !b.active)!;
    const items = app.session.tree();
    const activeIndex = items.findIndex((b) => b.active);
    const otherIndex = items.indexOf(other);
    app.type(otherIndex > activeIndex ? KEYS.down : KEYS.up);
    await tick();
    app.type(KEYS.enter);
    await waitUntil(() => app.session.turns().length === 2, 'switching back to the first branch');
    await waitForFrame(
      app.lastFrame,
      (f) => f.includes('turn 2 ·') && f.includes('I ask about the new sapling.'),
      'the old branch redrawn',
    );
  });

  it('/tree takes an arrow and Enter that arrive in one chunk as two keys, the second acting on where the first moved', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    await playTurn(app, 'I ask about the new sapling.');
    app.type(KEYS.altUp);
    await waitForFrame(app.lastFrame, (f) => f.includes('viewing turn 1'), 'turn 1 selected');
    app.type(KEYS.right);
    await waitUntil(() => app.session.tree().length === 2, 'the fork');
    app.type('/tree');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Branches') && f.includes('active branch'), 'the tree');
    const items = app.session.tree();
    const otherIndex = items.findIndex((b) => !b.active);
    app.type((otherIndex > items.findIndex((b) => b.active) ? KEYS.down : KEYS.up) + KEYS.enter);
    await waitUntil(() => app.session.turns().length === 2, 'switching to the other branch');
  });

  it('regenerates an earlier reply with Ctrl+R as a new branch', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    await playTurn(app, 'I sit by the fire.');
    app.type(KEYS.altUp);
    await waitForFrame(app.lastFrame, (f) => f.includes('viewing turn 1'), 'turn 1 selected');
    app.type(KEYS.esc);
    await waitForFrame(
      app.lastFrame,
      (f) => !f.includes('viewing turn') && liveArea(f).includes('I sit by the fire.'),
      'back to the latest with Esc',
    );
    app.type(KEYS.altUp);
    await waitForFrame(app.lastFrame, (f) => f.includes('viewing turn 1'), 'turn 1 selected again');
    app.type(KEYS.ctrlR);
    await waitUntil(() => app.session.turns().length === 1 && app.session.turns()[0].candidates.length === 4, 'the regenerated fork');
    await waitForFrame(app.lastFrame, (f) => counter(f) === '4/4', '4/4 on the new branch');
    expect(app.session.tree()).toHaveLength(2);
  });
});

describe('openings as swipes before the first turn', () => {
  it("← → swipe between the world's openings; the one on screen when the player answers is the story's, after a resume too", async () => {
    const session = await makeSession({ saved: true });
    const openings = session.pack.openings;
    expect(openings.length).toBeGreaterThan(1);
    const app = renderApp(session);
    await waitForFrame(
      app.lastFrame,
      (f) => liveArea(f).includes(`1/${openings.length}`) && liveArea(f).includes(`opening: ${openings[0].title}`),
      'the opening carousel',
    );
    app.type(KEYS.right);
    const second = openings[1];
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes(`2/${openings.length}`), 'the second opening');
    expect(liveArea(frame)).toContain(`opening: ${second.title}`);
    // The history above shows the new opening's first words.
    expect(frame).toContain(second.text.trim().split(/\s+/).slice(0, 4).join(' '));
    expect(session.opening.id).toBe(second.id);
    // ← at the first, → at the last: nothing happens.
    app.type(KEYS.left);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes(`1/${openings.length}`), 'back to the first');
    app.type(KEYS.left);
    await tick();
    expect(session.opening.id).toBe(openings[0].id);
    app.type(KEYS.right);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes(`2/${openings.length}`), 'the second again');

    await playTurn(app, 'I look around.');
    expect(app.session.turns()).toHaveLength(1);
    // After the first turn the arrows swipe candidates, and the opening is fixed.
    await expect(session.chooseOpening(openings[0].id)).rejects.toThrow('only be swiped before the first turn');

    const { loadSession } = await import('../../src/store/load.js');
    const { Session } = await import('../../src/engine/session/index.js');
    const { MemorySessionStore } = await import('../../src/engine/session/records.js');
    const { createOfflineNarrator } = await import('../../src/providers/offline/index.js');
    const loaded = await loadSession(session.id);
    const resumed = await Session.restore(loaded.records, {
      pack: session.pack,
      provider: createOfflineNarrator({ seed: 1 }),
      store: new MemorySessionStore(),
      clock: { now: () => 1 },
      seed: 1,
    });
    expect(resumed.opening.id).toBe(second.id);
    expect(resumed.turns()).toHaveLength(1);
  });
});
