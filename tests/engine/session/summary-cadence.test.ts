/**
 * The rolling summary's cadence against the loopback OpenAI server (the real `openai` SDK, the real
 * model summariser): one summary request folds a batch of turns, and a due turn's events are any
 * turn's. When the request starts, and what stops it: summary-order.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SUMMARY_BATCH_TURNS } from '../../../src/engine/memory/index.js';
import type { TurnRecord } from '../../../src/engine/session/records.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { collect, millMoves as moves, newSession } from './helpers.js';
import { modelSession as sessionOn, REPLY, shape, summaryAnswer, turnRecords, untilDue } from './summary-support.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function modelSession(overrides: { candidates?: number } = {}) {
  server = await startOpenAIServer();
  return sessionOn(server, overrides);
}

/** The turn of the last message out of turn `n`'s prompt window (the history is the opening, n - 1 turns and line n), or -1. */
function lastOut(record: TurnRecord): number {
  const out = 2 * record.number - record.prompt.historyMessages;
  return out <= 0 ? -1 : Math.ceil((out - 1) / 2);
}

describe('the rolling summary folds a batch of turns in one request', () => {
  it('over 40 turns: about one summary request per batch, and nothing is ever out of the window and out of the summary', async () => {
    const { session, store, asked, play } = await modelSession();
    server!.setBehaviour((request) => (request.stream ? { content: REPLY } : summaryAnswer(request)));
    let overflowing = 0;
    for (let n = 1; n <= 40; n++) {
      const line = n === 5 ? 'I show Wren the brass key I found in the cellar.' : moves[n % moves.length];
      await play(line);
      const record = turnRecords(store.records).at(-1)!;
      expect(record.number).toBe(n);
      // The invariant, after every turn: what left its window is in the summary it saved.
      if (lastOut(record) >= 0) {
        overflowing += 1;
        expect(record.memory.summary, `turn ${n}`).not.toBe('');
        expect(record.memory.summaryThrough, `turn ${n}`).toBeGreaterThanOrEqual(lastOut(record));
      }
      // The summary never reads the turn being played (its reply was not written).
      expect(record.memory.summaryThrough).toBeLessThan(n);
    }
    const summaries = server!.chatRequests().filter((r) => !r.body!.stream);
    expect(summaries).toHaveLength(asked.length);
    // Every turn since the window filled asked once before (34 requests here). The window holds 12
    // messages, six of these short turns, so one request folds six turns (the batch's bound, eight,
    // is not reached) and the five after it need none.
    expect(overflowing).toBe(34);
    const perRequest = Math.min(SUMMARY_BATCH_TURNS, 6);
    expect(summaries.length).toBe(Math.ceil(overflowing / perRequest));
    // A request was made exactly on the turns whose summary moved on.
    const records = turnRecords(store.records);
    const moved = records.filter((r, i) => r.memory.summaryThrough !== (records[i - 1]?.memory.summaryThrough ?? 0)).map((r) => r.number);
    expect(moved).toEqual(asked);
    // The fact the model reported from a batched turn keeps that turn's number.
    const fact = session.memory().facts.find((f) => f.text === 'Dimo carries the brass key.');
    expect(fact).toMatchObject({ turn: 5, source: 'model' });
    const holder = records.find((r) => r.facts.some((f) => f.text === 'Dimo carries the brass key.'));
    expect(holder!.number).toBeGreaterThan(5);
  });
});

describe('a turn whose summary is due', () => {
  it('yields the same events as any other; the summary failing falls back to the extractive one, in the same order', async () => {
    server = await startOpenAIServer();
    const { store, asked, play } = await untilDue(server);
    const quiet = shape(await play('I wait by the door and listen.'));
    expect(asked).toEqual([7]);
    const normal = ['turn-start', 'plan', 'prompt', 'candidate-start', 'delta', 'candidate-done', 'memory', 'turn-done'];
    expect(quiet).toEqual(normal);
    for (let n = 8; n <= 12; n++) expect(shape(await play(moves[n % moves.length]))).toEqual(normal);
    expect(asked).toEqual([7]);

    // Turn 13's summary is due, and the endpoint refuses it: the extractive summary covers the batch.
    server.setBehaviour((request) => (request.stream ? { content: REPLY } : { status: 400, errorMessage: 'no summaries today' }));
    expect(shape(await play('I light a second lamp.'))).toEqual(normal);
    expect(asked).toEqual([7, 13]);
    const [parent, record] = turnRecords(store.records).slice(-2);
    expect(record.number).toBe(13);
    expect(record.memory.summaryThrough).toBe(12);
    expect(record.memory.summary).not.toBe(parent.memory.summary);
    expect(record.memory.summary).toMatch(/^\[t\d+\] /m);
  });
});

describe('a summary that cannot be updated at all', () => {
  it('says so where it always did (after the candidates, before the memory) and keeps the previous summary', async () => {
    // A summariser whose report breaks the ledger: the failure comes past the extractive fallback.
    const summarize = () =>
      Promise.resolve({
        summary: 'Tamsin came home.',
        facts: [{ kind: 'relationship' as const, subject: 7 as unknown as string, value: 'hound', text: 'Seven is a hound.', turn: 1 }],
      });
    const { session, store } = await newSession({ candidates: 1, budget: 2048, planner: false, summarize });
    await collect(session.play({ text: 'My dog is called Biscuit.' }));
    expect(session.memory().facts).toContainEqual(expect.objectContaining({ kind: 'relationship', subject: 'Biscuit' }));
    for (let n = 2; n <= 30; n++) {
      const events = await collect(session.play({ text: moves[n % moves.length] }));
      const failed = events.findIndex((e) => e.type === 'error');
      if (failed < 0) continue;
      expect(shape(events)).toEqual([
        'turn-start',
        'plan',
        'prompt',
        'candidate-start',
        'delta',
        'candidate-done',
        'error',
        'memory',
        'turn-done',
      ]);
      expect(events[failed]).toMatchObject({
        turn: n,
        error: { kind: 'engine', message: expect.stringMatching(/^The summary could not be updated \(.+\); the previous one is kept\.$/) },
      });
      const [parent, record] = turnRecords(store.records).slice(-2);
      expect(record.number).toBe(n);
      expect(record.memory).toEqual(parent.memory);
      return;
    }
    expect.unreachable('no turn folded anything into the summary in 30 turns');
  });
});
