import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { Session } from '../../src/engine/session/index.js';
import { MemorySessionStore } from '../../src/engine/session/records.js';
import { createOpenAIProvider } from '../../src/providers/openai/index.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { resolveWorld } from '../../src/world/discover.js';
import { KEYS, liveArea, renderApp, tick, waitForFrame } from './harness.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

/** Resizes the fake terminal, as a real one does (Ink and the TUI listen for `resize`). */
function resize(stdout: NodeJS.EventEmitter, columns: number) {
  Object.defineProperty(stdout, 'columns', { configurable: true, get: () => columns });
  stdout.emit('resize');
}

describe('a notice longer than three rows', () => {
  it('shows its whole sentence at 60 columns: the context-budget refusal keeps its advice', async () => {
    // A model's session (the offline narrator has no context budget to overflow); nothing reaches the server.
    server = await startOpenAIServer({ models: ['test-model'] });
    const pack = (await resolveWorld('harbor-lights')).pack;
    let now = 1_700_000_000_000;
    const session = await Session.create({
      pack,
      provider: createOpenAIProvider(
        { name: 'test', baseURL: server.url, model: 'test-model', headers: {}, supportsN: false, source: 'profile' },
        { maxRetries: 0 },
      ),
      store: new MemorySessionStore(),
      clock: { now: () => (now += 7) },
      seed: 1,
      candidates: 1,
      budget: 2048,
    });
    const app = renderApp(session);
    resize(app.stdout, 60);
    await tick();
    const words = ['the', 'tide', 'went', 'out', 'boats', 'sat', 'in', 'mud', 'gulls', 'circled', 'over', 'diner', 'roof'];
    const long = Array.from({ length: 1400 }, (_, i) => words[(i * 7) % words.length]).join(' ');
    app.type(long);
    await tick();
    app.type(KEYS.enter);
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('nothing was sent'), 'the refusal');
    const live = liveArea(frame);
    expect(live.replace(/\s*\n/g, ' ')).toContain('Shorten it, or raise the budget (--budget, or the contextBudget setting).');
    // Still shorter than the terminal (ink-testing-library's has 24 rows).
    expect(live.split('\n').length).toBeLessThan(24);
    expect(server.chatRequests()).toHaveLength(0);
  });
});
