import { describe, expect, it } from 'vitest';
import { openSession } from '../../../src/engine/session/open.js';
import { MemorySessionStore } from '../../../src/engine/session/records.js';
import type { CompleteOptions, Provider } from '../../../src/engine/types.js';
import { createOfflineNarrator } from '../../../src/providers/offline/index.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { collect } from './helpers.js';
import { scriptedProvider, steppingClock } from './scripted-provider.js';

const LONG = 'The wheel stands still above the race, and the miller counts the sacks again while the river talks to itself. '.repeat(12);

/** A provider that is not the offline narrator, and notes what is asked of `complete` (the summary). */
function modelLike(): { provider: Provider; completions: CompleteOptions[] } {
  const completions: CompleteOptions[] = [];
  const scripted = scriptedProvider({ text: () => LONG });
  return {
    completions,
    provider: {
      ...scripted,
      offline: false,
      complete: async (_messages, options = {}) => {
        completions.push(options);
        return JSON.stringify({ summary: 'The miller counted the sacks.', facts: [] });
      },
    },
  };
}

const base = { pack: miniPack(), clock: steppingClock(), seed: 3, candidates: 1, budget: 1024, planner: false, id: 'open-test' };

describe('openSession', () => {
  it('starts a story without records and continues the log with them', async () => {
    const store = new MemorySessionStore();
    const first = await openSession({ ...base, provider: createOfflineNarrator({ seed: 3 }), store });
    await collect(first.play({ text: 'I knock at the mill door.' }));
    expect(first.turns()).toHaveLength(1);

    const again = await openSession({
      ...base,
      provider: createOfflineNarrator({ seed: 3 }),
      store: new MemorySessionStore(),
      records: store.records,
    });
    expect(again.id).toBe(first.id);
    expect(again.turns().map((t) => t.input.text)).toEqual(['I knock at the mill door.']);
    const fresh = await openSession({
      ...base,
      provider: createOfflineNarrator({ seed: 3 }),
      store: new MemorySessionStore(),
      records: [],
    });
    expect(fresh.turns()).toHaveLength(0);
  });

  it('gives a model narrator the model summary, and leaves the offline one extractive', async () => {
    const model = modelLike();
    const session = await openSession({ ...base, provider: model.provider, store: new MemorySessionStore() });
    for (let turn = 1; turn <= 8; turn++) await collect(session.play({ text: `I help with sack ${turn}.` }));
    expect(model.completions.length).toBeGreaterThan(0);
    expect(model.completions[0]?.responseFormat).toMatchObject({ type: 'json_schema', name: 'story_memory' });
    expect(session.memory().summary).toContain('The miller counted the sacks.');

    const offline = scriptedProvider({ text: () => LONG });
    let asked = 0;
    const quiet = await openSession({
      ...base,
      provider: { ...offline, complete: async () => ((asked += 1), '') },
      store: new MemorySessionStore(),
    });
    for (let turn = 1; turn <= 8; turn++) await collect(quiet.play({ text: `I help with sack ${turn}.` }));
    expect(quiet.memory().summaryThrough).toBeGreaterThan(0);
    expect(asked).toBe(0);
  });
});
