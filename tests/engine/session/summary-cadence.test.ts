/**
 * The rolling summary's cadence and concurrency against the loopback OpenAI server (the real
 * `openai` SDK, the real model summariser): one summary request folds a batch of turns, it runs
 * beside the reply, and the turn's signal and outcome govern it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { modelSummarizer } from '../../../src/engine/memory/model-summary.js';
import { SUMMARY_BATCH_TURNS } from '../../../src/engine/memory/index.js';
import type { TurnRecord } from '../../../src/engine/session/records.js';
import type { SessionEvent } from '../../../src/engine/types.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { startOpenAIServer, type OpenAIServer, type RecordedRequest, type Reply } from '../../support/openai-server.js';
import { profileFor } from '../../providers/openai/helpers.js';
import { collect, millMoves as moves, newSession } from './helpers.js';

const REPLY = 'The river runs on under the stopped wheel. Wren sets down the lamp and waits for you to speak. What do you do?';
const BUDGET = 2048;

let server: OpenAIServer | undefined;
let release: (reply: Reply) => void = () => {};
afterEach(async () => {
  release({});
  await server?.close();
  server = undefined;
});

/** What the summary model answers: a short summary, and a fact for each player line naming the key. */
function summaryAnswer(request: { messages: Array<{ content: string }> }): Reply {
  const shown = request.messages.at(-1)!.content;
  const facts = [...shown.matchAll(/\[t(\d+)\] Player: [^\n]*brass key/g)].map((m) => ({
    kind: 'possession',
    subject: 'brass key',
    value: 'carried by Dimo',
    text: 'Dimo carries the brass key.',
    turn: Number(m[1]),
  }));
  return { content: JSON.stringify({ summary: `Dimo came home to the mill (${shown.length} characters read).`, facts }) };
}

async function modelSession(overrides: { candidates?: number } = {}) {
  server = await startOpenAIServer();
  const provider = createOpenAIProvider(profileFor(server.url));
  const asked: number[] = [];
  const summarize = modelSummarizer(provider);
  let turn = 0;
  const { session, store } = await newSession({
    provider,
    // The real model summariser, noting the turn it was asked at: the test's own signal.
    summarize: (previous, messages, options) => {
      asked.push(turn);
      return summarize(previous, messages, options);
    },
    candidates: overrides.candidates ?? 1,
    budget: BUDGET,
    planner: false,
  });
  const play = async (text: string, signal?: AbortSignal, onEvent?: (event: SessionEvent) => void) => {
    turn = session.turns().length + 1;
    const events: SessionEvent[] = [];
    for await (const event of session.play({ text }, signal ? { signal } : {})) {
      events.push(event);
      onEvent?.(event);
    }
    return events;
  };
  return { session, store, asked, play, server };
}

const turnRecords = (records: readonly { type: string }[]) => records.filter((r): r is TurnRecord => r.type === 'turn');

/** The turn of the last message out of turn `n`'s prompt window (the history is the opening, n - 1 turns and line n), or -1. */
function lastOut(record: TurnRecord): number {
  const out = 2 * record.number - record.prompt.historyMessages;
  return out <= 0 ? -1 : Math.ceil((out - 1) / 2);
}

/** Whether what left turn `record`'s window was not all in its parent's summary: this turn's summary is due. */
function due(record: { number: number; prompt: { historyMessages: number } }, parentThrough: number): boolean {
  return lastOut(record as TurnRecord) > parentThrough;
}

/** Event types with a candidate's deltas folded into one. */
const shape = (events: readonly SessionEvent[]) => events.map((e) => e.type).filter((t, i, all) => t !== 'delta' || all[i - 1] !== 'delta');

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

  it('asks for the summary before the reply and keeps it in flight while the reply streams', async () => {
    const { store, asked, play } = await modelSession({ candidates: 2 });
    let isDue = false;
    // On a turn whose summary is due, the summary's request and both replies' wait for each other.
    let open: RecordedRequest[] = [];
    let allIn: () => void = () => {};
    let together = Promise.resolve();
    const overlaps: boolean[] = [];
    const meet = (recorded: RecordedRequest) => {
      open.push(recorded);
      if (open.length === 3) {
        overlaps.push(open.every((r) => r.endedAt === undefined));
        allIn();
      }
      return together;
    };
    server!.setBehaviour((request, recorded) => {
      if (!request.stream) return meet(recorded).then(() => summaryAnswer(request));
      if (!isDue) return { content: REPLY };
      // Had the summary not been asked for before the reply (a summary that waits for the reply),
      // its request would never come and the reply would wait for ever: fail at once, clearly.
      if (asked.at(-1) !== turnRecords(store.records).length + 1) {
        return { status: 400, errorMessage: 'the summary was not asked for before the reply: held, the turn would never end' };
      }
      return meet(recorded).then(() => ({ content: REPLY }));
    });
    let heldTurns = 0;
    for (let n = 1; n <= 30; n++) {
      const parentThrough = turnRecords(store.records).at(-1)?.memory.summaryThrough ?? 0;
      const events = await play(moves[n % moves.length], undefined, (event) => {
        if (event.type !== 'prompt') return;
        isDue = due({ number: n, prompt: event.prompt }, parentThrough);
        open = [];
        together = new Promise<void>((resolve) => (allIn = resolve));
      });
      const errors = events.flatMap((e) => (e.type === 'error' ? [e.error.message] : []));
      expect(errors, `turn ${n}`).toEqual([]);
      if (isDue) heldTurns += 1;
    }
    expect(heldTurns).toBeGreaterThan(0);
    expect(overlaps).toHaveLength(heldTurns);
    expect(overlaps.every(Boolean)).toBe(true);
  });
});

