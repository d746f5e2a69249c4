import { describe, expect, it } from 'vitest';
import type { BranchSummary } from '../../../src/engine/session/api.js';
import { branchSummaries } from '../../../src/engine/session/branch-summaries.js';
import type { SessionRecord, TurnRecord } from '../../../src/engine/session/records.js';
import { ROOT, SessionTree, type TurnNode } from '../../../src/engine/session/tree.js';
import { seededRandom } from '../../../src/engine/random.js';

/** The summaries as the tree worked them out before: every leaf's whole path walked. */
function walkedSummaries(tree: SessionTree): BranchSummary[] {
  const activePath = new Set(tree.branch().map((node) => node.id));
  const leaves = [...tree.nodes.values()].filter((node) => node.children.length === 0).map((node) => node.id);
  if (!leaves.includes(tree.activeLeaf)) leaves.push(tree.activeLeaf);
  return leaves.map((leafId) => {
    const path = tree.branch(leafId);
    const last = path[path.length - 1];
    const active = leafId === tree.activeLeaf;
    const shared = path.filter((node) => activePath.has(node.id)).length;
    return {
      leafId,
      turns: path.length,
      forkTurn: active ? 0 : shared + 1,
      lastInput: last ? last.input.text : '',
      active,
      updatedAt: last ? Math.max(...path.map((node) => node.updatedAt)) : 0,
    };
  });
}

function turn(nodeId: string, parentId: string | null, number: number, at: number): TurnRecord {
  return {
    type: 'turn',
    at,
    nodeId,
    parentId,
    number,
    cause: 'play',
    input: { text: `line ${nodeId}` },
    candidates: [],
    chosen: 0,
  } as unknown as TurnRecord;
}

/** A random story: turns on and off the active branch, rewinds, branch switches, swipes that fork. */
function randomTree(seed: number, size: number): SessionTree {
  const random = seededRandom(seed);
  const tree = new SessionTree();
  const ids: string[] = [];
  let at = 1_000;
  for (let k = 1; k <= size; k++) {
    at += Math.floor(random() * 50) - 10;
    const roll = random();
    const pick = () => ids[Math.floor(random() * ids.length)];
    const records: SessionRecord[] = [];
    if (roll < 0.1 && ids.length > 0) records.push({ type: 'rewind', at, from: tree.activeLeaf, leafId: random() < 0.1 ? ROOT : pick() });
    else if (roll < 0.15 && ids.length > 0) records.push({ type: 'branch', at, leafId: pick() });
    else if (roll < 0.2 && ids.length > 0) {
      const forkId = `f${k}`;
      records.push({ type: 'choose', at, nodeId: pick(), index: 0, forkId });
      ids.push(forkId);
    }
    const parent = tree.activeLeaf === ROOT ? null : tree.activeLeaf;
    records.push(turn(`n${k}`, parent, (parent ? (tree.node(parent)?.number ?? 0) : 0) + 1, at));
    ids.push(`n${k}`);
    for (const record of records) tree.apply(record);
  }
  return tree;
}

describe('branch summaries', () => {
  it('are what walking every leaf to the root gives, on random trees', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const tree = randomTree(seed, 5 + seed * 3);
      expect(branchSummaries(tree), `seed ${seed}`).toEqual(walkedSummaries(tree));
    }
  });

  it('are the same for a rewind to the opening and for an empty tree', () => {
    const empty = new SessionTree();
    expect(branchSummaries(empty)).toEqual(walkedSummaries(empty));
    const tree = randomTree(7, 30);
    tree.apply({ type: 'rewind', at: 1, from: tree.activeLeaf, leafId: ROOT });
    expect(branchSummaries(tree)).toEqual(walkedSummaries(tree));
    expect(branchSummaries(tree).find((b) => b.active)).toMatchObject({ leafId: ROOT, turns: 0, lastInput: '', updatedAt: 0 });
  });

  it('answer parents that loop (a damaged file) as the walk does', () => {
    const tree = new SessionTree();
    tree.apply(turn('n1', null, 1, 10));
    tree.apply(turn('n2', 'n1', 2, 20));
    tree.apply(turn('n3', 'n2', 3, 30));
    tree.apply(turn('n4', 'n1', 2, 40));
    // A second record for n1 with n3 as its parent: n1 -> n3 -> n2 -> n1.
    tree.apply(turn('n1', 'n3', 4, 50));
    tree.apply({ type: 'branch', at: 60, leafId: 'n4' });
    expect(branchSummaries(tree)).toEqual(walkedSummaries(tree));
  });

  it('look each node up a bounded number of times, however deep the story and however many branches', () => {
    const tree = new SessionTree();
    let parent: string | null = null;
    for (let n = 1; n <= 3_000; n++) {
      tree.apply(turn(`n${n}`, parent, n, n));
      if (n % 30 === 0) tree.apply(turn(`s${n}`, parent, n, n));
      parent = `n${n}`;
    }
    tree.apply({ type: 'branch', at: 9_999, leafId: 'n3000' });
    let lookups = 0;
    const counted = new Map<string, TurnNode>(tree.nodes);
    const get = counted.get.bind(counted);
    counted.get = (id: string) => {
      lookups++;
      return get(id);
    };
    const summaries = branchSummaries({ nodes: counted, activeLeaf: tree.activeLeaf, branch: (leaf) => tree.branch(leaf) });
    expect(summaries).toEqual(walkedSummaries(tree));
    expect(summaries).toHaveLength(101);
    // Walking each of the 101 leaves to the root looked nodes up ~150,000 times.
    expect(lookups).toBeLessThanOrEqual(3 * tree.nodes.size);
  });
});
