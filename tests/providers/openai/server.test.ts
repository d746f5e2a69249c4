// The shared test server itself: what other suites rely on when they script it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer({ models: ['a', 'b'] });
});
afterEach(async () => {
  await server.close();
});

const post = (body: unknown) =>
  fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the test OpenAI server', () => {
  it('lists its models and refuses others with a 404', async () => {
    const models = (await (await fetch(`${server.url}/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toEqual(['a', 'b']);
    const missing = await post({ model: 'c', messages: [] });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('model_not_found');
  });

  it('answers whole replies with n choices, from a function of the request', async () => {
    server.setBehaviour((req) => ({ content: `echo ${req.messages.length}` }));
    const reply = (await (await post({ model: 'a', n: 2, messages: [{ role: 'user', content: 'x' }] })).json()) as {
      choices: Array<{ index: number; message: { content: string } }>;
    };
    expect(reply.choices).toEqual([
      expect.objectContaining({ index: 0, message: expect.objectContaining({ content: 'echo 1 (choice 1)' }) }),
      expect.objectContaining({ index: 1, message: expect.objectContaining({ content: 'echo 1 (choice 2)' }) }),
    ]);
  });

  it('sends a usage chunk only when asked, then [DONE]', async () => {
    const read = async (includeUsage: boolean) =>
      (
        await post({
          model: 'a',
          stream: true,
          stream_options: { include_usage: includeUsage },
          messages: [{ role: 'user', content: 'hi there' }],
        })
      ).text();
    const withUsage = await read(true);
    expect(withUsage).toMatch(/"usage":\{"prompt_tokens":2,"completion_tokens":\d+/);
    expect(withUsage.trim().endsWith('data: [DONE]')).toBe(true);
    expect(await read(false)).not.toContain('"usage"');
  });

  it('uses queued replies once, in order, before the default', async () => {
    server.enqueue({ status: 500 }, { status: 429, headers: { 'retry-after': '3' } });
    expect((await post({ model: 'a', messages: [] })).status).toBe(500);
    const limited = await post({ model: 'a', messages: [] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await post({ model: 'a', messages: [] })).status).toBe(200);
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('closes promptly with a stalled stream still open', async () => {
    server.setBehaviour({ stall: true });
    const response = await post({ model: 'a', stream: true, messages: [] });
    expect(response.status).toBe(200);
    const reading = response.text().catch(() => 'cut');
    const started = Date.now();
    await server.close();
    expect(await reading).toBe('cut');
    // A stalled stream never ends by itself: any bound tells closing from waiting on it.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
