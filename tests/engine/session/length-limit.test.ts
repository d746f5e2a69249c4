import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { profileFor } from '../../providers/openai/helpers.js';
import { collect, newSession } from './helpers.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a reply the model stopped at its token limit', () => {
  it('is shown ending on its last whole sentence, with the repair named, and is not marked broken', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    const cut =
      'Wren sets down the sack and wipes his hands. "You came back," he says at last. He looks up at the hill, where the new tree';
    server.setBehaviour({ content: cut, finishReason: 'length' });
    const { session, store } = await newSession({
      candidates: 1,
      provider: createOpenAIProvider(profileFor(server.url, { name: 'loop', model: 'story-1' }), { maxRetries: 0 }),
    });
    await collect(session.play({ text: 'I greet Wren.' }));
    const reply = session.turns()[0].candidates[0];
    expect(reply.text).toBe('Wren sets down the sack and wipes his hands. "You came back," he says at last.');
    expect(reply.raw).toBe(cut);
    expect(reply.repairs).toContain('dropped the unfinished last sentence (the reply reached its length limit)');
    expect(reply.incomplete).toBe(false);
    // The critics saw what the model sent: the fragment is on record.
    expect(reply.critics.find((c) => c.id === 'formatting')?.flagged).toBe(true);
    // And what the player saw is what was stored.
    const stored = store.records.find((r) => r.type === 'turn');
    expect(stored?.type === 'turn' && stored.candidates[0].text).toBe(reply.text);
  });

  it('leaves a reply the model finished by itself as it was', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    const whole = 'Wren sets down the sack. "You came back," he says, and waits for you to explain.';
    server.setBehaviour({ content: whole, finishReason: 'stop' });
    const { session } = await newSession({
      candidates: 1,
      provider: createOpenAIProvider(profileFor(server.url, { name: 'loop', model: 'story-1' }), { maxRetries: 0 }),
    });
    await collect(session.play({ text: 'I greet Wren.' }));
    expect(session.turns()[0].candidates[0].text).toBe(whole);
  });
});
