/**
 * Regenerate: one more candidate at a turn, written from what the turn's first replies saw, under
 * the carousel's next variant. The rejected reply is a pacing signal; the new one is kept as a
 * version of the turn (on an earlier turn, as a new branch).
 */
import { hashSeed, seededRandom } from '../random.js';
import { turnAt } from '../revise/host.js';
import { commitVersion } from '../revise/version.js';
import type { SessionEvent } from '../types.js';
import { variantsOf } from './context.js';
import { withTrigger } from './turn-inputs.js';
import { draftReplies } from './drafts.js';
import { engineError } from './errors.js';
import type { TurnHost } from './host.js';

/** Adds one candidate at `turnNumber` of the active branch (default: the last), chosen at once. */
export async function* runRegenerate(host: TurnHost, turnNumber: number | undefined, signal?: AbortSignal): AsyncGenerator<SessionEvent> {
  const node = turnAt(host.tree, turnNumber, 'regenerate');
  if (typeof node === 'string') {
    yield engineError(turnNumber ?? 0, node);
    return;
  }
  const { clock } = host;
  const rejected = node.candidates[node.chosen];
  yield { type: 'turn-start', turn: node.number, input: node.input, regenerate: true };
  await host.commit({ type: 'regenerate', at: clock.now(), nodeId: node.id, rejected: node.chosen });
  if (rejected) host.observe({ kind: 'regenerate', turn: node.number, rejected: rejected.variant, pivot: Boolean(node.plan.pivot) });
  yield { type: 'plan', turn: node.number, plan: node.plan, pacing: host.pacing() };

  const baseIndex = node.candidates.length;
  const random = seededRandom(hashSeed(host.seed, 'regenerate', node.id, baseIndex));
  const variants = variantsOf(node.plan, baseIndex + 1, random);
  const drafts = draftReplies(host, withTrigger(host.turnInputs(node), ['swipe', 'regenerate']), node.plan, variants.slice(-1));
  yield { type: 'prompt', turn: node.number, prompt: drafts.diagnostics };

  const [candidate] = yield* drafts.generate({
    turn: node.number,
    baseIndex,
    idPrefix: `${node.id}-r${clock.now().toString(36)}-`,
    signal,
  });
  if (!candidate || !candidate.text.trim()) {
    yield engineError(node.number, 'The new candidate did not arrive, so nothing was saved; try again.', true);
    return;
  }
  yield* commitVersion(host, node, candidate, 'candidate');
}
