import { describe, expect, it } from 'vitest';
import type { SessionRecord, TurnRecord } from '../../../src/engine/session/records.js';
import { ROOT, SessionTree, type TurnNode } from '../../../src/engine/session/tree.js';
import type { Candidate, Fact, StoryMessage } from '../../../src/engine/types.js';
import { historyOf } from '../../../src/engine/session/context.js';
import { seededRandom } from '../../../src/engine/random.js';

const fact = (id: string, turn: number): Fact => ({ id, text: `Fact ${id}.`, kind: 'other', turn, source: 'player' });

/** A turn record with what the tree reads of it (ids, parent, facts, candidates). */
function turn(nodeId: string, parentId: string | null, facts: Fact[] = [], at = 1): TurnRecord {
  return {
    type: 'turn',
    at,
    nodeId,
    parentId,
    number: 1,
    cause: 'play',
    input: { text: `line ${nodeId}` },
    candidates: [{ id: `${nodeId}-c0`, text: `reply ${nodeId}` }],
    chosen: 0,
    plan: {},
    pacing: {},
    prompt: {},
    facts,
    memory: { summary: '', summaryThrough: 0 },
  } as unknown as TurnRecord;
}

/** The branch as the tree walked it before it kept one: from the leaf up through the nodes. */
function walked(tree: SessionTree, leafId: string = tree.activeLeaf): TurnNode[] {
  const path: TurnNode[] = [];
  let id: string | null = leafId;
  while (id && id !== ROOT) {
    const node = tree.nodes.get(id);
    if (!node || path.length > tree.nodes.size) break;
    path.push(node);
    id = node.parentId;
  }
  return path.reverse();
}

/** The facts in force along a path, computed from scratch. */
function ledgerOf(tree: SessionTree, path: readonly TurnNode[]): Fact[] {
  return [...tree.pinned, ...path.flatMap((n) => n.facts)].filter((f) => !tree.isForgotten(f.id));
}

/** A story of turns, swipes onto forks, rewinds and branches, some turns stating facts, from a seed. */
function story(seed: number, length: number): SessionRecord[] {
  const random = seededRandom(seed);
  const records: SessionRecord[] = [];
  const ids: string[] = [];
  let leaf: string = ROOT;
  for (let k = 1; records.length < length; k++) {
    const roll = random();
    if (roll < 0.6 || ids.length === 0) {
      const id = `n${k}`;
      records.push(turn(id, leaf === ROOT ? null : leaf, random() < 0.2 ? [fact(`f${k}`, k)] : []));
      ids.push(id);
      leaf = id;
    } else if (roll < 0.75) {
      const target = ids[Math.floor(random() * ids.length)];
      const forkId = `n${k}`;
      records.push({ type: 'choose', at: k, nodeId: target, index: 0, forkId });
      ids.push(forkId);
      leaf = forkId;
    } else if (roll < 0.9) {
      leaf = random() < 0.2 ? ROOT : ids[Math.floor(random() * ids.length)];
      records.push({ type: random() < 0.5 ? 'rewind' : 'branch', at: k, leafId: leaf } as SessionRecord);
    } else {
      const pin = random() < 0.5 || ids.length === 0;
      records.push(
        pin
          ? { type: 'memory', at: k, op: 'pin', fact: { ...fact(`p${k}`, 0), source: 'pinned' } }
          : { type: 'memory', at: k, op: 'forget', factId: `f${k - 1 - Math.floor(random() * 5)}` },
      );
    }
  }
  return records;
}

