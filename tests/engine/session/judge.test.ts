import { afterEach, describe, expect, it } from 'vitest';
import { judgeReply } from '../../../src/engine/critics/judge.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import type { Judge } from '../../../src/engine/session/turn-runner.js';
import { startOpenAIServer } from '../../support/openai-server.js';
import { profileFor } from '../../providers/openai/helpers.js';
import { collect, newSession } from './helpers.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A judge whose own profile points at the loopback server, as `judgeProfile` sets it up. */
async function judgeAt(reply: { content?: string; status?: number }): Promise<{ judge: Judge; seen: () => number }> {
  const server = await startOpenAIServer();
  close = () => server.close();
  server.setBehaviour(() => reply);
  const provider = createOpenAIProvider(profileFor(server.url), { maxRetries: 0 });
  return {
    judge: (ctx, text, signal) => judgeReply(provider, ctx, text, signal),
    seen: () => server.requests.filter((r) => r.path.endsWith('/chat/completions')).length,
  };
}

describe('the optional LLM judge', () => {
  it('is off by default: no candidate carries a judge result', async () => {
    const { session } = await newSession();
    const events = await collect(session.play({ text: 'I ask Wren about the wheel.' }));
    const done = events.find((e) => e.type === 'turn-done');
    expect(done?.type).toBe('turn-done');
    for (const c of session.turns()[0].candidates) expect(c.critics.some((r) => r.id === 'judge')).toBe(false);
  });

  it('adds a rubric score to every candidate and blends it into the ranking score', async () => {
    const { judge, seen } = await judgeAt({ content: 'QUOTES: none\nPROBLEMS: none worth naming\nSCORE: 4/10' });
    const { session } = await newSession({ judge });
    const plain = await newSession();
    await collect(session.play({ text: 'I ask Wren about the wheel.' }));
    await collect(plain.session.play({ text: 'I ask Wren about the wheel.' }));
    const judged = session.turns()[0].candidates;
    expect(seen()).toBe(judged.length);
    for (const c of judged) {
      const verdict = c.critics.find((r) => r.id === 'judge');
      // 1..10 maps onto 0..1: 4/10 is a third of the way up.
      expect(verdict?.score).toBeCloseTo(1 / 3, 2);
      expect(verdict?.flagged).toBe(true);
    }
    // Same seed, same narrator: the judged scores are the critics' scores pulled towards the judge's 1/3.
    const byId = new Map(plain.session.turns()[0].candidates.map((c) => [c.variant.label, c.score]));
    for (const c of judged) expect(c.score).toBeCloseTo(0.7 * byId.get(c.variant.label)! + 0.3 / 3, 2);
  });

  it('a failing judge is reported and the turn still commits with the critics\' scores', async () => {
    const { judge } = await judgeAt({ status: 500 });
    const { session, store } = await newSession({ judge });
    const events = await collect(session.play({ text: 'I ask Wren about the wheel.' }));
    const error = events.find((e) => e.type === 'error');
    expect(error?.type === 'error' && error.error.message).toMatch(/judge could not grade this turn/);
    expect(events.some((e) => e.type === 'turn-done')).toBe(true);
    expect(session.turns()).toHaveLength(1);
    expect(store.records.some((r) => r.type === 'turn')).toBe(true);
  });
});
