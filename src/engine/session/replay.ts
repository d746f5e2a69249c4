/**
 * Rebuilds a session's state from its log: the tree through `apply`, and the pacing model by
 * feeding it the same signals live play fed it, in the same order.
 */
import type { SessionRecord } from './records.js';
import type { SessionTree } from './tree.js';
import type { PacingModel } from './pipeline.js';

/** Applies `records` (without the session-start) to `tree` and re-observes their pacing signals. */
export function replayInto(tree: SessionTree, records: readonly SessionRecord[], pacing: PacingModel, choiceSignalled: Set<string>): void {
  for (const record of records) {
    if (record.type === 'turn') {
      const parent = record.parentId ? tree.node(record.parentId) : undefined;
      if (parent && !choiceSignalled.has(parent.id)) {
        choiceSignalled.add(parent.id);
        const kept = parent.candidates[parent.chosen];
        if (kept) pacing.observe({ kind: 'choice', turn: parent.number, kept: kept.variant, alternatives: parent.candidates.filter((c) => c !== kept).map((c) => c.variant) });
      }
      pacing.observe({ kind: 'message', text: record.input.text, turn: record.number, ...(record.input.latencyMs !== undefined ? { latencyMs: record.input.latencyMs } : {}) });
    } else if (record.type === 'regenerate') {
      const node = tree.node(record.nodeId);
      const rejected = node?.candidates[record.rejected];
      if (node && rejected) pacing.observe({ kind: 'regenerate', turn: node.number, rejected: rejected.variant, pivot: Boolean(node.plan.pivot) });
    }
    tree.apply(record);
  }
}
