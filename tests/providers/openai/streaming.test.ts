import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { lastUserText, longText, startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { collect, messages, profileFor, request } from './helpers.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer({ models: ['test-model'] });
});
afterEach(async () => {
  await server.close();
});

describe('the OpenAI-compatible provider, streaming', () => {
  it('streams text in several deltas and reports usage', async () => {
    server.setBehaviour({
      content: 'The lantern swings over black water.',
      chunkSize: 5,
      usage: { prompt_tokens: 11, completion_tokens: 7 },
    });
    const provider = createOpenAIProvider(profileFor(server.url));
    const r = await collect(provider, request(1));
    expect(r.text[0]).toBe('The lantern swings over black water.');
    expect(r.events.filter((e) => e.type === 'delta').length).toBeGreaterThan(3);
    expect(r.usage[0]).toEqual({ promptTokens: 11, completionTokens: 7, totalTokens: 18 });
    expect(r.done[0]).toMatchObject({ incomplete: false, finishReason: 'stop' });
    const body = server.chatRequests()[0].body!;
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(provider.label).toBe('test · test-model');
  });

  it('sends one request per candidate, at most `concurrency` at once', async () => {
    server.setBehaviour((req) => ({ content: `Answer to ${lastUserText(req)}`, delayMs: 40, chunkSize: 4 }));
    const provider = createOpenAIProvider(profileFor(server.url), { concurrency: 2 });
    const r = await collect(provider, request(5, { perCandidate: (i) => messages(`move ${i}`) }));
    expect(server.chatRequests()).toHaveLength(5);
    expect(server.maxConcurrent()).toBe(2);
    expect(r.text).toEqual([0, 1, 2, 3, 4].map((i) => `Answer to move ${i}`));
  });

  it('runs candidates in parallel up to the default of three', async () => {
    server.setBehaviour({ content: 'slowly, slowly', delayMs: 30 });
    const provider = createOpenAIProvider(profileFor(server.url));
    await collect(provider, request(4));
    expect(server.maxConcurrent()).toBe(3);
  });

  it('asks once with `n` when the profile supports it and the prompts are the same', async () => {
    server.setBehaviour({ choices: ['First telling.', 'Second telling.', 'Third telling.'], chunkSize: 4 });
    const provider = createOpenAIProvider(profileFor(server.url, { supportsN: true }));
    const r = await collect(provider, request(3));
    expect(server.chatRequests()).toHaveLength(1);
    expect(server.chatRequests()[0].body!.n).toBe(3);
    expect(r.text).toEqual(['First telling.', 'Second telling.', 'Third telling.']);
    expect(r.done.every((d) => d && !d.incomplete)).toBe(true);
  });

  it('keeps <think> blocks split across chunks out of the story text', async () => {
    server.setBehaviour({ content: ['<th', 'ink>The player wants', ' tension.</thi', 'nk>\n\nThunder', ' rolls.'] });
    const r = await collect(createOpenAIProvider(profileFor(server.url)), request(1));
    expect(r.text[0]).toBe('Thunder rolls.');
    expect(r.reasoning[0]).toBe('The player wants tension.');
    expect(
      r.events
        .filter((e) => e.type === 'delta')
        .map((e) => (e as { text: string }).text)
        .join(''),
    ).not.toContain('think');
  });

  it('routes reasoning_content and reasoning deltas to reasoning events', async () => {
    server.setBehaviour({ reasoning: 'Consider the laws first.', content: 'The gate holds.' });
    let r = await collect(createOpenAIProvider(profileFor(server.url)), request(1));
    expect(r.reasoning[0]).toBe('Consider the laws first.');
    expect(r.text[0]).toBe('The gate holds.');
    server.setBehaviour({ reasoning: 'OpenRouter style.', reasoningField: 'reasoning', content: 'Rain.' });
    r = await collect(createOpenAIProvider(profileFor(server.url)), request(1));
    expect(r.reasoning[0]).toBe('OpenRouter style.');
    expect(r.text[0]).toBe('Rain.');
  });

  it('keeps the text of a stream cut off midway and marks it incomplete, without retrying', async () => {
    server.setBehaviour({ content: 'One two three four five six seven eight nine ten.', chunkSize: 5, cutAfter: 3 });
    const r = await collect(createOpenAIProvider(profileFor(server.url), { baseDelayMs: 10 }), request(1));
    expect(r.text[0]).toBe('One two three f');
    expect(r.done[0]).toMatchObject({ incomplete: true });
    expect(r.errors[0]).toBeUndefined();
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('turns a malformed chunk before any text into a clear bad-response failure', async () => {
    server.setBehaviour({ content: 'never seen', malformedAfter: 0 });
    const r = await collect(createOpenAIProvider(profileFor(server.url)), request(1));
    expect(r.errors[0]).toMatchObject({ kind: 'bad-response', retryable: false });
    expect(r.errors[0]!.message).toContain('not valid JSON');
    expect(r.errors[0]!.message).toContain(server.url);
    expect(r.done[0]).toMatchObject({ incomplete: true });
  });

  it('keeps text before a malformed chunk that arrives midway', async () => {
    server.setBehaviour({ content: 'Good start, then garbage.', chunkSize: 6, malformedAfter: 2 });
    const r = await collect(createOpenAIProvider(profileFor(server.url)), request(1));
    expect(r.text[0]).toBe('Good start, ');
    expect(r.done[0]).toMatchObject({ incomplete: true });
  });

  it('streams slow tokens as they come', async () => {
    server.setBehaviour({ content: ['a', 'b', 'c', 'd', 'e'], delayMs: 60 });
    const arrivals: number[] = [];
    const started = Date.now();
    const r = await collect(createOpenAIProvider(profileFor(server.url)), request(1), (e) => {
      if (e.type === 'delta') arrivals.push(Date.now() - started);
    });
    expect(r.text[0]).toBe('abcde');
    expect(arrivals).toHaveLength(5);
    // Tokens arrive spread out, not all at once at the end. The server shares this process's event
    // loop: a loaded machine that stalls it can deliver two chunks in one read, so the bound is one
    // gap of the four, not their sum.
    expect(arrivals[4] - arrivals[0]).toBeGreaterThanOrEqual(60);
  });

  it('stops every candidate on abort, as incomplete and without errors', async () => {
    // About 24 s of stream a candidate: a run well under that was stopped by the abort.
    server.setBehaviour({ content: longText(2000), chunkSize: 10, delayMs: 20 });
    const controller = new AbortController();
    let deltas = 0;
    const started = Date.now();
    const r = await collect(createOpenAIProvider(profileFor(server.url)), request(2, { signal: controller.signal }), (e) => {
      if (e.type === 'delta' && ++deltas === 4) controller.abort();
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.errors).toEqual([undefined, undefined]);
    expect(r.done.map((d) => d?.incomplete)).toEqual([true, true]);
    expect(r.text.join('').length).toBeGreaterThan(0);
  });

  it('sends the stop sequences and the token limit in the request body', async () => {
    await collect(createOpenAIProvider(profileFor(server.url)), request(1, { stop: ['Tamsin:', '\nTamsin:'] }));
    const body = server.chatRequests()[0].body!;
    expect(body.stop).toEqual(['Tamsin:', '\nTamsin:']);
    expect(body.max_tokens).toBe(200);
    expect(body.model).toBe('test-model');
  });

  it('sends the extra headers of the profile', async () => {
    await collect(createOpenAIProvider(profileFor(server.url, { headers: { 'X-Title': 'skald' } })), request(1));
    expect(server.chatRequests()[0].headers['x-title']).toBe('skald');
  });

  it('reads a very long reply whole', async () => {
    const text = longText(6000);
    server.setBehaviour({ content: text, chunkSize: 64 });
    const r = await collect(createOpenAIProvider(profileFor(server.url)), request(1));
    expect(r.text[0]).toBe(text);
  });

  it('gives up on a stream that stalls after the headers, with a timeout failure', async () => {
    server.setBehaviour({ stall: true });
    const started = Date.now();
    const r = await collect(createOpenAIProvider(profileFor(server.url), { firstTokenTimeoutMs: 300 }), request(1));
    // The stall never ends by itself: any bound tells the timeout from waiting on it.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.errors[0]).toMatchObject({ kind: 'timeout' });
    expect(r.errors[0]!.message).toContain('sent no text within 0.3 s');
  });

  it('says the server closed the stream when it ends with no text and no finish reason', async () => {
    const quick = await startOpenAIServer({ models: ['test-model'], maxStallMs: 50, behaviour: { stall: true } });
    try {
      const r = await collect(
        createOpenAIProvider(profileFor(quick.url), { firstTokenTimeoutMs: 5000, maxRetries: 1, baseDelayMs: 5 }),
        request(1),
      );
      expect(r.retries).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ kind: 'server', retryable: true });
      expect(r.errors[0]!.message).toBe(
        `The endpoint at ${quick.url} closed the stream without sending any text: try again, or check the server's log.`,
      );
    } finally {
      await quick.close();
    }
  });

  it('ends a stream that goes silent after its first tokens as incomplete, keeping the text', async () => {
    // Silent after the first chunk until the client goes: only the idle timer can end it as a timeout.
    server.setBehaviour({ content: ['Once', ' upon', ' a time'], stallAfter: 1 });
    const r = await collect(createOpenAIProvider(profileFor(server.url), { firstTokenTimeoutMs: 3000, idleTimeoutMs: 150 }), request(1));
    expect(r.text[0]).toBe('Once');
    expect(r.done[0]).toMatchObject({ incomplete: true, finishReason: 'timeout' });
    expect(r.errors[0]).toBeUndefined();
  });

  it('uses the first served model when the profile names none', async () => {
    server.setModels(['local-gguf', 'other']);
    const provider = createOpenAIProvider(profileFor(server.url, { model: undefined }));
    const r = await collect(provider, request(1));
    expect(r.errors[0]).toBeUndefined();
    expect(server.chatRequests()[0].body!.model).toBe('local-gguf');
  });

  it('says how to name a model when none is named and the server lists none, in the words of where the endpoint came from', async () => {
    server.setModels([]);
    const fromFlags = await collect(
      createOpenAIProvider(profileFor(server.url, { model: undefined, name: 'flags', source: 'flags' })),
      request(1),
    );
    expect(fromFlags.errors[0]?.message).toBe(`No model was named and ${server.url} lists none: name one with --model NAME.`);
    const saved = await collect(createOpenAIProvider(profileFor(server.url, { model: undefined, name: 'local' })), request(1));
    expect(saved.errors[0]?.message).toContain('add one with `skald profiles add local --model NAME`');
  });

  it('answers a non-streamed completion without its <think> block', async () => {
    server.setBehaviour({ content: '<think>hmm</think> A short summary.' });
    const text = await createOpenAIProvider(profileFor(server.url)).complete(messages(), { maxTokens: 20 });
    expect(text).toBe('A short summary.');
    expect(server.chatRequests()[0].body!.stream).toBeFalsy();
  });
});