describe('the summary request follows its turn', () => {
  /** Plays turns 1-6 (the window fills); turn 7 is the first whose summary is due. */
  async function untilDue() {
    const played = await modelSession();
    server!.setBehaviour((request) => (request.stream ? { content: REPLY } : summaryAnswer(request)));
    for (let n = 1; n <= 6; n++) await played.play(moves[n % moves.length]);
    expect(played.asked).toEqual([]);
    // A due turn with a working summary, for the shape of its events.
    return played;
  }

  /**
   * Turn 7's summary request held unanswered (until the test ends) while its reply is not over;
   * `reply` answers the reply once the summary's request is in. A summary asked for only after the
   * reply (what these tests guard against) is neither waited for nor held: it fails the test at
   * once instead of hanging it.
   */
  function holdSummary(asked: readonly number[], reply: Reply, options: { releaseAfterReply?: boolean } = {}) {
    let arrived: (recorded: RecordedRequest) => void = () => {};
    const summary = new Promise<RecordedRequest>((resolve) => (arrived = resolve));
    const held = new Promise<Reply>((resolve) => (release = resolve));
    let replyRequest: RecordedRequest | undefined;
    let askedFirst: boolean | undefined;
    server!.setBehaviour((request, recorded) => {
      if (request.stream) {
        replyRequest = recorded;
        askedFirst = asked.includes(7);
        // A summary still waited for once the reply is over is answered, so the test ends.
        if (options.releaseAfterReply) void recorded.closed.then(() => release({}));
        return askedFirst ? summary.then(() => reply) : { content: REPLY };
      }
      arrived(recorded);
      return replyRequest?.endedAt === undefined ? held.then(() => summaryAnswer(request)) : summaryAnswer(request);
    });
    return { summary, askedFirst: () => askedFirst };
  }

  it('a due turn yields the same events as any other; the summary failing falls back to the extractive one, in the same order', async () => {
    const { store, asked, play } = await untilDue();
    const quiet = shape(await play('I wait by the door and listen.'));
    expect(asked).toEqual([7]);
    const normal = ['turn-start', 'plan', 'prompt', 'candidate-start', 'delta', 'candidate-done', 'memory', 'turn-done'];
    expect(quiet).toEqual(normal);
    for (let n = 8; n <= 12; n++) expect(shape(await play(moves[n % moves.length]))).toEqual(normal);
    expect(asked).toEqual([7]);

    // Turn 13's summary is due, and the endpoint refuses it: the extractive summary covers the batch.
    server!.setBehaviour((request) => (request.stream ? { content: REPLY } : { status: 400, errorMessage: 'no summaries today' }));
    expect(shape(await play('I light a second lamp.'))).toEqual(normal);
    expect(asked).toEqual([7, 13]);
    const [parent, record] = turnRecords(store.records).slice(-2);
    expect(record.number).toBe(13);
    expect(record.memory.summaryThrough).toBe(12);
    expect(record.memory.summary).not.toBe(parent.memory.summary);
    expect(record.memory.summary).toMatch(/^\[t\d+\] /m);
  });

  it("aborting the turn aborts its summary's request; the cut-off reply is kept with the extractive summary", async () => {
    const { store, asked, play } = await untilDue();
    const { summary, askedFirst } = holdSummary(asked, { content: REPLY, chunkSize: 4, stallAfter: 2 }, { releaseAfterReply: true });
    const controller = new AbortController();
    let aborting: Promise<void> | undefined;
    const events = await play('I wait by the door and listen.', controller.signal, (event) => {
      // Once the reply streams and the summary's request is in, the player stops the turn.
      if (event.type === 'delta') aborting ??= summary.then(() => controller.abort());
    });
    expect(askedFirst(), 'the summary was asked for before the reply').toBe(true);
    const request = await summary;
    await request.closed;
    expect(request.endedAt).toBeDefined();
    expect(shape(events)).toEqual(['turn-start', 'plan', 'prompt', 'candidate-start', 'delta', 'candidate-done', 'memory', 'turn-done']);
    const record = turnRecords(store.records).at(-1)!;
    expect(record.number).toBe(7);
    expect(record.candidates[0].incomplete).toBe(true);
    expect(record.memory.summaryThrough).toBeGreaterThanOrEqual(lastOut(record));
    // The extractive summary's lines, not the model's answer: the request was stopped, not read.
    expect(record.memory.summary).toMatch(/^\[t\d+\] /m);
    expect(record.memory.summary).not.toContain('Dimo came home');
  });

  it('a turn that saves nothing stops its summary request and keeps the memory it had', async () => {
    const { session, store, asked, play } = await untilDue();
    const before = session.memory();
    const { summary, askedFirst } = holdSummary(asked, { status: 401, errorMessage: 'key revoked' });
    const events = await play('I wait by the door and listen.');
    expect(askedFirst(), 'the summary was asked for before the reply').toBe(true);
    const request = await summary;
    await request.closed;
    expect(events.filter((e) => e.type === 'error').map((e) => (e.type === 'error' ? e.error.message : ''))).toEqual([
      expect.stringMatching(/key revoked|API key/i),
      'Nothing was saved for this turn.',
    ]);
    expect(turnRecords(store.records)).toHaveLength(6);
    expect(session.memory()).toEqual(before);
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
