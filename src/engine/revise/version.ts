/**
 * A new version of a reply, kept as one more candidate of its turn (as regenerate keeps one) and
 * chosen at once. On an earlier turn the story goes on from it as a new branch; the old one stays.
 */
import { SessionTree, type TurnNode } from '../session/tree.js';
import type { Candidate, SessionEvent } from '../types.js';
import type { ReviseHost } from './host.js';

/** Commits `candidate` as the chosen version of `node`'s reply and yields the turn as it now is. */
export async function* commitVersion(host: ReviseHost, node: TurnNode, candidate: Candidate, what: string): AsyncGenerator<SessionEvent> {
  const forkId = node.id === host.tree.activeLeaf ? undefined : host.tree.nextId();
  const chosen = node.candidates.length;
  try {
    await host.commit({ type: 'candidate', at: host.clock.now(), nodeId: node.id, ...(forkId ? { forkId } : {}), candidate, chosen });
  } catch (error) {
    yield host.error(
      node.number,
      `The ${what} could not be saved (${error instanceof Error ? error.message : String(error)}); check the data folder and try again.`,
      true,
    );
    return;
  }
  await host.saveProfile();
  yield { type: 'turn-done', turn: SessionTree.toTurn(host.tree.committed(forkId ?? node.id)) };
}
