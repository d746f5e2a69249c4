import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider, ProviderError } from '../../../src/providers/openai/index.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { collect, messages, profileFor, request } from './helpers.js';
import { closedPort } from '../../support/ports.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer({ models: ['test-model', 'llama3.1', 'qwen2.5'] });
});
afterEach(async () => {
  await server.close();
});

describe('the OpenAI-compatible provider, failures', () => {
  it('waits as long as retry-after says on 429, then succeeds', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '1' } });
    server.setBehaviour({ content: 'After the wait.' });
    const r = await collect(createOpenAIProvider(profileFor(server.url), { baseDelayMs: 10 }), request(1));
    expect(r.text[0]).toBe('After the wait.');
    expect(r.retries).toHaveLength(1);
    // Why and out of how many, for the play screen to say that the endpoint asked to wait.
    expect(r.retries[0]).toMatchObject({ candidate: 0, attempt: 1, limit: 3, delayMs: 1000, kind: 'rate-limit' });
    const [first, second] = server.chatRequests();
    const gap = second.startedAt - first.startedAt;
    expect(gap).toBeGreaterThanOrEqual(950);
    // Far under a minute (retry-after read as minutes), with room for a loaded machine's late retry.
    expect(gap).toBeLessThan(30_000);
  });

  it('honours retry-after given as an HTTP date', async () => {
    server.enqueue(() => ({ status: 429, headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() } }));
    const r = await collect(createOpenAIProvider(profileFor(server.url)), request(1));
    expect(r.retries[0].delayMs).toBeGreaterThan(500);
    expect(r.retries[0].delayMs).toBeLessThanOrEqual(2000);
    expect(r.done[0]).toMatchObject({ incomplete: false });
  });

  it('retries a 500 with backoff, then succeeds', async () => {
    server.enqueue({ status: 500 }, { status: 503 });
    server.setBehaviour({ content: 'Third time lucky.' });
    const r = await collect(createOpenAIProvider(profileFor(server.url), { baseDelayMs: 20 }), request(1));
    expect(r.text[0]).toBe('Third time lucky.');
    expect(r.retries.map((e) => e.attempt)).toEqual([1, 2]);
    // Exponential: the second wait is drawn from a range twice as high as the first.
    expect(r.retries[0].delayMs).toBeGreaterThanOrEqual(10);
    expect(r.retries[0].delayMs).toBeLessThanOrEqual(20);
    expect(r.retries[1].delayMs).toBeGreaterThanOrEqual(20);
    expect(r.retries[1].delayMs).toBeLessThanOrEqual(40);
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('says it is still rate limited after the last retry', async () => {
    server.setBehaviour({ status: 429, headers: { 'retry-after': '0' } });
    const r = await collect(createOpenAIProvider(profileFor(server.url), { maxRetries: 2 }), request(1));
    expect(server.chatRequests()).toHaveLength(3);
    expect(r.errors[0]).toMatchObject({ kind: 'rate-limit', status: 429 });
    expect(r.errors[0]!.message).toContain('still rate limiting requests after 2 retries');
  });

  it('suggests fewer candidates on 429 only when the turn asked for more than one', async () => {
    server.setBehaviour({ status: 429, headers: { 'retry-after': '0' } });
    const one = await collect(createOpenAIProvider(profileFor(server.url), { maxRetries: 0 }), request(1));
    expect(one.errors[0]).toMatchObject({ kind: 'rate-limit', status: 429 });
    expect(one.errors[0]!.message).not.toContain('candidates');
    expect(one.errors[0]!.message).toContain('wait a minute and try again, or check the rate limits of your plan with the provider.');

    // Each candidate is its own request here (no `n`), so the job holds one; the turn holds three.
    const three = await collect(createOpenAIProvider(profileFor(server.url), { maxRetries: 0 }), request(3));
    for (const error of three.errors) expect(error!.message).toContain('ask for fewer candidates (`--candidates 1`');

    // A whole reply (critics, planner) is one request: no candidate advice.
    const whole = await createOpenAIProvider(profileFor(server.url), { maxRetries: 0 })
      .complete(messages())
      .catch((e: unknown) => e);
    expect(whole).toBeInstanceOf(ProviderError);
    expect((whole as ProviderError).failure.kind).toBe('rate-limit');
    expect((whole as ProviderError).message).not.toContain('candidates');
  });

  it('names the profile and the key variable on 401, and does not retry', async () => {
    await server.close();
    server = await startOpenAIServer({ apiKey: 'right-key-123456' });
    const profile = profileFor(server.url, { name: 'work', apiKey: 'sk-wrongwrongwrong123', apiKeyEnv: 'WORK_KEY' });
    const r = await collect(createOpenAIProvider(profile), request(1));
    expect(r.errors[0]).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(r.errors[0]!.message).toBe(
      'The endpoint refused the API key (profile work): check it with `skald profiles add work --api-key-stdin` or the variable $WORK_KEY.',
    );
    expect(r.errors[0]!.message).not.toContain('sk-wrong');
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('lists the served models when the model is not served', async () => {
    const r = await collect(createOpenAIProvider(profileFor(server.url, { model: 'gpt-5-turbo' })), request(1));
    expect(r.errors[0]).toMatchObject({ kind: 'not-found', status: 404 });
    expect(r.errors[0]!.message).toBe(`Model gpt-5-turbo is not served at ${server.url}; it serves: test-model, llama3.1, qwen2.5.`);
  });

  it('says nothing listens at the URL, with the Ollama hint for the Ollama preset', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const r = await collect(createOpenAIProvider(profileFor(url, { preset: 'ollama' }), { maxRetries: 1, baseDelayMs: 5 }), request(1));
    expect(r.retries).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ kind: 'connection' });
    expect(r.errors[0]!.message).toBe(`Nothing listens at ${url}: start it with \`ollama serve\`, or correct the port in the base URL.`);
  });

  it('says fetch refuses a blocked port (the brief\'s :9) instead of a bare "Connection error."', async () => {
    const url = 'http://127.0.0.1:9/v1';
    const r = await collect(createOpenAIProvider(profileFor(url), { maxRetries: 2, baseDelayMs: 5 }), request(1));
    expect(r.retries).toHaveLength(0);
    expect(r.errors[0]).toMatchObject({ kind: 'connection', retryable: false });
    expect(r.errors[0]!.message).toBe(
      `${url} uses a port that Node's fetch refuses to connect to: run the server on another port (such as 8080) and change the base URL.`,
    );
  });

  it('redacts the key when a server echoes it in an error', async () => {
    const key = 'very-private-key-424242';
    server.setBehaviour({ status: 400, errorMessage: `bad request for key ${key} and Bearer ${key}` });
    const r = await collect(createOpenAIProvider(profileFor(server.url, { apiKey: key })), request(1));
    expect(r.errors[0]).toMatchObject({ kind: 'bad-response', status: 400 });
    expect(r.errors[0]!.message).toContain('bad request for key [redacted]');
    expect(r.errors[0]!.message).not.toContain(key);
  });

  it('times out when the headers never come, and says so', async () => {
    // Headers that would take 30 s: a run well under that was ended by the 200 ms timeout, however
    // loaded the machine is.
    server.setBehaviour({ headerDelayMs: 30_000 });
    const started = Date.now();
    const r = await collect(createOpenAIProvider(profileFor(server.url), { connectTimeoutMs: 200, maxRetries: 0 }), request(1));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.errors[0]).toMatchObject({ kind: 'timeout' });
    expect(r.errors[0]!.message).toBe(
      `The endpoint at ${server.url} did not answer in time: check that the server is up and not overloaded.`,
    );
  });

  it('throws a ProviderError with the same sentences from complete()', async () => {
    const provider = createOpenAIProvider(profileFor(server.url, { model: 'missing' }));
    const error = await provider.complete(messages()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).failure.kind).toBe('not-found');
    expect((error as ProviderError).message).toContain('it serves: test-model');
  });

  it('retries complete() on 500 too', async () => {
    server.enqueue({ status: 500 });
    server.setBehaviour({ content: 'fine now' });
    const text = await createOpenAIProvider(profileFor(server.url), { baseDelayMs: 5 }).complete(messages());
    expect(text).toBe('fine now');
    expect(server.chatRequests()).toHaveLength(2);
  });
});
