/**
 * Rebuilds a session's state from its log: the tree through `apply`, and the pacing model by
 * feeding it the same signals live play fed it, in the same order.
 */
import type { SessionRecord } from './records.js';
import type { SessionTree, TurnNode } from './tree.js';
import type { PacingSink } from './pacing-replay.js';

const IGNORED: PacingSink = { observe: () => undefined };

/**
 * Applies `records` (without the session-start) to `tree` and re-observes their pacing signals,
 * those of the first `covered` records only marked as seen (a pacing snapshot holds their effect).
 */
export function replayInto(
  tree: SessionTree,
  records: readonly SessionRecord[],
  sink: PacingSink,
  choiceSignalled: Set<string>,
  covered = 0,
): void {
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const pacing = i < covered ? IGNORED : sink;
    if (record.type === 'turn') {
      const parent = record.parentId ? tree.node(record.parentId) : undefined;
      observeKept(parent, pacing, choiceSignalled);
      // The reply the player answered, as the turn itself read it.
      const heard = parent?.candidates[parent.chosen]?.text;
      pacing.observe({
        kind: 'message',
        text: record.input.text,
        turn: record.number,
        ...(record.input.latencyMs !== undefined ? { latencyMs: record.input.latencyMs } : {}),
        ...(heard ? { heard } : {}),
      });
    } else if (record.type === 'regenerate') {
      const node = tree.node(record.nodeId);
      const rejected = node?.candidates[record.rejected];
      if (node && rejected)
        pacing.observe({ kind: 'regenerate', turn: node.number, rejected: rejected.variant, pivot: Boolean(node.plan.pivot) });
    }
    tree.apply(record);
  }
}

/**
 * Feeds the reply the player kept at `parent` to the pacing model, once, when the player answers
 * it. Only a real choice counts: one made by swiping, picking or regenerating there. A default
 * that was never compared with the alternatives says nothing about taste.
 */
export function observeKept(parent: TurnNode | undefined, pacing: PacingSink, signalled: Set<string>): void {
  if (!parent || signalled.has(parent.id)) return;
  signalled.add(parent.id);
  const kept = parent.candidates[parent.chosen];
  if (!kept || !parent.picked || parent.candidates.length < 2) return;
  pacing.observe({
    kind: 'choice',
    turn: parent.number,
    kept: kept.variant,
    alternatives: parent.candidates.filter((c) => c !== kept).map((c) => c.variant),
  });
}
