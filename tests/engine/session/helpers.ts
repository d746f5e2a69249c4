import { Session, type SessionDeps } from '../../../src/engine/session/index.js';
import { MemorySessionStore } from '../../../src/engine/session/records.js';
import type { SessionEvent } from '../../../src/engine/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { createOfflineNarrator } from '../../../src/providers/offline/index.js';
import { steppingClock } from './scripted-provider.js';

/** Drains an event stream into an array. */
export async function collect(events: AsyncIterable<SessionEvent>): Promise<SessionEvent[]> {
  const out: SessionEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

export async function newSession(overrides: Partial<SessionDeps> = {}) {
  const store = new MemorySessionStore();
  const deps: SessionDeps = {
    pack: miniPack(),
    provider: createOfflineNarrator({ seed: 1 }),
    store,
    clock: steppingClock(),
    seed: 1,
    candidates: 3,
    planner: true,
    ...overrides,
  };
  const session = await Session.create(deps);
  return { session, store, deps };
}

/** The text of the chosen reply at each turn of the active branch. */
export function chosenTexts(session: Session): string[] {
  return session.turns().map((t) => t.candidates[t.chosen].text);
}
