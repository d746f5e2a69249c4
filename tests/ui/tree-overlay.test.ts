// /tree's list: each other branch says from which turn it differs from the one being played.
import { describe, expect, it } from 'vitest';
import { treeOverlay } from '../../src/ui/overlays.js';

describe('the branches overlay', () => {
  it('names the active branch, and for the others the turn from which they differ', () => {
    const overlay = treeOverlay([
      { leafId: 'a', turns: 4, forkTurn: 0, active: true, lastInput: 'I try to stand up.', updatedAt: 2 },
      { leafId: 'b', turns: 5, forkTurn: 4, active: false, lastInput: 'I try to stand up again.', updatedAt: 1 },
    ]);
    if (overlay.kind !== 'tree') throw new Error('not the tree');
    expect(overlay.items.map((i) => i.meta)).toEqual(['active branch', 'differs from turn 4 on']);
    expect(overlay.selected).toBe(0);
  });
});
