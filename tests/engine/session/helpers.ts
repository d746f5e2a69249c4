import { Session, type SessionDeps } from '../../../src/engine/session/index.js';
import { MemorySessionStore } from '../../../src/engine/session/records.js';
import type { SessionEvent } from '../../../src/engine/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { createOfflineNarrator } from '../../../src/providers/offline/index.js';
import { steppingClock } from './scripted-provider.js';

/** Drains an event stream into an array. */
/** Player lines for long sessions in the Glass Orchard's mill, played in turn. */
export const millMoves: readonly string[] = [
  'I walk to the sluice gate and look down at the black water.',
  'I ask Wren what he heard the night the wheel stopped.',
  'I light a second lamp and climb the stairs to the loft.',
  "I search the miller's desk for letters.",
  'I read the letter aloud to Wren.',
  'I wait by the door and listen.',
];

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
