/**
 * The API key never shows in the TUI, debug pane open: the real App over a Session on the real
 * openai provider, against the test server, which first fails with an error that echoes the key.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from '../ui/harness.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { JsonlSessionStore } from '../../src/store/session-file.js';
import { createOpenAIProvider } from '../../src/providers/openai/index.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { FAST, profileFor } from './helpers.js';
import { App } from '../../src/ui/App.js';
import { fileServices } from '../../src/cli/file-services.js';

const KEY = 'skaldTEST-tui-Pq93mXvB7cLd';

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({
    models: ['test-model'],
    apiKey: KEY,
    behaviour: { content: 'Wren sets the lamp down. "Well?"', reasoning: 'keep it short' },
  });
});
afterAll(async () => {
  await server.close();
});

describe('API keys in the TUI', () => {
  it('never appear in a frame, debug pane included, even when the server echoes one', async () => {
    const provider = createOpenAIProvider(profileFor(server.url, { apiKey: KEY, keyStored: true }), FAST);
    let now = Date.UTC(2026, 10, 1);
    const store = new JsonlSessionStore({ dir: mkdtempSync(join(tmpdir(), 'skald-keys-tui-')) });
    const session = await Session.create({ pack: miniPack(), provider, store, clock: { now: () => (now += 5) }, seed: 1, candidates: 1 });
    server.enqueue(...Array.from({ length: 4 }, () => ({ status: 500, errorMessage: `bad credentials ${KEY}` })));
    const app = render(<App started={{ session, notes: [] }} services={fileServices} debug />);
    const send = async (text: string) => {
      app.stdin.write(text);
      await new Promise((resolve) => setTimeout(resolve, 20));
      app.stdin.write('\r');
    };
    const settle = async (check: () => boolean) => {
      const deadline = Date.now() + 30_000;
      while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 100));
    };
    await send('Hello?');
    await settle(() => app.frames.some((f) => f.includes('[redacted]') || f.includes('bad credentials')));
    await send('Hello again.');
    await settle(() => session.turns().length === 1);
    expect(session.turns()).toHaveLength(1);
    expect(server.chatRequests().some((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    // The echoed error was shown, with the key hidden.
    expect(app.frames.some((f) => f.includes('bad credentials'))).toBe(true);
    const leaking = app.frames.filter((f) => f.includes(KEY));
    expect(leaking.length).toBe(0);
    app.unmount();
    await store.close();
  });
});
