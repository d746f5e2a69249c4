/**
 * The loopback server's one-slot mode and held replies, driven through the real `openai` SDK: what
 * the session's ordering tests (tests/engine/session/summary-order.test.ts) rely on.
 */
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer, type Reply } from './openai-server.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Yields to the event loop until `ready()` holds: waits for the server to see a request, with no clock. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise<void>((resolve) => setImmediate(resolve));
}

function client(url: string): OpenAI {
  return new OpenAI({ baseURL: url, apiKey: 'test', maxRetries: 0 });
}

const ask = (sdk: OpenAI, text: string, signal?: AbortSignal) =>
  sdk.chat.completions.create({ model: 'test-model', messages: [{ role: 'user', content: text }], stream: true }, signal ? { signal } : {});

async function readAll(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}

describe('a server with one slot', () => {
  it('serves one request at a time, in the order they arrived', async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const served: string[] = [];
    server = await startOpenAIServer({ slots: 1 });
    server.setBehaviour((request): Reply => {
      const text = request.messages.at(-1)!.content;
      served.push(text);
      return text === 'one' ? { content: 'first then the rest', chunkSize: 6, holdAfter: { chunks: 1, until: gate } } : { content: text };
    });
    const sdk = client(server.url);
    const first = (await ask(sdk, 'one'))[Symbol.asyncIterator]();
    const chunks: string[] = [];
    // The role chunk, then the first piece of text; the rest is held.
    while (chunks.join('') === '') chunks.push((await first.next()).value?.choices[0]?.delta?.content ?? '');
    const second = ask(sdk, 'two').then(readAll);
    await until(() => server!.chatRequests().length === 2);
    const third = ask(sdk, 'three').then(readAll);
    await until(() => server!.chatRequests().length === 3);
    expect(served).toEqual(['one']);
    expect(server.chatRequests().map((r) => r.servedAt !== undefined)).toEqual([true, false, false]);
    expect(server.maxConcurrent()).toBe(3);

    open();
    for (let next = await first.next(); !next.done; next = await first.next()) chunks.push(next.value.choices[0]?.delta?.content ?? '');
    expect(chunks.join('')).toBe('first then the rest');
    expect(await second).toBe('two');
    expect(await third).toBe('three');
    expect(served).toEqual(['one', 'two', 'three']);
  });

  it('gives the place of a client that left the queue to the next', async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const served: string[] = [];
    server = await startOpenAIServer({ slots: 1 });
    server.setBehaviour((request): Reply => {
      const text = request.messages.at(-1)!.content;
      served.push(text);
      return text === 'one' ? { content: 'held', chunkSize: 2, holdAfter: { chunks: 1, until: gate } } : { content: text };
    });
    const sdk = client(server.url);
    const first = ask(sdk, 'one').then(readAll);
    await until(() => server!.chatRequests()[0]?.servedAt !== undefined);
    const leaving = new AbortController();
    const second = ask(sdk, 'two', leaving.signal).then(readAll, (error: unknown) =>
      error instanceof OpenAI.APIUserAbortError ? 'aborted' : String(error),
    );
    await until(() => server!.chatRequests().length === 2);
    leaving.abort();
    await server.chatRequests()[1].closed;
    const third = ask(sdk, 'three').then(readAll);
    await until(() => server!.chatRequests().length === 3);
    open();
    expect(await first).toBe('held');
    expect(await third).toBe('three');
    expect(await second).toBe('aborted');
    expect(served).toEqual(['one', 'three']);
    expect(server.chatRequests()[1].servedAt).toBeUndefined();
  });
});
