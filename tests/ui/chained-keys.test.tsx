// Two keys in ONE stdin write (typed faster than a frame, or held while the TUI started and handed
// over together): the second acts on what the first left, not on the last render's state.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, liveArea, makeSession, playTurn, renderApp, tick, waitForFrame, waitUntil } from './harness.js';

afterEach(() => cleanup());

const paneTop = (frame: string) => Number(/debug · lines (\d+)–/.exec(frame)?.[1]);
const f1 = '\u001bOP';
const helpTop = (frame: string) => Number(/Help {2}(\d+)–/.exec(frame)?.[1] ?? 0);

describe('the second key of a chunk acts on what the first left', () => {
  it('F2 then PgDn scrolls the pane F2 just opened, as far as the two keys pressed apart', async () => {
    const apart = renderApp(await makeSession());
    await playTurn(apart, 'I ask Wren about the glass orchard.');
    apart.type(KEYS.f2);
    await waitForFrame(apart.lastFrame, (f) => f.includes('│ debug ·'), 'the pane');
    apart.type(KEYS.pageDown);
    const expected = paneTop(await waitForFrame(apart.lastFrame, (f) => paneTop(f) > 1, 'the pane scrolled'));
    apart.unmount();

    const app = renderApp(await makeSession());
    await playTurn(app, 'I ask Wren about the glass orchard.');
    app.type(KEYS.f2 + KEYS.pageDown);
    await waitForFrame(app.lastFrame, (f) => f.includes('│ debug ·'), 'the pane');
    await tick(60);
    expect(paneTop(app.lastFrame())).toBe(expected);
  });

  it('Ctrl+C twice in one chunk quits', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type(KEYS.ctrlC + KEYS.ctrlC);
    // Quitting draws the history alone: no header, composer or hint is left.
    await waitForFrame(app.lastFrame, (f) => !/ · turn \d+ · /.test(f), 'the live area gone');
    expect(app.lastFrame()).not.toContain('Ctrl+C again');
  });

  it('Ctrl+C then a letter in one chunk disarms the quit, as the letter pressed apart does', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type(KEYS.ctrlC + 'x');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› x'), 'the letter typed');
    await tick(60);
    expect(app.lastFrame()).not.toContain('Ctrl+C again');
  });

  it('Alt+Up then Alt+Right swipes the reply Alt+Up selected (a new branch from turn 1)', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    await playTurn(app, 'I ask about the new sapling.');
    app.type(KEYS.altUp + KEYS.altRight);
    await waitUntil(() => app.session.tree().length === 2, 'the fork');
    expect(app.session.turns()).toHaveLength(1);
    expect(app.session.turns()[0].chosen).toBe(1);
  });

  it('Right twice in one chunk swipes two candidates on, as two Rights pressed apart', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    app.type(KEYS.right + KEYS.right);
    await waitUntil(() => app.session.turns()[0].chosen === 2, 'the third candidate');
    await waitForFrame(app.lastFrame, (f) => /[◀◁] 3\/3 [▶▷]/.test(liveArea(f)), '3/3 on the carousel');
  });

  it('Alt+Up then Alt+Right twice swipes the reply Alt+Up selected, then the new branch on', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    await playTurn(app, 'I ask about the new sapling.');
    app.type(KEYS.altUp + KEYS.altRight + KEYS.altRight);
    await waitUntil(() => app.session.turns().length === 1 && app.session.turns()[0].chosen === 2, 'the fork, swiped on');
    expect(app.session.tree()).toHaveLength(2);
  });

  it('Alt+Up then Ctrl+R regenerates the reply Alt+Up selected', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    await playTurn(app, 'I sit by the fire.');
    app.type(KEYS.altUp + KEYS.ctrlR);
    await waitUntil(() => app.session.tree().length === 2, 'the regenerated fork');
    expect(app.session.turns()).toHaveLength(1);
    expect(app.session.turns()[0].candidates).toHaveLength(4);
  });

  it('Alt+Up then Esc, held while a resume loads and applied together, goes back to the latest reply', async () => {
    // A trailing Esc in one stdin write reaches the screen a tick later (Ink waits to see whether a
    // sequence follows), so the pair is applied together here the way held keys are: in one loop.
    const session = await makeSession();
    for (const text of ['I greet Wren.', 'I sit by the fire.']) for await (const _ of session.play({ text })) void _;
    let loaded!: (whole: { session: typeof session; notes: string[] }) => void;
    const app = renderApp(session, { loading: new Promise((resolve) => (loaded = resolve)) });
    await waitForFrame(app.lastFrame, (f) => / · turn 2 · /.test(f), 'the resume drawn');
    app.type(KEYS.altUp);
    await tick();
    app.type(KEYS.esc);
    await tick();
    loaded({ session, notes: [] });
    await tick(60);
    app.type('x');
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› x'), 'the letter typed');
    expect(frame).not.toContain('viewing turn');
  });

  it('Enter then Up recalls the line that Enter just sent', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('I greet Wren.');
    await tick();
    app.type(KEYS.enter + KEYS.up);
    await waitUntil(() => app.session.turns().length === 1, 'the turn');
    // The composer's line, not the reply's 'Tamsin › I greet Wren.'.
    await waitForFrame(
      app.lastFrame,
      (f) =>
        liveArea(f)
          .split('\n')
          .some((l) => l.trimEnd() === '› I greet Wren.'),
      'the sent line recalled',
    );
  });

  it('F1 then PgDn scrolls the help F1 just opened', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type(f1 + KEYS.pageDown);
    await waitForFrame(app.lastFrame, (f) => helpTop(f) > 0, 'the help');
    await tick(60);
    expect(helpTop(app.lastFrame())).toBeGreaterThan(1);
  });

  it('Enter on /tree then Ctrl+R: the tree is closed, so Ctrl+R regenerates the reply', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    app.type('/tree');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Branches') && f.includes('active branch'), 'the tree');
    // (Enter then letters would be one pasted text: a chunk's Enter is a key only before other keys or after text.)
    app.type(KEYS.enter + KEYS.ctrlR);
    await waitUntil(() => app.session.turns()[0]?.candidates.length === 4, 'the regenerated reply');
  });
});
