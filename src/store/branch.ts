/**
 * The active branch of a saved session as plain data, for `sessions show` and `export`; read from
 * the records alone, without loading the world or a model.
 */
import { branchSummaries } from '../engine/session/branch-summaries.js';
import type { SessionRecord } from '../engine/session/records.js';
import { SessionTree } from '../engine/session/tree.js';
import type { Turn } from '../engine/types.js';

/** The turns of the active branch after replaying `records`. */
export function activeBranch(records: readonly SessionRecord[]): Turn[] {
  const tree = new SessionTree();
  for (const record of records) if (record.type !== 'session-start') tree.apply(record);
  return tree.branch().map(SessionTree.toTurn);
}

/** Turn count of the active branch and how many branches the tree has. */
export function branchStats(records: readonly SessionRecord[]): { turns: number; branches: number } {
  const tree = new SessionTree();
  for (const record of records) if (record.type !== 'session-start') tree.apply(record);
  return { turns: tree.branch().length, branches: branchSummaries(tree).length };
}
