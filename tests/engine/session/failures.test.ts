import { describe, expect, it } from 'vitest';
import type { SessionRecord, SessionStore } from '../../../src/engine/session/records.js';
import { collect, newSession } from './helpers.js';
import { scriptedProvider } from './scripted-provider.js';

describe('turn failures', () => {
  it('a provider failure with no text is an error event and nothing is committed', async () => {
    const { session, store } = await newSession({ provider: scriptedProvider({ text: () => undefined, fail: () => true }) });
    const events = await collect(session.play({ text: 'Hello.' }));
    expect(events.filter((e) => e.type === 'error').length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'turn-done')).toBe(false);
    expect(store.records.map((r) => r.type)).toEqual(['session-start']);
    expect(session.turns()).toHaveLength(0);
  });

  it('one failure shared by every candidate is reported once, and only a retryable one invites a retry', async () => {
    const retryable = await newSession({ candidates: 3, provider: scriptedProvider({ text: () => undefined, fail: () => true }) });
    const first = (await collect(retryable.session.play({ text: 'Hello.' }))).filter((e) => e.type === 'error');
    expect(first.map((e) => e.type === 'error' && e.error.message)).toEqual([
      'The server failed (500); try again.',
      'No candidate arrived for this turn, so nothing was saved; try again.',
    ]);

    const auth = { kind: 'auth' as const, message: 'The endpoint refused the API key (profile test).', status: 401, retryable: false };
    const refused = await newSession({
      candidates: 3,
      provider: scriptedProvider({ text: () => undefined, fail: () => true, failure: auth }),
    });
    const second = (await collect(refused.session.play({ text: 'Hello.' }))).filter((e) => e.type === 'error');
    expect(second.map((e) => e.type === 'error' && [e.error.message, e.error.retryable])).toEqual([
      [auth.message, false],
      ['Nothing was saved for this turn.', false],
    ]);
  });

  it('keeps candidates with partial text, marked incomplete, next to the complete ones', async () => {
    const { session } = await newSession({ provider: scriptedProvider({ fail: (_turn, i) => i === 1 }) });
    const events = await collect(session.play({ text: 'Hello.' }));
    expect(events.some((e) => e.type === 'error')).toBe(true);
    const turn = session.turns()[0];
    expect(turn.candidates).toHaveLength(3);
    const failed = turn.candidates.filter((c) => c.incomplete);
    expect(failed).toHaveLength(1);
    expect(failed[0].error?.kind).toBe('server');
    // An incomplete candidate is never shown first.
    expect(turn.candidates[0].incomplete).toBe(false);
  });

  it('a stream that dies keeps the text that arrived', async () => {
    const { session } = await newSession({ provider: scriptedProvider({ throwAfterText: true }) });
    const events = await collect(session.play({ text: 'Hello.' }));
    expect(events.find((e) => e.type === 'error')).toBeDefined();
    const turn = session.turns()[0];
    expect(turn.candidates).toHaveLength(1);
    expect(turn.candidates[0].incomplete).toBe(true);
    expect(turn.candidates[0].text.length).toBeGreaterThan(0);
  });

  it('an abort keeps the partial text, marked incomplete', async () => {
    const controller = new AbortController();
    const { session } = await newSession({ candidates: 1 });
    const events = [];
    for await (const event of session.play({ text: 'Hello.' }, { signal: controller.signal })) {
      events.push(event);
      if (event.type === 'delta') controller.abort();
    }
    const turn = session.turns()[0];
    expect(turn.candidates[0].incomplete).toBe(true);
    expect(turn.candidates[0].text.length).toBeGreaterThan(0);
    expect(events.at(-1)?.type).toBe('turn-done');
  });

  it('an abort is kept as the reason, in the session file too, so a resumed story can say who stopped it', async () => {
    const controller = new AbortController();
    const { session, store, deps } = await newSession({ candidates: 1 });
    for await (const event of session.play({ text: 'Hello.' }, { signal: controller.signal })) {
      if (event.type === 'delta') controller.abort();
    }
    expect(session.turns()[0].candidates[0].finishReason).toBe('aborted');
    const stored = store.records.find((r) => r.type === 'turn');
    expect(stored?.type === 'turn' && stored.candidates[0].finishReason).toBe('aborted');
    const { Session } = await import('../../../src/engine/session/index.js');
    const resumed = await Session.restore(store.records, deps);
    expect(resumed.turns()[0].candidates[0].finishReason).toBe('aborted');
    // A reply that ended by itself carries no reason.
    await collect(resumed.play({ text: 'And then?' }));
    expect(resumed.turns()[1].candidates[0].finishReason).toBeUndefined();
  });

  it('repairs a reply that speaks for the player before the critics and ranking see it', async () => {
    const { session } = await newSession({
      candidates: 1,
      provider: scriptedProvider({ text: () => 'Wren sets down the lamp. "Well?"\nTamsin: I nod and follow him.' }),
    });
    await collect(session.play({ text: 'Hello.' }));
    const candidate = session.turns()[0].candidates[0];
    expect(candidate.text).not.toContain('Tamsin:');
    expect(candidate.raw).toContain('Tamsin:');
    expect(candidate.repairs.length).toBeGreaterThan(0);
  });

  it('refuses a second turn while one runs', async () => {
    const { session } = await newSession();
    const first = session.play({ text: 'Hello.' })[Symbol.asyncIterator]();
    await first.next();
    const second = await collect(session.play({ text: 'Again.' }));
    expect(second).toEqual([expect.objectContaining({ type: 'error' })]);
    while (!(await first.next()).done) {
      /* drain */
    }
    expect(session.turns()).toHaveLength(1);
  });

  it('turn-done comes only after the store says the record is durable', async () => {
    const durable: SessionRecord[] = [];
    const slow: SessionStore = {
      append: (r) =>
        new Promise((resolve) =>
          setTimeout(() => {
            durable.push(r);
            resolve();
          }, 30),
        ),
    };
    const { session } = await newSession({ store: slow, candidates: 1 });
    for await (const event of session.play({ text: 'Hello.' })) {
      if (event.type === 'turn-done') expect(durable.map((r) => r.type)).toEqual(['session-start', 'turn']);
    }
    expect(durable).toHaveLength(2);
  });

  it('a failed save is an error event and the turn does not count', async () => {
    let fail = false;
    const flaky: SessionStore = {
      append: async () => {
        if (fail) throw new Error('ENOSPC: no space left on device');
      },
    };
    const { session } = await newSession({ store: flaky, candidates: 1 });
    fail = true;
    const events = await collect(session.play({ text: 'Hello.' }));
    expect(events.some((e) => e.type === 'turn-done')).toBe(false);
    const error = events.find((e) => e.type === 'error');
    expect(error?.type === 'error' && error.error.message).toMatch(/could not be saved .*ENOSPC/);
    expect(session.turns()).toHaveLength(0);
  });
});
