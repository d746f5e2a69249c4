// The TUI tells a dead endpoint while the player reads the opening: the background check
// (providers/openai/reach.ts, one connection to the endpoint's host and port) runs when the play
// screen is shown, and what it finds stays as a notice until the player acts.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { endpointUnanswered } from '../../src/providers/openai/reach.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { liveArea, makeSession, playTurn, renderApp, tick, waitForFrame, waitUntil } from './harness.js';
import { closedPort } from '../support/ports.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

/** The real check against `baseURL`, with the signals it was given and the promises it returned kept for the test. */
function recordedCheck(baseURL: string) {
  const signals: AbortSignal[] = [];
  const results: Array<Promise<string | undefined>> = [];
  const check = (signal: AbortSignal) => {
    signals.push(signal);
    const result = endpointUnanswered({ baseURL }, signal);
    results.push(result);
    return result;
  };
  return { check, signals, results };
}

describe('the endpoint check on the play screen', () => {
  it('shows a dead endpoint as a notice before any message, and keeps it until the player acts', async () => {
    const port = await closedPort();
    const { check } = recordedCheck(`http://127.0.0.1:${port}/v1`);
    const session = await makeSession();
    const app = renderApp(session, { started: { session, notes: [], endpointCheck: check } });
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Nothing listens'), 'the endpoint notice');
    expect(liveArea(frame).replace(/\s*\n\s*/g, ' ')).toContain(
      `Nothing listens at http://127.0.0.1:${port}/v1: start the server, or correct the port in the base URL.`,
    );
    // Typing does not dismiss it (it describes a state still in force); sending a message does.
    app.type('I look around');
    await tick();
    expect(liveArea(app.lastFrame())).toContain('Nothing listens');
    await playTurn(app, '');
    await waitUntil(() => !liveArea(app.lastFrame()).includes('Nothing listens'), 'the notice to go once a message is sent');
  });

  it('shows nothing when the endpoint answers', async () => {
    server = await startOpenAIServer({ models: ['test-model'] });
    const { check, results } = recordedCheck(server.url);
    const session = await makeSession();
    const app = renderApp(session, { started: { session, notes: [], endpointCheck: check } });
    await waitUntil(() => results.length === 1, 'the check to start');
    expect(await results[0]).toBeUndefined();
    await tick();
    expect(app.lastFrame()).not.toContain('Nothing listens');
  });

  it('is stopped when the play screen goes (a new story, the end of the run)', async () => {
    const port = await closedPort();
    const { check, signals } = recordedCheck(`http://127.0.0.1:${port}/v1`);
    const session = await makeSession();
    const app = renderApp(session, { started: { session, notes: [], endpointCheck: check } });
    await waitUntil(() => signals.length === 1, 'the check to start');
    expect(signals[0]?.aborted).toBe(false);
    app.unmount();
    expect(signals[0]?.aborted).toBe(true);
  });
});
