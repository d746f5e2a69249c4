import { describe, expect, it } from 'vitest';
import type { TurnRecord } from '../../../src/engine/session/records.js';
import { SessionTree } from '../../../src/engine/session/tree.js';
import type { Fact } from '../../../src/engine/types.js';
import { collect, newSession } from './helpers.js';

const pinned = (id: string, text: string): Fact => ({ id, text, kind: 'other', turn: 0, source: 'pinned' });

describe('the facts along a path, kept between asks', () => {
  it('runs the ledger once per path and tree version, and again once a record or another path changes them', async () => {
    const { session, store } = await newSession();
    await collect(session.play({ text: 'My name is Dimo and I live in the mill.' }));
    await collect(session.play({ text: 'My sister is called Wren.' }));
    const turns = store.records.filter((r): r is TurnRecord => r.type === 'turn');
    let runs = 0;
    const tree = new SessionTree((facts) => {
      runs += 1;
      return facts;
    });
    for (const record of turns) tree.apply(record);
    const path = tree.branch();
    const first = tree.factsAlong(path);
    // The same path again (a new array of the same nodes, as each turn builds it): kept.
    expect(tree.factsAlong(tree.branch())).toEqual(first);
    expect(tree.facts()).toEqual(first);
    expect(runs).toBe(1);
    // A caller that changes what it got does not change what the next caller gets.
    first.push(pinned('x', 'Changed by a caller.'));
    expect(tree.factsAlong(path)).not.toContainEqual(pinned('x', 'Changed by a caller.'));
    expect(runs).toBe(1);
    // Another path: computed for it.
    const shorter = tree.factsAlong(path.slice(0, 1));
    expect(runs).toBe(2);
    expect(shorter.length).toBeLessThanOrEqual(tree.factsAlong(path).length);
    expect(runs).toBe(3);
    // A record changes the tree: the pinned fact is in the next answer.
    tree.apply({ type: 'memory', at: 1, op: 'pin', fact: pinned('p1', 'The mill wheel is broken.') });
    expect(tree.factsAlong(path)).toContainEqual(pinned('p1', 'The mill wheel is broken.'));
    expect(runs).toBe(4);
    tree.apply({ type: 'memory', at: 2, op: 'forget', factId: 'p1' });
    expect(tree.factsAlong(path)).not.toContainEqual(pinned('p1', 'The mill wheel is broken.'));
    expect(runs).toBe(5);
  });
});
