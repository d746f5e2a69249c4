import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, liveArea, makeSession, renderApp, tick, waitForFrame, waitUntil } from './harness.js';

afterEach(() => cleanup());

describe('streaming', () => {
  it('updates the live reply as deltas arrive, then shows the carousel', async () => {
    const app = renderApp(await makeSession({ delayMs: 25 }));
    app.type('I walk up to the orchard gate.');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Esc stops'), 'the streaming note');
    // Sample the live area while the reply streams: it must grow in several steps.
    const seen: string[] = [];
    while (app.session.turns().length === 0) {
      const live = liveArea(app.lastFrame());
      if (live.includes('Esc stops') && seen[seen.length - 1] !== live) seen.push(live);
      await tick(10);
    }
    const distinct = new Set(seen);
    expect(distinct.size).toBeGreaterThanOrEqual(3);
    await waitForFrame(app.lastFrame, (f) => / · turn 1 · /.test(f) && /◁ 1\/3 ▶/.test(liveArea(f)), "the first turn's carousel");
    // The shown reply is the first-ranked candidate.
    const turn = app.session.turns()[0];
    expect(liveArea(app.lastFrame())).toContain(turn.candidates[0].text.trim().split('\n')[0].slice(0, 30));
  });

  it('re-renders at most once a frame while tokens pour in, not once per token', async () => {
    const app = renderApp(await makeSession({ delayMs: 0 }));
    app.type('I walk up to the orchard gate.');
    await tick();
    const before = app.frames.length;
    let deltas = 0;
    const counted = app.session.play.bind(app.session);
    // Count the deltas the engine emits for this turn through the same Session the UI drives.
    app.session.play = (input, options) => {
      const events = counted(input, options);
      return (async function* () {
        for await (const e of events) {
          if (e.type === 'delta') deltas++;
          yield e;
        }
      })();
    };
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => / · turn 1 · /.test(f) && /◁ 1\/3 ▶/.test(liveArea(f)), "the first turn's carousel");
    expect(deltas).toBeGreaterThan(60);
    expect(app.frames.length - before).toBeLessThan(deltas / 4);
  });

  it('stops a generation with Esc: the partial text stays, marked (stopped)', async () => {
    const app = renderApp(await makeSession({ delayMs: 60 }));
    app.type('I shout for Wren.');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(
      app.lastFrame,
      (f) => f.includes('Esc stops') && /Tamsin › I shout for Wren\.\n\n(?!writing )\S/.test(liveArea(f)),
      'some text streamed',
    );
    // Enter while it streams keeps the text and says what to do.
    app.type('next');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(
      app.lastFrame,
      (f) => f.includes('A reply is still being written') && liveArea(f).includes('› next'),
      'the busy notice',
    );
    app.type(KEYS.esc);
    await waitUntil(() => app.session.turns().length === 1, 'the stopped turn committed');
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('(stopped)'), 'the stopped mark');
    const kept = app.session.turns()[0].candidates[app.session.turns()[0].chosen];
    expect(kept.incomplete).toBe(true);
    expect(kept.text.length).toBeGreaterThan(0);
    expect(liveArea(frame)).toContain(kept.text.trim().slice(0, 12));
  });
});
