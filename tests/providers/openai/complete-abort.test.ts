import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findTemplate } from '../../../src/providers/instruct/catalog.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { ProviderError } from '../../../src/providers/openai/failures.js';
import { startOpenAIServer, type OpenAIServer, type RecordedRequest, type Reply } from '../../support/openai-server.js';
import { messages, profileFor } from './helpers.js';

let server: OpenAIServer;
let release: (reply: Reply) => void = () => {};
beforeEach(async () => {
  server = await startOpenAIServer({ models: ['test-model'] });
});
afterEach(async () => {
  release({});
  await server.close();
});

/** Holds every request unanswered until the test releases it; resolves with the first one when it arrives. */
function holdRequests(): Promise<RecordedRequest> {
  let arrived: (recorded: RecordedRequest) => void = () => {};
  const first = new Promise<RecordedRequest>((resolve) => (arrived = resolve));
  const held = new Promise<Reply>((resolve) => (release = resolve));
  server.setBehaviour((_request, recorded) => {
    arrived(recorded);
    return held;
  });
  return first;
}

describe("a single completion's signal (the rolling summary's request)", () => {
  it.each([
    ['chat', false],
    ['text completion', true],
  ])('%s: aborting stops the request on the wire and rejects as cancelled, without a retry', async (_name, text) => {
    const arrived = holdRequests();
    const provider = text
      ? createOpenAIProvider(profileFor(server.url, { api: 'completions', template: 'chatml' }), {
          template: { instruct: findTemplate('chatml').instruct },
        })
      : createOpenAIProvider(profileFor(server.url));
    const controller = new AbortController();
    const answer = provider.complete(messages(), { maxTokens: 50, signal: controller.signal });
    const recorded = await arrived;
    controller.abort();
    const failure = await answer.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ProviderError);
    expect((failure as ProviderError).failure).toMatchObject({ kind: 'aborted', retryable: false });
    // The server saw the connection go: the request is not left running for nothing.
    await recorded.closed;
    expect(recorded.endedAt).toBeDefined();
    expect(server.requests.filter((r) => r.path !== '/v1/models')).toHaveLength(1);
  });

  it('answers as usual when the signal never fires', async () => {
    server.setBehaviour({ content: 'The summary so far.' });
    const provider = createOpenAIProvider(profileFor(server.url));
    expect(await provider.complete(messages(), { signal: new AbortController().signal })).toBe('The summary so far.');
  });

  it('leaves no listener on a signal that outlives its requests (an eval run signal), answered or retried', async () => {
    // The SDK adds an abort listener to the signal it is given and never removes it: one per request
    // stayed on the run's signal, and past ten Node printed a MaxListenersExceededWarning mid-eval.
    server.setBehaviour({ content: 'The summary so far.' });
    const provider = createOpenAIProvider(profileFor(server.url), { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 });
    const run = new AbortController();
    for (let i = 0; i < 4; i++) await provider.complete(messages(), { signal: run.signal });
    server.enqueue({ status: 500, errorMessage: 'boom' });
    expect(await provider.complete(messages(), { signal: run.signal })).toBe('The summary so far.');
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });
});
