/**
 * Faults at the wire, seen from the Session: cut streams, 429 storms, 500s, malformed chunks, a
 * server that stalls after its headers, a reply of 100,000 tokens. Never a crash; partial text is
 * kept and marked incomplete; retries happen only before the first token; otherwise one clear
 * sentence; and the session file keeps every committed turn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longText, startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { collect, errorsOf, isOneSentence, remoteSession } from './helpers.js';

const STORY =
  'The lantern swings over the black water. Wren says nothing, and the mill wheel creaks once, then again, as if someone had pushed it from below.';

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: STORY }, maxStallMs: 30_000 });
});
afterAll(async () => {
  await server.close();
});

describe('faults through the local server, at the Session', () => {
  it('a stream cut off midway keeps the text that arrived, marked incomplete, and the turn is saved', async () => {
    const remote = await remoteSession(server.url);
    server.enqueue({ content: STORY, chunkSize: 8, cutAfter: 5 });
    const events = await collect(remote.session.play({ text: 'I hold up the lantern.' }));
    const done = events.find((e) => e.type === 'turn-done');
    expect(done).toBeDefined();
    const candidate = remote.session.turns()[0].candidates[0];
    expect(candidate.incomplete).toBe(true);
    expect(candidate.text.length).toBeGreaterThan(0);
    expect(STORY.startsWith(candidate.text.trim().slice(0, 20))).toBe(true);
    expect(candidate.text.length).toBeLessThan(STORY.length);
    // The file has it, incomplete mark included: a resume shows the same.
    const saved = remote.fileTurns();
    expect(saved).toHaveLength(1);
    expect(saved[0].candidates[0]).toMatchObject({ incomplete: true, text: candidate.text });
    // No retry once text has been shown: a retry would restart text the player already read.
    expect(events.some((e) => e.type === 'retry')).toBe(false);
  });

  it('a 429 storm is retried, then ends in one clear sentence; nothing half-done is saved and the next turn works', async () => {
    const remote = await remoteSession(server.url);
    const before = server.chatRequests().length;
    server.enqueue(...Array.from({ length: 4 }, () => ({ status: 429, headers: { 'retry-after-ms': '5' } })));
    const events = await collect(remote.session.play({ text: 'Is anyone there?' }));
    expect(server.chatRequests().length - before).toBe(4);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(3);
    const errors = errorsOf(events);
    expect(errors.length).toBeGreaterThan(0);
    const rate = errors.find((e) => e.kind === 'rate-limit')!;
    expect(rate.message).toMatch(/still rate limiting requests after 3 retries/);
    for (const e of errors) expect(isOneSentence(e.message), e.message).toBe(true);
    expect(events.some((e) => e.type === 'turn-done')).toBe(false);
    expect(remote.fileTurns()).toHaveLength(0);

    const next = await collect(remote.session.play({ text: 'Is anyone there?' }));
    expect(next.some((e) => e.type === 'turn-done')).toBe(true);
    expect(remote.fileTurns()).toHaveLength(1);
    expect(remote.fileTurns()[0].candidates[0]).toMatchObject({ incomplete: false, retries: 0 });
  });

  it('a transient 500 is retried before the first token and the turn completes', async () => {
    const remote = await remoteSession(server.url);
    server.enqueue({ status: 500, errorMessage: 'upstream overloaded' }, { status: 502 });
    const events = await collect(remote.session.play({ text: 'I knock.' }));
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(2);
    const turn = remote.session.turns()[0];
    expect(turn.candidates[0]).toMatchObject({ incomplete: false, retries: 2 });
    expect(turn.candidates[0].text).toContain('lantern');
    expect(remote.fileTurns()).toHaveLength(1);
  });

  it('persistent 500s end in a clear sentence naming the status, and no turn is saved', async () => {
    const remote = await remoteSession(server.url);
    server.enqueue(...Array.from({ length: 4 }, () => ({ status: 500, errorMessage: 'the GPU caught fire' })));
    const events = await collect(remote.session.play({ text: 'I knock.' }));
    const server500 = errorsOf(events).find((e) => e.kind === 'server')!;
    expect(server500.message).toMatch(/failed with 500 \(the GPU caught fire\)/);
    expect(isOneSentence(server500.message)).toBe(true);
    expect(remote.fileTurns()).toHaveLength(0);
  });

  it('a malformed chunk midway keeps the text before it, marked incomplete', async () => {
    const remote = await remoteSession(server.url);
    server.enqueue({ content: STORY, chunkSize: 10, malformedAfter: 4 });
    const events = await collect(remote.session.play({ text: 'Go on.' }));
    expect(events.some((e) => e.type === 'turn-done')).toBe(true);
    const candidate = remote.session.turns()[0].candidates[0];
    expect(candidate.incomplete).toBe(true);
    expect(candidate.text).not.toContain('broken');
    expect(candidate.text.length).toBeGreaterThan(0);
    expect(remote.fileTurns()[0].candidates[0].incomplete).toBe(true);
  });

  it('a malformed first chunk is a clear, non-retried failure', async () => {
    const remote = await remoteSession(server.url);
    const before = server.chatRequests().length;
    server.enqueue({ content: STORY, malformedAfter: 0 });
    const events = await collect(remote.session.play({ text: 'Go on.' }));
    expect(server.chatRequests().length - before).toBe(1);
    const failure = errorsOf(events).find((e) => e.kind === 'bad-response')!;
    expect(failure.message).toMatch(/not valid JSON/);
    expect(isOneSentence(failure.message)).toBe(true);
    expect(events.some((e) => e.type === 'turn-done')).toBe(false);
  });

  it('a server that stalls after its headers times out with a clear sentence, in bounded time', async () => {
    const remote = await remoteSession(server.url, { provider: { firstTokenTimeoutMs: 400 } });
    server.enqueue({ stall: true });
    const started = Date.now();
    const events = await collect(remote.session.play({ text: 'Hello?' }));
    // Without the first-token timeout it would wait for the server's 30 s stall.
    expect(Date.now() - started).toBeLessThan(20_000);
    const timeout = errorsOf(events).find((e) => e.kind === 'timeout')!;
    expect(timeout.message).toMatch(/sent no text within 0\.4 s/);
    expect(isOneSentence(timeout.message)).toBe(true);
    expect(remote.fileTurns()).toHaveLength(0);
  });

  it('a stall after some text keeps that text, marked incomplete', async () => {
    // One chunk, then silence until the client goes: only the idle limit can end the turn before the server's 30 s stall.
    const remote = await remoteSession(server.url, { provider: { firstTokenTimeoutMs: 3_000, idleTimeoutMs: 300 } });
    server.enqueue({ content: STORY, chunkSize: 30, stallAfter: 1 });
    const started = Date.now();
    const events = await collect(remote.session.play({ text: 'Wait for it.' }));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(events.some((e) => e.type === 'turn-done')).toBe(true);
    const candidate = remote.session.turns()[0].candidates[0];
    expect(candidate.incomplete).toBe(true);
    expect(candidate.text.trim()).toBe(STORY.slice(0, 30).trim());
    expect(remote.fileTurns()[0].candidates[0].incomplete).toBe(true);
  });

  it('a reply of 100,000 tokens: no crash, bounded memory, the text kept or cut with a mark', async () => {
    const remote = await remoteSession(server.url);
    const huge = longText(100_000);
    server.enqueue({ content: huge, chunkSize: 256 });
    const heapBefore = process.memoryUsage().heapUsed;
    const events = await collect(remote.session.play({ text: 'Tell me everything.' }));
    const heapAfter = process.memoryUsage().heapUsed;
    expect(errorsOf(events).map((e) => e.message)).toEqual([]);
    expect(events.some((e) => e.type === 'turn-done')).toBe(true);
    const candidate = remote.session.turns()[0].candidates[0];
    if (candidate.text.length < huge.length * 0.9) {
      // Cut: then it says so.
      expect(candidate.incomplete || candidate.repairs.length > 0).toBe(true);
    } else {
      expect(candidate.text.length).toBeGreaterThan(huge.length * 0.9);
    }
    // ~600 KB of text; anything near a gigabyte would mean copies per chunk.
    expect(heapAfter - heapBefore).toBeLessThan(200 * 1024 * 1024);
    expect(remote.fileTurns()).toHaveLength(1);
    // The next turn still builds a prompt within budget.
    const next = await collect(remote.session.play({ text: 'Shorter, please.' }));
    const prompt = next.find((e) => e.type === 'prompt');
    expect(prompt && prompt.type === 'prompt' && prompt.prompt.tokens <= prompt.prompt.budget).toBe(true);
  });
});
