/**
 * When a turn's summary request starts, against the loopback OpenAI server through the real
 * `openai` SDK and the real model summariser: once the reply has begun, so that a server serving
 * one request at a time answers the player first, while one serving several still writes the
 * summary beside the reply; never for a turn stopped or failed before a word of its reply.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src/engine/types.js';
import { startOpenAIServer, type OpenAIServer, type RecordedRequest } from '../../support/openai-server.js';
import { REPLY, shape, summaryAnswer, summaryRequests, turnRecords, untilDue } from './summary-support.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const LINE = 'I wait by the door and listen.';

/** A promise and what settles it, for the test to say when something happened. */
function signalled<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the summary request starts once the reply has begun', () => {
  it('on a server with one slot, the first token reaches the player before the summary is served, and the summary is saved with the turn', async () => {
    server = await startOpenAIServer({ slots: 1 });
    const { store, asked, play } = await untilDue(server, { candidates: 2 });
    const replies: RecordedRequest[] = [];
    let repliesOpenWhenServed: number | undefined;
    server.setBehaviour((request, recorded) => {
      if (request.stream) {
        replies.push(recorded);
        return { content: REPLY };
      }
      repliesOpenWhenServed = replies.filter((r) => r.endedAt === undefined).length;
      return summaryAnswer(request);
    });
    let servedAtFirstToken: number | undefined;
    const events = await play(LINE, undefined, (event) => {
      if (event.type === 'delta') servedAtFirstToken ??= summaryRequests(server!).filter((r) => r.servedAt !== undefined).length;
    });
    expect(asked).toEqual([7]);
    // Asked first, the summary took the only slot and the player's first token waited for all of it.
    expect(servedAtFirstToken, 'summary requests served before the first token').toBe(0);
    // It queued behind both replies, which the server took in the order they came.
    expect(replies).toHaveLength(2);
    expect(repliesOpenWhenServed).toBe(0);
    expect(summaryRequests(server)).toHaveLength(1);
    const record = turnRecords(store.records).at(-1)!;
    expect(record.number).toBe(7);
    expect(record.memory.summary).toMatch(/^Dimo came home to the mill/);
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
  });

  it('on a server that runs requests side by side, the summary is asked for while the replies stream and is in before they end', async () => {
    server = await startOpenAIServer();
    const { store, asked, play } = await untilDue(server, { candidates: 2 });
    const summaryIn = signalled<RecordedRequest>();
    const replies: RecordedRequest[] = [];
    let seen: { openReplies: number; sawToken: boolean } | undefined;
    let sawToken = false;
    // Each reply sends its first chunk, then waits for the summary's request: a summary asked for
    // only after the replies would leave them waiting (until the server's bound, then failing below).
    server.setBehaviour((request, recorded) => {
      if (request.stream) {
        replies.push(recorded);
        return { content: REPLY, holdAfter: { chunks: 1, until: summaryIn.promise } };
      }
      seen = { openReplies: replies.filter((r) => r.endedAt === undefined).length, sawToken };
      summaryIn.resolve(recorded);
      return summaryAnswer(request);
    });
    await play(LINE, undefined, (event) => {
      if (event.type === 'delta') sawToken = true;
    });
    expect(asked).toEqual([7]);
    expect(seen).toEqual({ openReplies: 2, sawToken: true });
    const record = turnRecords(store.records).at(-1)!;
    expect(record.number).toBe(7);
    expect(record.memory.summary).toMatch(/^Dimo came home to the mill/);
  });

  it('when one draft fails before a word while another still runs, the summary starts then', async () => {
    server = await startOpenAIServer();
    const { store, asked, play } = await untilDue(server, { candidates: 2 });
    const summaryIn = signalled<void>();
    let replies = 0;
    let sawToken: boolean | undefined;
    let tokens = false;
    server.setBehaviour((request) => {
      if (!request.stream) {
        sawToken = tokens;
        summaryIn.resolve();
        return summaryAnswer(request);
      }
      replies += 1;
      // The first reply asked for is refused; the other sends nothing until the summary is asked for.
      return replies === 1
        ? { status: 400, errorMessage: 'this draft is refused' }
        : { content: REPLY, holdAfter: { chunks: 0, until: summaryIn.promise } };
    });
    const events = await play(LINE, undefined, (event) => {
      if (event.type === 'delta') tokens = true;
    });
    expect(asked).toEqual([7]);
    expect(sawToken, 'the summary was asked for before any token').toBe(false);
    expect(events.filter((e) => e.type === 'error').map((e) => (e.type === 'error' ? e.error.message : ''))).toEqual([
      expect.stringContaining('this draft is refused'),
    ]);
    const record = turnRecords(store.records).at(-1)!;
    expect(record.number).toBe(7);
    expect(record.memory.summary).toMatch(/^Dimo came home to the mill/);
  });
});

