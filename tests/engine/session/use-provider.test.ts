import { afterEach, describe, expect, it } from 'vitest';
import { SessionError } from '../../../src/engine/session/index.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { createOfflineNarrator } from '../../../src/providers/offline/index.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { profileFor } from '../../providers/openai/helpers.js';
import { collect, newSession } from './helpers.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const chats = (s: OpenAIServer) => s.requests.filter((r) => r.path.endsWith('/chat/completions'));

describe('switching the narrator mid-story', () => {
  it('sends the next turn and regenerate to the new provider, and reports its id and label', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.setBehaviour(() => ({ content: 'The lantern swings over the water; Wren waits by the gate.' }));
    const { session } = await newSession({ candidates: 1 });
    await collect(session.play({ text: 'I greet Wren.' }));
    expect(session.turns()[0].candidates[0].text).not.toContain('lantern swings');
    expect(chats(server)).toHaveLength(0);

    session.useProvider(createOpenAIProvider(profileFor(server.url, { name: 'loop', model: 'story-1' }), { maxRetries: 0 }));
    expect(session).toMatchObject({ providerId: 'loop', providerLabel: 'loop · story-1', offline: false });

    await collect(session.play({ text: 'I ask about the wheel.' }));
    expect(session.turns()[1].candidates[0].text).toContain('The lantern swings over the water');
    expect(chats(server)).toHaveLength(1);
    expect(chats(server)[0].body?.model).toBe('story-1');

    await collect(session.regenerate());
    expect(chats(server)).toHaveLength(2);
    expect(session.turns()[1].candidates).toHaveLength(2);

    // And back to the offline narrator: the server hears nothing more.
    session.useProvider(createOfflineNarrator({ seed: 1 }));
    expect(session).toMatchObject({ providerId: 'offline', providerLabel: 'offline narrator', offline: true });
    await collect(session.play({ text: 'I walk to the orchard.' }));
    expect(chats(server)).toHaveLength(2);
    expect(session.turns()).toHaveLength(3);
  });

  it('refuses while a turn runs, and the running turn keeps its narrator', async () => {
    const { session } = await newSession({ candidates: 1, provider: createOfflineNarrator({ seed: 1, delayMs: 5 }) });
    const events = session.play({ text: 'I greet Wren.' })[Symbol.asyncIterator]();
    await events.next(); // the turn has started
    expect(() => session.useProvider(createOfflineNarrator({ seed: 2 }))).toThrow(SessionError);
    expect(() => session.useProvider(createOfflineNarrator({ seed: 2 }))).toThrow(/cannot change while a reply is being written/);
    while (!(await events.next()).done);
    expect(session.turns()).toHaveLength(1);
    session.useProvider(createOfflineNarrator({ seed: 2 }));
  });

  it('drops the old summarizer unless the new narrator brings one', async () => {
    let oldCalls = 0;
    let newCalls = 0;
    const { session } = await newSession({
      candidates: 1,
      budget: 900,
      summarize: async () => {
        oldCalls += 1;
        return 'old summary';
      },
    });
    session.useProvider(createOfflineNarrator({ seed: 3 }));
    const long = 'I tell Wren, at length and in detail, everything about the road, the rain, the mill and the debt. '.repeat(4);
    for (let i = 0; i < 4; i++) await collect(session.play({ text: `${long} (${i})` }));
    expect(session.memory().summaryThrough).toBeGreaterThan(0);
    expect(oldCalls).toBe(0);

    session.useProvider(createOfflineNarrator({ seed: 3 }), {
      summarize: async () => {
        newCalls += 1;
        return 'new summary';
      },
    });
    for (let i = 4; i < 8; i++) await collect(session.play({ text: `${long} (${i})` }));
    expect(newCalls).toBeGreaterThan(0);
    expect(session.memory().summary).toBe('new summary');
  });
});
