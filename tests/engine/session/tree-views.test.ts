import { describe, expect, it } from 'vitest';
import { branchSummaries } from '../../../src/engine/session/branch-summaries.js';
import type { TurnRecord } from '../../../src/engine/session/records.js';
import { ROOT, SessionTree, type TurnNode } from '../../../src/engine/session/tree.js';
import { TreeViews } from '../../../src/engine/session/tree-views.js';
import { collect, newSession } from './helpers.js';

const turn = (nodeId: string, parentId: string | null, number: number): TurnRecord =>
  ({
    type: 'turn',
    at: number,
    nodeId,
    parentId,
    number,
    cause: 'play',
    input: { text: nodeId },
    candidates: [{ id: `${nodeId}-c0` }, { id: `${nodeId}-c1` }],
    chosen: 0,
  }) as unknown as TurnRecord;

/** A tree that counts its walks. */
class CountingTree extends SessionTree {
  walks = 0;
  override branch(leafId?: string): TurnNode[] {
    this.walks++;
    return super.branch(leafId);
  }
}

describe('tree views', () => {
  it('follow every change of the tree', () => {
    const tree = new SessionTree();
    const views = new TreeViews(tree);
    const check = () => {
      expect(views.turns()).toEqual(tree.branch().map(SessionTree.toTurn));
      expect(views.branches()).toEqual(branchSummaries(tree));
    };
    check();
    tree.apply(turn('n1', null, 1));
    check();
    tree.apply(turn('n2', 'n1', 2));
    check();
    tree.apply({ type: 'choose', at: 3, nodeId: 'n1', index: 1, forkId: 'n3' });
    check();
    tree.apply({ type: 'branch', at: 4, leafId: 'n2' });
    check();
    tree.apply({ type: 'rewind', at: 5, from: 'n2', leafId: ROOT });
    check();
    expect(views.turns()).toEqual([]);
  });

  it('walk the tree once per change, however often they are read, and hand out arrays of their own', () => {
    const tree = new CountingTree();
    const views = new TreeViews(tree);
    tree.apply(turn('n1', null, 1));
    tree.apply(turn('n2', 'n1', 2));
    tree.walks = 0;
    const first = views.turns();
    for (let i = 0; i < 5; i++) expect(views.turns()).toEqual(first);
    expect(tree.walks).toBe(1);
    first.pop();
    expect(views.turns()).toHaveLength(2);
    tree.apply(turn('n3', 'n2', 3));
    expect(views.turns()).toHaveLength(3);
    expect(tree.walks).toBe(2);
  });

  it("keep a session's turns and branches current through play, swipes, forks and undo", async () => {
    const { session } = await newSession();
    await collect(session.play({ text: 'Hello, brother.' }));
    await collect(session.play({ text: 'Why did the wheel stop?' }));
    expect(session.turns()).toHaveLength(2);
    await session.choose(2, 1);
    expect(session.turns()[1].chosen).toBe(1);
    await session.choose(1, 2);
    expect(session.turns()).toHaveLength(1);
    expect(session.tree()).toHaveLength(2);
    await session.undo();
    expect(session.turns()).toHaveLength(0);
    expect(session.getSnapshot().turns).toEqual(session.turns());
  });
});