describe('the summary request follows its turn', () => {
  it('a turn stopped before its first token sends no summary request, and the story goes on as if it had not been played', async () => {
    server = await startOpenAIServer();
    const { session, store, asked, play } = await untilDue(server);
    const before = session.memory();
    const controller = new AbortController();
    // The reply's request is in and nothing has come back: the player stops the turn.
    server.setBehaviour((request, recorded) => {
      if (!request.stream) return summaryAnswer(request);
      controller.abort();
      return recorded.closed.then(() => ({}));
    });
    const events = await play(LINE, controller.signal);
    expect(events.some((e) => e.type === 'delta')).toBe(false);
    expect(asked).toEqual([]);
    expect(summaryRequests(server)).toEqual([]);
    expect(turnRecords(store.records)).toHaveLength(6);
    expect(session.memory()).toEqual(before);

    // Played again, the turn asks for its summary as any due turn does.
    server.setBehaviour((request) => (request.stream ? { content: REPLY } : summaryAnswer(request)));
    await play(LINE);
    expect(asked).toEqual([7]);
    expect(turnRecords(store.records).at(-1)!.memory.summary).toMatch(/^Dimo came home to the mill/);
  });

  it("aborting the turn once the reply streams aborts its summary's request; the cut-off reply is kept with the parent's summary, and the next turn folds the batch with the model", async () => {
    server = await startOpenAIServer();
    const { session, store, asked, play } = await untilDue(server);
    const before = session.memory();
    const summaryIn = signalled<RecordedRequest>();
    let reply: RecordedRequest | undefined;
    server.setBehaviour((request, recorded) => {
      if (request.stream) {
        reply = recorded;
        return { content: REPLY, chunkSize: 4, stallAfter: 2 };
      }
      summaryIn.resolve(recorded);
      // Held while the reply is open: answered only if the abort did not reach it.
      return Promise.race([recorded.closed, reply!.closed]).then(() => summaryAnswer(request));
    });
    const controller = new AbortController();
    let aborting: Promise<void> | undefined;
    const events = await play(LINE, controller.signal, (event) => {
      // Once the reply streams and the summary's request is in, the player stops the turn.
      if (event.type === 'delta') aborting ??= summaryIn.promise.then(() => controller.abort());
    });
    expect(asked).toEqual([7]);
    const request = await summaryIn.promise;
    await request.closed;
    expect(shape(events)).toEqual(['turn-start', 'plan', 'prompt', 'candidate-start', 'delta', 'candidate-done', 'memory', 'turn-done']);
    const record = turnRecords(store.records).at(-1)!;
    expect(record.number).toBe(7);
    expect(record.candidates[0].incomplete).toBe(true);
    // Neither the model's answer (the request was stopped, not read) nor an extractive stand-in.
    expect(record.memory).toEqual({ summary: before.summary, summaryThrough: before.summaryThrough });
    expect(events.filter((e) => e.type === 'error')).toEqual([]);

    // The next turn finds the batch still due and has the model write it.
    server.setBehaviour((request) => (request.stream ? { content: REPLY } : summaryAnswer(request)));
    await play(LINE);
    expect(asked).toEqual([7, 8]);
    const next = turnRecords(store.records).at(-1)!;
    expect(next.memory.summary).toMatch(/^Dimo came home to the mill/);
    expect(next.memory.summaryThrough).toBe(7);
  });

  it('a player who stops reading the turn stops its reply and its summary with it', async () => {
    // Nothing the server holds ends by its own bound: only the client going away ends it.
    server = await startOpenAIServer({ maxStallMs: 3_600_000 });
    const { session, store } = await untilDue(server);
    const before = session.memory();
    const summaryIn = signalled<RecordedRequest>();
    let reply: RecordedRequest | undefined;
    server.setBehaviour((request, recorded) => {
      if (request.stream) {
        reply = recorded;
        return { content: REPLY, chunkSize: 4, stallAfter: 2 };
      }
      summaryIn.resolve(recorded);
      return recorded.closed.then(() => summaryAnswer(request));
    });
    for await (const event of session.play({ text: LINE })) {
      if (event.type !== 'delta') continue;
      await summaryIn.promise;
      break;
    }
    await reply!.closed;
    await (
      await summaryIn.promise
    ).closed;
    expect(turnRecords(store.records)).toHaveLength(6);
    expect(session.memory()).toEqual(before);
  });

  it('a turn whose reply fails before a word asks for no summary and keeps the memory it had', async () => {
    server = await startOpenAIServer();
    const { session, store, asked, play } = await untilDue(server);
    const before = session.memory();
    server.setBehaviour((request) => (request.stream ? { status: 401, errorMessage: 'key revoked' } : summaryAnswer(request)));
    const events = await play(LINE);
    expect(events.filter((e) => e.type === 'error').map((e) => (e.type === 'error' ? e.error.message : ''))).toEqual([
      expect.stringMatching(/key revoked|API key/i),
      'Nothing was saved for this turn.',
    ]);
    expect(asked).toEqual([]);
    expect(summaryRequests(server)).toEqual([]);
    expect(turnRecords(store.records)).toHaveLength(6);
    expect(session.memory()).toEqual(before);
  });

  it('a turn that saves nothing stops the summary request it began', async () => {
    server = await startOpenAIServer();
    const { session, store, asked, play } = await untilDue(server);
    const before = session.memory();
    const summaryIn = signalled<RecordedRequest>();
    // A reply of nothing but spaces: it streams (the summary begins) and leaves nothing to save.
    server.setBehaviour((request, recorded) => {
      if (request.stream) return { content: [' ', ' ', ' '], holdAfter: { chunks: 1, until: summaryIn.promise } };
      summaryIn.resolve(recorded);
      return recorded.closed.then(() => summaryAnswer(request));
    });
    const events: SessionEvent[] = await play(LINE);
    expect(asked).toEqual([7]);
    const request = await summaryIn.promise;
    await request.closed;
    expect(events.filter((e) => e.type === 'error').map((e) => (e.type === 'error' ? e.error.message : ''))).toEqual([
      'No candidate arrived for this turn, so nothing was saved; try again.',
    ]);
    expect(turnRecords(store.records)).toHaveLength(6);
    expect(session.memory()).toEqual(before);
  });
});
