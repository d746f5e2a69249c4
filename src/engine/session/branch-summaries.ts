/**
 * The branches of a session tree as the branch list shows them, in one pass over the tree: each
 * node's depth, how much of its path it shares with the active branch and the latest change along
 * it are worked out once and reused by every leaf below it. Walking each leaf's path to the root
 * instead cost leaves x depth: a 10,000-turn story with 100 side branches took ~2 s a call, twice
 * before a resumed TUI's first frame.
 */
import type { BranchSummary } from './api.js';
import { ROOT, type TurnNode } from './tree.js';

/** What a node's path from the root holds: its length, its nodes on the active branch, its latest change. */
interface PathFacts {
  turns: number;
  shared: number;
  updatedAt: number;
}

/** The part of the tree the summaries read. */
export interface SummarySource {
  readonly nodes: ReadonlyMap<string, TurnNode>;
  readonly activeLeaf: string;
  branch(leafId?: string): TurnNode[];
}

const EMPTY: PathFacts = { turns: 0, shared: 0, updatedAt: 0 };

/** Leaves of the tree (and the active node, when a rewind left it inside a branch), each summarised. */
export function branchSummaries(tree: SummarySource): BranchSummary[] {
  const activePath = new Set(tree.branch().map((node) => node.id));
  const leaves: string[] = [];
  for (const node of tree.nodes.values()) if (node.children.length === 0) leaves.push(node.id);
  if (!leaves.includes(tree.activeLeaf)) leaves.push(tree.activeLeaf);
  const known = new Map<string, PathFacts>();
  return leaves.map((leafId) => {
    const active = leafId === tree.activeLeaf;
    const facts = pathFacts(tree, leafId, activePath, known);
    const leaf = tree.nodes.get(leafId);
    if (!facts) return walked(tree, leafId, active, activePath);
    return {
      leafId,
      turns: facts.turns,
      forkTurn: active ? 0 : facts.shared + 1,
      lastInput: facts.turns > 0 && leaf ? leaf.input.text : '',
      active,
      updatedAt: facts.turns > 0 ? facts.updatedAt : 0,
    };
  });
}

/**
 * The facts of `leafId`'s path, from the nearest ancestor already known; undefined when the path
 * loops (a damaged file can make parents do so), which `walked` answers as the tree always did.
 */
function pathFacts(tree: SummarySource, leafId: string, activePath: Set<string>, known: Map<string, PathFacts>): PathFacts | undefined {
  const chain: TurnNode[] = [];
  const onChain = new Set<string>();
  let base = EMPTY;
  for (let id: string | null = leafId; id && id !== ROOT;) {
    const done = known.get(id);
    if (done) {
      base = done;
      break;
    }
    const node = tree.nodes.get(id);
    if (!node) break;
    if (onChain.has(id)) return undefined;
    onChain.add(id);
    chain.push(node);
    id = node.parentId;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const node = chain[i];
    base = {
      turns: base.turns + 1,
      shared: base.shared + (activePath.has(node.id) ? 1 : 0),
      updatedAt: base.turns === 0 ? node.updatedAt : Math.max(base.updatedAt, node.updatedAt),
    };
    known.set(node.id, base);
  }
  return base;
}

/** One leaf's summary from its whole path: what a loop in the parents falls back to. */
function walked(tree: SummarySource, leafId: string, active: boolean, activePath: Set<string>): BranchSummary {
  const path = tree.branch(leafId);
  const last = path[path.length - 1];
  let shared = 0;
  let updatedAt = -Infinity;
  for (const node of path) {
    if (activePath.has(node.id)) shared++;
    if (node.updatedAt > updatedAt) updatedAt = node.updatedAt;
  }
  return {
    leafId,
    turns: path.length,
    forkTurn: active ? 0 : shared + 1,
    lastInput: last ? last.input.text : '',
    active,
    updatedAt: last ? updatedAt : 0,
  };
}
