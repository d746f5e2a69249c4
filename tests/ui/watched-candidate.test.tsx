// The live area shows one candidate being written; when the critics rank another first, the screen
// switches to it. The player is told where the reply they were reading went.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { KEYS, liveArea, modelSession, playTurn, renderApp, tick, waitForFrame } from './harness.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

const GOOD =
  'Wren sets the lantern on the sluice gate and studies you for a long moment. The river runs loud below the mill, ' +
  'and somewhere up the hill a branch of the glass orchard chimes in the wind. "Five years," he says at last. ' +
  '"The orchard has not rung like that since you left. What did you come back for, Tam?"';
// Too short, and no hook: the critics rank it under the others.
const POOR = 'Yes.';

const flat = (frame: string) => liveArea(frame).replace(/\s+/g, ' ');

describe('the candidate watched being written', () => {
  it('when the ranking shows another first, a notice says which one it was, and swiping there shows it', async () => {
    let served = 0;
    // One request at a time, in the candidates' order: the first served is the one the live area shows.
    server = await startOpenAIServer({ behaviour: () => ({ content: served++ === 0 ? POOR : `${GOOD} (${served})` }) });
    const session = await modelSession(server.url, { candidates: 3, provider: { concurrency: 1 } });
    const app = renderApp(session);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    await playTurn(app, 'I step off the ferry.');
    const turn = session.turns()[0];
    const at = turn.candidates.findIndex((c) => c.text === POOR);
    expect(at).toBeGreaterThan(0);
    const frame = await waitForFrame(app.lastFrame, (f) => flat(f).includes('ranked another candidate first'), 'the notice');
    expect(flat(frame)).toContain(`the one written on screen is ${at + 1}/3`);
    for (let i = 0; i < at; i++) app.type(KEYS.right);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes(`${at + 1}/3`) && liveArea(f).includes(POOR), 'the watched reply');
  });

  it('says nothing when the reply written on screen is the one shown', async () => {
    let served = 0;
    server = await startOpenAIServer({ behaviour: () => ({ content: served++ === 0 ? GOOD : POOR }) });
    const session = await modelSession(server.url, { candidates: 3, provider: { concurrency: 1 } });
    const app = renderApp(session);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    await playTurn(app, 'I step off the ferry.');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('1/3'), 'the carousel');
    // The notice would come with the run's end, in the same frame or the next.
    await tick(100);
    const frame = app.lastFrame();
    expect(session.turns()[0].candidates[0].text).toBe(GOOD);
    expect(flat(frame)).not.toContain('ranked another candidate first');
  });
});
