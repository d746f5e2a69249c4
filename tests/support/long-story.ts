/**
 * A long story for resume tests: three turns really played by the offline narrator, repeated as
 * templates down one chain of `count` turns ("I take step N."), so a test gets real records of
 * any length in a fraction of the time playing them would take.
 */
import { MemorySessionStore, type SessionRecord, type SessionStartRecord, type TurnRecord } from '../../src/engine/session/records.js';
import { Session } from '../../src/engine/session/index.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { resolveWorld } from '../../src/world/discover.js';

export interface LongStoryOptions {
  /** The session id the start record carries (else the played session's own). */
  id?: string;
  /** Milliseconds between turns. */
  step?: number;
  /** Every this many turns the turn's second reply is chosen (a swipe), when set. */
  swipeEvery?: number;
}

/** The records of a `count`-turn story built from three played turns of glass-orchard. */
export async function longStory(count: number, options: LongStoryOptions = {}): Promise<SessionRecord[]> {
  const store = new MemorySessionStore();
  const session = await Session.create({
    pack: (await resolveWorld('glass-orchard')).pack,
    provider: createOfflineNarrator({ seed: 1 }),
    store,
    clock: { now: () => 1_700_000_000_000 },
    seed: 1,
    candidates: 2,
  });
  for (const text of ['I step into the orchard.', 'I touch a glass apple.', 'I call out.']) for await (const _ of session.play({ text }));
  const played = store.records[0] as SessionStartRecord;
  const start = options.id ? { ...played, id: options.id } : played;
  const turns = store.records.filter((r): r is TurnRecord => r.type === 'turn');
  const step = options.step ?? 1;
  const records: SessionRecord[] = [start];
  for (let n = 1; n <= count; n++) {
    const nodeId = `n${n}`;
    const at = start.at + n * step;
    records.push({ ...turns[n % 3], at, nodeId, parentId: n === 1 ? null : `n${n - 1}`, number: n, input: { text: `I take step ${n}.` } });
    if (options.swipeEvery && n % options.swipeEvery === 0) records.push({ type: 'choose', at: at + 1, nodeId, index: 1 });
  }
  return records;
}
