/** The facts the summary model reported, made ready for a turn record. */
import type { Fact } from '../types.js';
import type { SessionTree } from './tree.js';

/**
 * The model's facts, less those the ledger already holds in the same words and those the player
 * forgot (the model re-reading an old turn must not bring them back), with ids unique in the
 * session so `/forget` removes exactly one.
 */
export function freshModelFacts(found: readonly Fact[], ledger: readonly Fact[], tree: SessionTree): Fact[] {
  const held = new Set(ledger.map((f) => f.id));
  const fresh = found.filter((f) => !held.has(f.id) && !tree.isForgotten(f.id));
  // Most summaries report nothing new: the ids of every fact in the tree are gathered only when needed.
  if (fresh.length === 0) return [];
  const taken = new Set([...tree.nodes.values()].flatMap((n) => n.facts.map((f) => f.id)).concat(tree.pinned.map((f) => f.id)));
  return fresh.map((f) => {
    let id = f.id;
    for (let k = 2; taken.has(id); k++) id = `${f.id}-${k}`;
    taken.add(id);
    return { ...f, id };
  });
}
