/**
 * The reader of one generate call (request-events.ts), a plain iterator over the provider's
 * channel: it must behave as the async generator it replaced did. Nothing starts before the first
 * read, events come in the order pushed and reading ends after the last, an outer abort reaches
 * the requests, stopping early aborts what still runs and waits for it, and a bug in the run still
 * ends every candidate.
 */
import { describe, expect, it } from 'vitest';
import type { ProviderEvent } from '../../../src/engine/types.js';
import { requestEvents } from '../../../src/providers/openai/request-events.js';

const delta = (text: string): ProviderEvent => ({ type: 'delta', candidate: 0, text });
const noFailure = (error: unknown) => {
  throw error;
};

async function readAll(events: AsyncIterable<ProviderEvent>): Promise<ProviderEvent[]> {
  const out: ProviderEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

describe("a generate call's events", () => {
  it('starts nothing before the first read, then gives every event in order and ends after the run', async () => {
    let started = 0;
    let settled = false;
    const events = requestEvents(
      undefined,
      async (channel) => {
        started++;
        channel.push(delta('a'));
        await new Promise((resolve) => setTimeout(resolve, 5));
        channel.push(delta('b'));
        channel.push(delta('c'));
        await new Promise((resolve) => setTimeout(resolve, 5));
        settled = true;
      },
      noFailure,
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toBe(0);
    expect(await readAll(events)).toEqual([delta('a'), delta('b'), delta('c')]);
    expect(started).toBe(1);
    // Reading ended only once the run had settled.
    expect(settled).toBe(true);
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });

  it('starts nothing when the reader stops before reading', async () => {
    let started = 0;
    const events = requestEvents(
      undefined,
      async () => {
        started++;
      },
      noFailure,
    );
    expect(await events.return!()).toEqual({ done: true, value: undefined });
    expect(await events.next()).toEqual({ done: true, value: undefined });
    expect(started).toBe(0);
  });

  it('aborts the requests when the outer signal aborts, and when it had aborted before the first read', async () => {
    const outer = new AbortController();
    let seen: AbortSignal | undefined;
    const events = requestEvents(
      outer.signal,
      async (channel, signal) => {
        seen = signal;
        channel.push(delta('a'));
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        channel.push({ type: 'done', candidate: 0, incomplete: true, finishReason: 'aborted' });
      },
      noFailure,
    );
    const first = await events.next();
    expect(first).toEqual({ done: false, value: delta('a') });
    expect(seen?.aborted).toBe(false);
    outer.abort();
    expect(await readAll(events)).toEqual([{ type: 'done', candidate: 0, incomplete: true, finishReason: 'aborted' }]);
    expect(seen?.aborted).toBe(true);

    const early = new AbortController();
    early.abort();
    let aborted: boolean | undefined;
    await readAll(
      requestEvents(
        early.signal,
        async (_, signal) => {
          aborted = signal.aborted;
        },
        noFailure,
      ),
    );
    expect(aborted).toBe(true);
  });

  it('aborts what still runs when the reader stops early, waits for it, and gives nothing after', async () => {
    let cleanedUp = false;
    let seen: AbortSignal | undefined;
    const events = requestEvents(
      undefined,
      async (channel, signal) => {
        seen = signal;
        channel.push(delta('a'));
        channel.push(delta('b'));
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        await new Promise((resolve) => setTimeout(resolve, 5));
        cleanedUp = true;
        channel.push(delta('late'));
      },
      noFailure,
    );
    const read: ProviderEvent[] = [];
    for await (const e of events) {
      read.push(e);
      break;
    }
    expect(read).toEqual([delta('a')]);
    expect(seen?.aborted).toBe(true);
    expect(cleanedUp).toBe(true);
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });

  it('does not abort a run that has ended, and leaves the outer signal without its listener', async () => {
    const outer = new AbortController();
    let seen: AbortSignal | undefined;
    const events = requestEvents(
      outer.signal,
      async (channel, signal) => {
        seen = signal;
        channel.push(delta('a'));
      },
      noFailure,
    );
    expect(await readAll(events)).toEqual([delta('a')]);
    await events.return!();
    outer.abort();
    expect(seen?.aborted).toBe(false);
  });

  it('turns an error the run threw into events, then ends', async () => {
    const events = requestEvents(
      undefined,
      async (channel) => {
        channel.push(delta('a'));
        await Promise.resolve();
        throw new Error('a bug');
      },
      (error, channel) => {
        channel.push({ type: 'error', candidate: 0, error: { kind: 'server', message: String(error), retryable: false } });
        channel.push({ type: 'done', candidate: 0, incomplete: true });
      },
    );
    expect(await readAll(events)).toEqual([
      delta('a'),
      { type: 'error', candidate: 0, error: { kind: 'server', message: 'Error: a bug', retryable: false } },
      { type: 'done', candidate: 0, incomplete: true },
    ]);
  });
});