describe('the active branch, kept between asks', () => {
  it('is the walked branch after every record of stories with forks, rewinds, branches, pins and forgets', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const tree = new SessionTree();
      const asked = new Set<string>();
      for (const record of story(seed, 120)) {
        tree.apply(record);
        // Asked once or twice, as a turn asks: the second answer comes from what was kept.
        expect(tree.branch(), `seed ${seed}`).toEqual(walked(tree));
        expect(tree.branch()).toEqual(walked(tree));
        const other = [...tree.nodes.keys()][Math.floor(tree.nodes.size / 2)];
        if (other) expect(tree.branch(other)).toEqual(walked(tree, other));
        expect(tree.factsAlong(tree.branch())).toEqual(ledgerOf(tree, walked(tree)));
        if (other) expect(tree.factsAlong(tree.branch(other))).toEqual(ledgerOf(tree, walked(tree, other)));
        asked.add(tree.activeLeaf);
      }
      expect(asked.size).toBeGreaterThan(20);
    }
  });

  it("keeps the story's messages: the history along a path is historyOf's after every record", () => {
    const opening: StoryMessage = { role: 'narrator', text: 'The opening.', turn: 0 };
    for (const seed of [1, 2, 3, 4, 5]) {
      const tree = new SessionTree();
      const random = seededRandom(seed + 100);
      let k = 0;
      for (const record of story(seed, 160)) {
        tree.apply(record);
        // Another reply at a node, or another choice, changes a kept message (both in place).
        const ids = [...tree.nodes.keys()];
        const target = ids[Math.floor(random() * ids.length)];
        const roll = random();
        if (target && roll < 0.15) {
          const candidate = { id: `${target}-x${++k}`, text: `another reply ${k}` } as Candidate;
          tree.apply({ type: 'candidate', at: k, nodeId: target, candidate, chosen: tree.nodes.get(target)!.candidates.length });
        } else if (target && roll < 0.3) tree.apply({ type: 'choose', at: k, nodeId: target, index: 0 });
        expect(tree.historyAlong(opening, tree.branch()), `seed ${seed}`).toEqual(historyOf(opening, walked(tree)));
        const other = ids[Math.floor(ids.length / 2)];
        if (other) expect(tree.historyAlong(opening, tree.branch(other))).toEqual(historyOf(opening, walked(tree, other)));
        expect(tree.historyAlong(opening, tree.branch())).toEqual(historyOf(opening, walked(tree)));
      }
    }
  });

  it('gives every caller its own history array, and messages no caller can change', () => {
    const opening: StoryMessage = { role: 'narrator', text: 'The opening.', turn: 0 };
    const tree = new SessionTree();
    tree.apply(turn('n1', null));
    tree.apply(turn('n2', 'n1'));
    const first = tree.historyAlong(opening, tree.branch());
    first.push({ role: 'player', text: 'mine', turn: 3 });
    expect(() => {
      first[1].text = 'changed';
    }).toThrow(TypeError);
    expect(tree.historyAlong(opening, tree.branch())).toEqual(historyOf(opening, walked(tree)));
  });

  it('gives every caller its own array', () => {
    const tree = new SessionTree();
    tree.apply(turn('n1', null));
    tree.apply(turn('n2', 'n1'));
    const first = tree.branch();
    first.pop();
    first.push(first[0]);
    expect(tree.branch().map((n) => n.id)).toEqual(['n1', 'n2']);
    tree.apply(turn('n3', 'n2'));
    const extended = tree.branch();
    extended.length = 0;
    expect(tree.branch().map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
  });

  it('walks again when a turn arrives before its parent (a damaged file), once the parent is there', () => {
    const tree = new SessionTree();
    tree.apply(turn('n1', null));
    tree.apply(turn('n3', 'n2'));
    expect(tree.branch().map((n) => n.id)).toEqual(['n3']);
    tree.apply(turn('n2', 'n1'));
    tree.apply({ type: 'branch', at: 2, leafId: 'n3' });
    expect(tree.branch().map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    tree.apply(turn('n4', 'n3'));
    expect(tree.branch().map((n) => n.id)).toEqual(['n1', 'n2', 'n3', 'n4']);
  });

  it('walks again when the missing parent arrives as a turn on that very branch (a loop in a damaged file)', () => {
    const tree = new SessionTree();
    tree.apply(turn('n1', null));
    tree.apply(turn('n3', 'n2'));
    expect(tree.branch().map((n) => n.id)).toEqual(['n3']);
    tree.apply(turn('n2', 'n3'));
    expect(tree.branch()).toEqual(walked(tree));
  });

  it('walks again when a turn takes the id of a node already in the tree', () => {
    const tree = new SessionTree();
    tree.apply(turn('n1', null));
    tree.apply(turn('n2', 'n1'));
    tree.branch();
    tree.apply(turn('n1', 'n2'));
    expect(tree.branch()).toEqual(walked(tree));
  });
});

describe('the facts along a path that goes on through turns without facts', () => {
  it('are the kept ledger, not run again; a turn with a fact, a pin or a forget runs it again', () => {
    let runs = 0;
    const tree = new SessionTree((facts) => {
      runs += 1;
      return facts;
    });
    tree.apply(turn('n1', null, [fact('a', 1)]));
    expect(tree.facts()).toEqual([fact('a', 1)]);
    expect(runs).toBe(1);
    tree.apply(turn('n2', 'n1'));
    tree.apply(turn('n3', 'n2'));
    expect(tree.facts()).toEqual([fact('a', 1)]);
    expect(runs).toBe(1);
    tree.apply(turn('n4', 'n3', [fact('b', 4)]));
    expect(tree.facts()).toEqual([fact('a', 1), fact('b', 4)]);
    expect(runs).toBe(2);
    // A shorter path (a rewind) is another path: run for it.
    expect(tree.factsAlong(tree.branch('n2'))).toEqual([fact('a', 1)]);
    expect(runs).toBe(3);
    tree.apply({ type: 'memory', at: 5, op: 'forget', factId: 'a' });
    expect(tree.factsAlong(tree.branch('n2'))).toEqual([]);
    expect(runs).toBe(4);
    tree.apply(turn('n5', 'n4'));
    expect(tree.facts()).toEqual([fact('b', 4)]);
    expect(runs).toBe(5);
  });
});
