import { describe, expect, it } from 'vitest';
import type { TurnRecord } from '../../../src/engine/session/records.js';
import { SessionTree } from '../../../src/engine/session/tree.js';
import { collect, newSession } from './helpers.js';

describe('a turn record as a tree node', () => {
  it('keeps every field but type, time and id, in the record’s order, with a candidate list of its own', async () => {
    const { session, store } = await newSession();
    await collect(session.play({ text: 'Hello, brother.' }));
    await collect(session.play({ text: 'Why did the wheel stop?' }));
    const turns = store.records.filter((r): r is TurnRecord => r.type === 'turn');
    // One with the optional fields a turn can carry.
    turns.push({ ...turns[1], nodeId: 'n9', imported: { from: 'sillytavern' } } as TurnRecord);
    const tree = new SessionTree();
    for (const record of turns) {
      tree.apply(record);
      const { type: _type, at, nodeId, ...rest } = record;
      const expected = { ...rest, id: nodeId, candidates: [...rest.candidates], createdAt: at, updatedAt: at, children: [] };
      const node = tree.node(record.nodeId)!;
      expect(node).toEqual(expected);
      expect(Object.keys(node)).toEqual(Object.keys(expected));
      expect(node.candidates).not.toBe(record.candidates);
    }
  });
});
