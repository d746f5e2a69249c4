// Keys in the same write as an Enter (typed faster than a frame, or held while the TUI started):
// they act on what that Enter started, not on the screen the last frame drew.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import { fileServices } from '../../src/cli/file-services.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { KEYS, liveArea, makeSession, modelSession, playTurn, render, renderApp, tick, waitForFrame, waitUntil } from './harness.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

/** Esc as the kitty keyboard protocol (and the held keys, src/cli/held-keys.ts) write it: read at once, with no wait for more. */
const KITTY_ESC = '\u001b[27u';

describe('a key in the same write as the Enter that started a run', () => {
  it('Ctrl+R is refused while the reply runs, and r then sends the failed message again, not a regenerate', async () => {
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: 'Wren looks up from the sluice. "You came back."' } });
    const session = await modelSession(server.url);
    const app = render(<App started={{ session, notes: [] }} services={fileServices} />);
    app.stdin.write('Hello, Wren.');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitUntil(() => session.turns().length === 1, 'the first turn');
    await waitForFrame(app.lastFrame, (f) => /◁ 1\/1 ▷/.test(liveArea(f)), 'the carousel');
    server.enqueue({ status: 500, errorMessage: 'boom' });
    app.stdin.write('Where is the key?');
    await tick();
    app.stdin.write(KEYS.enter + KEYS.ctrlR);
    await waitForFrame(app.lastFrame, (f) => f.includes('r sends it again'), 'the error line');
    app.stdin.write('r');
    await waitUntil(() => session.turns().length === 2, 'the message sent again');
    expect(session.turns()[1].input.text).toBe('Where is the key?');
    // Turn 1 was never regenerated: its one candidate, and three requests in all.
    expect(session.turns()[0].candidates).toHaveLength(1);
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('Esc stops the reply that Enter just started', async () => {
    const session = await makeSession({ delayMs: 40, candidates: 1 });
    const app = renderApp(session);
    await playTurn(app, 'I greet Wren.');
    app.type('I ask about the sapling.');
    await tick();
    app.type(KEYS.enter + KITTY_ESC);
    // Stopped before any of it arrived: nothing is saved, and the message waits as not sent.
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('(not sent)') && !f.includes('Esc stops'), 'the stopped run');
    expect(session.turns()).toHaveLength(1);
  });
});
