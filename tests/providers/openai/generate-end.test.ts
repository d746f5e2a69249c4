/**
 * How a generate call ends: a consumer that stops reading stops the requests still streaming, and
 * one that read every candidate to its end aborts nothing (an abort builds a DOMException and
 * wakes every listener: measurable on every turn of the client bench for no effect).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { longText, startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { collect, profileFor, request } from './helpers.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer({ models: ['test-model'] });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await server.close();
});

describe('the end of a generate call', () => {
  it('aborts nothing once every candidate has ended', async () => {
    server.setBehaviour({ content: 'The lantern swings over black water.', chunkSize: 5 });
    const provider = createOpenAIProvider(profileFor(server.url));
    const abort = vi.spyOn(AbortController.prototype, 'abort');
    const r = await collect(provider, request(2));
    expect(r.text).toEqual(['The lantern swings over black water.', 'The lantern swings over black water.']);
    expect(abort).not.toHaveBeenCalled();
  });

  it('stops the requests still streaming when the consumer stops reading', async () => {
    // About 24 s of stream: a request that ended well before that was stopped.
    server.setBehaviour({ content: longText(2000), chunkSize: 10, delayMs: 20 });
    const provider = createOpenAIProvider(profileFor(server.url));
    const abort = vi.spyOn(AbortController.prototype, 'abort');
    let deltas = 0;
    for await (const event of provider.generate(request(1))) if (event.type === 'delta' && ++deltas === 3) break;
    expect(abort).toHaveBeenCalled();
    await vi.waitFor(() => expect(server.chatRequests()[0].endedAt).toBeDefined(), { timeout: 5_000 });
    expect(server.chatRequests()[0].endedAt! - server.chatRequests()[0].startedAt).toBeLessThan(10_000);
  });
});
