// While a regenerate is written, the debug pane showed the pacing estimate the engine holds after
// the rejected reply moved it, over a turn planned with another; once the candidate was kept it
// went back to the turn's own. It now shows the turn's figure throughout. A real Session over the
// openai provider and the loopback server, whose second reply the test holds midway.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { signed } from '../../src/ui/debug/gauges.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { KEYS, liveArea, modelSession, playTurn, renderApp, waitForFrame } from './harness.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

/** The pane's rows as text, its border and the story beside it cut off. */
const paneText = (frame: string) =>
  liveArea(frame)
    .split('\n')
    .map((l) => /│ (.*?) *│/.exec(l)?.[1] ?? '')
    .join('\n');

describe('the debug pane during a regenerate', () => {
  it('shows the pacing the turn was planned with, not the estimate the rejected reply moved', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let n = 0;
    server = await startOpenAIServer({
      models: ['test-model'],
      behaviour: () =>
        n++ < 2
          ? { content: `Wren sets the chain down (${n}). "You came back." What do you do?` }
          : { content: 'Wren looks away, toward the hill. "Why now?"', chunkSize: 6, holdAfter: { chunks: 2, until: held } },
    });
    const session = await modelSession(server.url);
    const app = renderApp(session, { debug: true });
    await playTurn(app, 'I set down my bag and look at him.');
    const planned = session.turns()[0].pacing;
    // One reply rejected already (its cadence a signal), and another regenerate held midway.
    app.type(KEYS.ctrlR);
    await waitForFrame(app.lastFrame, (f) => /[◀◁] 2\/2 [▶▷]/.test(liveArea(f)), 'the first regenerate');
    app.type(KEYS.ctrlR);
    const frame = await waitForFrame(
      app.lastFrame,
      (f) => paneText(f).includes('running') && /Wren looks/.test(liveArea(f)),
      'the held regenerate',
    );
    const now = session.getSnapshot().pacing;
    // The rejected reply is a pacing signal: the estimate moved before the new candidate was written.
    expect(`${signed(now.score)} ${now.confidence.toFixed(2)}`).not.toBe(`${signed(planned.score)} ${planned.confidence.toFixed(2)}`);
    const pane = paneText(frame);
    expect(pane).toContain(`pacing ${signed(planned.score)}`);
    expect(pane).toContain(`${signed(planned.score)} · confidence ${planned.confidence.toFixed(2)}`);

    release();
    await waitForFrame(app.lastFrame, (f) => /[◀◁] 3\/3 [▶▷]/.test(liveArea(f)) && !paneText(f).includes('running'), 'the kept candidate');
    expect(paneText(app.lastFrame())).toContain(`${signed(planned.score)} · confidence ${planned.confidence.toFixed(2)}`);
  });
});
