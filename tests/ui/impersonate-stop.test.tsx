// Esc stops an /impersonate draft as it stops a reply: the request is cancelled, no draft reaches
// the composer (it stays as the player left it: empty, or what they typed meanwhile), nothing is
// played, and the story goes on. A real Session over the openai provider and the loopback server.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { KEYS, liveArea, modelSession, playTurn, renderApp, tick, waitForFrame, waitUntil } from './harness.js';
import { resolveKey, type KeyState } from '../../src/ui/keys.js';
import { parseKeypress } from '../../src/ui/input/keypress.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

const DRAFT = 'I ask the ferryman what the crossing costs.';

/** A session one turn in, whose next request (the draft) is held until the client goes away. */
async function drafting() {
  // The held request ends only when the client cancels it (or after maxStallMs, far past any wait here).
  server = await startOpenAIServer({ models: ['test-model'], maxStallMs: 60_000 });
  server.enqueue({ content: 'The ferryman nods toward the far bank.' }, { content: DRAFT, headerDelayMs: 60_000 });
  const session = await modelSession(server.url, { provider: { firstTokenTimeoutMs: 60_000 } });
  const app = renderApp(session);
  await waitForFrame(app.lastFrame, (f) => f.includes('turn 0'), 'the opening');
  await playTurn(app, 'I step onto the ferry.');
  app.type('/impersonate ask about the fare');
  await tick();
  app.type(KEYS.enter);
  await waitUntil(() => server!.chatRequests().length === 2, 'the draft request');
  await waitForFrame(app.lastFrame, (f) => f.includes('Drafting your next message') && /Esc stop/.test(liveArea(f)), 'the stop hint');
  return { app, session, request: server.chatRequests()[1] };
}

describe('Esc while /impersonate drafts', () => {
  it('cancels the request; no draft reaches the composer, which stays empty; the story goes on', async () => {
    const { app, session, request } = await drafting();
    app.type(KEYS.esc);
    const frame = await waitForFrame(app.lastFrame, (f) => f.includes('The draft was stopped'), 'the stopped notice');
    await waitUntil(() => request.endedAt !== undefined, 'the draft request to be cancelled');
    const live = liveArea(frame);
    expect(live).not.toContain('Drafting');
    expect(live).not.toContain(DRAFT);
    expect(live).not.toContain('ask about the fare');
    expect(session.turns()).toHaveLength(1);
    // The composer is the player's again: a line plays at once (the session is no longer busy).
    server!.enqueue({ content: 'Two coins, says the ferryman.' });
    await playTurn(app, 'I pay the fare.');
    expect(session.turns()[1].input.text).toBe('I pay the fare.');
    expect(liveArea(app.lastFrame() ?? '')).not.toContain(DRAFT);
  });

  it('keeps what the player typed while the draft was written, and ↑ brings the command back', async () => {
    const { app } = await drafting();
    app.type('I jump');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('I jump'), 'the typed text');
    app.type(KEYS.esc);
    const frame = await waitForFrame(app.lastFrame, (f) => f.includes('The draft was stopped'), 'the stopped notice');
    expect(liveArea(frame)).toContain('I jump');
    expect(liveArea(frame)).not.toContain(DRAFT);
    // Emptied, the composer's history has the command to run again.
    for (let i = 0; i < 'I jump'.length; i++) app.type(KEYS.backspace);
    await waitForFrame(app.lastFrame, (f) => !liveArea(f).includes('I jump'), 'the emptied composer');
    app.type(KEYS.up);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('/impersonate ask about the fare'), 'the command recalled');
  });

  it('Ctrl+C, which clears the composer, stops the draft too: none lands in the cleared composer', async () => {
    const { app, request } = await drafting();
    app.type(KEYS.ctrlC);
    const frame = await waitForFrame(app.lastFrame, (f) => f.includes('The draft was stopped'), 'the stopped notice');
    await waitUntil(() => request.endedAt !== undefined, 'the draft request to be cancelled');
    expect(liveArea(frame)).not.toContain(DRAFT);
  });

  it('Esc is the stop key only while the draft is written', () => {
    const state: KeyState = {
      modal: false,
      generating: false,
      composerEmpty: true,
      slash: false,
      onFirstLine: true,
      onLastLine: true,
      debugOpen: false,
      canRetry: false,
      hasTurn: true,
      earlierSelected: false,
    };
    const esc = parseKeypress(KEYS.esc);
    expect(resolveKey(esc, { ...state, commandPending: true })?.id).toBe('stop');
    expect(resolveKey(esc, state)?.id).not.toBe('stop');
  });
});
