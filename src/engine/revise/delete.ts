/**
 * Deleting a turn: a rewind to before it, as undo does for the last one. The turn and what came
 * after it stay in the tree (`/tree` lists them), so a deletion can be walked back.
 */
import { ROOT, type SessionTree } from '../session/tree.js';
import type { RewindRecord } from '../session/records.js';
import type { PlayerInput } from '../types.js';
import { turnAt } from './host.js';

/** The rewind that deletes the turn `turnNumber` (default: the last), or why there is none. */
export function deleteRecord(
  tree: SessionTree,
  turnNumber: number | undefined,
  at: number,
): { record: RewindRecord; turn: number; input: PlayerInput } | string {
  const node = turnAt(tree, turnNumber, 'delete');
  if (typeof node === 'string') return node;
  return { record: { type: 'rewind', at, from: tree.activeLeaf, leafId: node.parentId ?? ROOT }, turn: node.number, input: node.input };
}
