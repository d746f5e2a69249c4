import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/engine/session/index.js';
import type { PacingProfile } from '../../../src/engine/types.js';
import { variantTempo } from '../../../src/engine/pacing/tempo.js';
import type { Candidate } from '../../../src/engine/types.js';
import { collect, newSession } from './helpers.js';
import { PacingModel } from '../../../src/engine/pacing/index.js';
import { observeKept } from '../../../src/engine/session/replay.js';

/** Index of the calmest (sign -1) or boldest (sign 1) candidate by the pacing model's own tempo scale. */
function extreme(candidates: readonly Candidate[], sign: 1 | -1): number {
  let best = 0;
  candidates.forEach((c, i) => {
    if (sign * variantTempo(c.variant) > sign * variantTempo(candidates[best].variant)) best = i;
  });
  return best;
}

function recorder() {
  const saved: PacingProfile[] = [];
  return { saved, saveProfile: async (p: PacingProfile) => void saved.push(p) };
}

describe('Best-of-N and the pacing signals', () => {
  it('asks for N varied candidates, records every critic score, and shows the best first', async () => {
    const { session } = await newSession({ candidates: 3 });
    const events = await collect(session.play({ text: 'I set my bag down and look at the silent wheel.' }));
    const turn = session.turns()[0];
    expect(turn.candidates).toHaveLength(3);
    expect(new Set(turn.candidates.map((c) => c.variant.label))).toEqual(new Set(['planned', 'gentler', 'bolder']));
    for (const c of turn.candidates) {
      expect(c.critics.length).toBeGreaterThan(5);
      expect(c.score).toBeGreaterThan(0);
      expect(c.text.length).toBeGreaterThan(20);
    }
    const scores = turn.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const done = events.filter((e) => e.type === 'candidate-done');
    expect(done).toHaveLength(3);
    const deltas = events.filter((e) => e.type === 'delta');
    expect(deltas.length).toBeGreaterThan(3);
  });

  it('feeds the kept candidate to the pacing model when the player sends the next message', async () => {
    const { saved, saveProfile } = recorder();
    const { session } = await newSession({ candidates: 3, saveProfile });
    await collect(session.play({ text: 'Hello, brother.' }));
    const calmest = extreme(session.turns()[0].candidates, -1);
    await session.choose(1, calmest);
    expect(saved.at(-1)!.stats.keptCalmer ?? 0).toBe(0);
    await collect(session.play({ text: 'What happened to the wheel?' }));
    expect(saved.at(-1)!.stats.keptCalmer).toBe(1);
  });

  it('a default the player never compared with the others teaches the pacing model nothing', async () => {
    const { session } = await newSession({ candidates: 3 });
    await collect(session.play({ text: 'Hello, brother.' }));
    const turn = session.turns()[0];
    const node = {
      ...turn,
      cause: 'play' as const,
      chosen: extreme(turn.candidates, 1),
      facts: [],
      memory: { summary: '', summaryThrough: 0 },
      updatedAt: 0,
      children: [],
    };
    const untouched = new PacingModel();
    observeKept(node, untouched, new Set());
    expect(untouched.profile().stats.keptBolder ?? 0).toBe(0);
    const picked = new PacingModel();
    observeKept({ ...node, picked: true }, picked, new Set());
    expect(picked.profile().stats.keptBolder).toBe(1);
    expect(picked.estimate().score).toBeGreaterThan(untouched.estimate().score);
  });

  it('a regenerate tells the pacing model which reply was swiped away', async () => {
    const { saved, saveProfile } = recorder();
    const { session } = await newSession({ candidates: 3, saveProfile });
    await collect(session.play({ text: 'Hello, brother.' }));
    const boldest = session.turns()[0].candidates[extreme(session.turns()[0].candidates, 1)];
    expect(variantTempo(boldest.variant)).toBeGreaterThan(0.15);
    await session.choose(1, session.turns()[0].candidates.indexOf(boldest));
    const events = await collect(session.regenerate());
    expect(events[0]).toMatchObject({ type: 'turn-start', regenerate: true });
    expect(saved.at(-1)!.stats.rejectedBold).toBe(1);
  });

  it('a restored session replays the same pacing signals', async () => {
    const { session, store, deps } = await newSession({ candidates: 3 });
    await collect(session.play({ text: 'Hello, brother.' }));
    await session.choose(1, extreme(session.turns()[0].candidates, -1));
    await collect(session.play({ text: 'I sit with him a while and listen to the river.' }));
    await collect(session.regenerate());
    const restored = await Session.restore(store.records, deps);
    expect(restored.pacing()).toEqual(session.pacing());
  });

  it('a restored session reads no old message before its pacing is needed, and then ends where an eager replay would', async () => {
    const { saved, saveProfile } = recorder();
    const { session, store, deps } = await newSession({ candidates: 3, saveProfile });
    await collect(session.play({ text: 'Hello, brother.' }));
    await session.choose(1, extreme(session.turns()[0].candidates, -1));
    await collect(session.play({ text: '(OOC: slow down a little) I sit with him a while and listen to the river.' }));
    await collect(session.regenerate());
    await collect(session.play({ text: 'Run. Now. Grab the lamp.' }));
    // The model an eager replay builds: every signal of the log, fed in order.
    const eager = new PacingModel();
    const replayedTexts: string[] = [];
    const observe = eager.observe.bind(eager);
    eager.observe = (signal) => {
      if (signal.kind === 'message') replayedTexts.push(signal.text);
      observe(signal);
    };
    const { replayInto } = await import('../../../src/engine/session/replay.js');
    const { SessionTree } = await import('../../../src/engine/session/tree.js');
    replayInto(new SessionTree(), store.records.slice(1), eager, new Set());
    expect(replayedTexts).toHaveLength(3);

    const restored = await Session.restore(store.records, { ...deps, saveProfile });
    const held = restored.getSnapshot();
    // Pending until read: the snapshot's pacing is computed on first read, as of the restore.
    expect(typeof Object.getOwnPropertyDescriptor(held, 'pacing')?.get).toBe('function');
    await collect(restored.play({ text: 'I wait.' }));
    expect(held.pacing).toEqual(eager.estimate());
    expect(restored.getSnapshot().pacing).toEqual(restored.pacing());
    await collect(session.play({ text: 'I wait.' }));
    expect(restored.pacing()).toEqual(session.pacing());
    expect(saved.at(-1)).toEqual(saved.at(-2));
  });

  it('the offline narrator is deterministic for a seed through the whole pipeline', async () => {
    const run = async () => {
      const { session } = await newSession({ candidates: 2 });
      await collect(session.play({ text: 'I knock twice.' }));
      await collect(session.play({ text: 'Who is there?' }));
      return session.turns().map((t) => t.candidates.map((c) => c.text));
    };
    expect(await run()).toEqual(await run());
  });

  it('a resumed session does not count its own turns twice in the long-term profile', async () => {
    const { saved, saveProfile } = recorder();
    const start: PacingProfile = { version: 1, score: 0.2, confidence: 0.3, turns: 10, sessions: 3, updatedAt: 0, stats: {} };
    const { session, store, deps } = await newSession({ candidates: 2, pacingProfile: start, saveProfile });
    await collect(session.play({ text: 'Run. Now. Grab the lamp.' }));
    await collect(session.play({ text: 'Kick the door open.' }));
    expect(saved.at(-1)!.turns).toBe(12);
    // The CLI loads the profile saved on disk, which already holds this session's two turns.
    const restored = await Session.restore(store.records, { ...deps, pacingProfile: saved.at(-1)! });
    await collect(restored.play({ text: 'Go!' }));
    expect(saved.at(-1)!.turns).toBe(13);
  });
});
