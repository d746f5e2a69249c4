// /tree's list: each other branch says from which turn it differs from the one being played.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { treeOverlay } from '../../src/ui/overlays.js';
import { ListPicker } from '../../src/ui/components/ListPicker.js';

describe('the branches overlay', () => {
  it('names the active branch, and for the others the turn from which they differ', () => {
    const overlay = treeOverlay([
      { leafId: 'a', turns: 4, forkTurn: 0, active: true, lastInput: 'I try to stand up.', updatedAt: 2 },
      { leafId: 'b', turns: 5, forkTurn: 4, active: false, lastInput: 'I try to stand up again.', updatedAt: 1 },
    ]);
    if (overlay.kind !== 'tree') throw new Error('not the tree');
    expect(overlay.items.map((i) => i.title)).toEqual(['4 turns · active branch', '5 turns · differs from turn 4 on']);
    expect(overlay.items.map((i) => i.meta)).toEqual(['“I try to stand up.”', '“I try to stand up again.”']);
    expect(overlay.selected).toBe(0);
  });

  it('keeps where a branch differs on screen when its last message is longer than the terminal is wide', () => {
    // The turn it differs from came after the message and was cut off with it at 80 columns.
    const long = 'I whisper to Ilsa about the ferry, the coin, the note and everything else I have carried home';
    const overlay = treeOverlay([
      { leafId: 'a', turns: 6, forkTurn: 0, active: true, lastInput: long, updatedAt: 2 },
      { leafId: 'b', turns: 6, forkTurn: 5, active: false, lastInput: `${long}!`, updatedAt: 1 },
    ]);
    if (overlay.kind !== 'tree') throw new Error('not the tree');
    const { lastFrame } = render(
      createElement(ListPicker, { title: 'Branches', items: overlay.items, selected: 0, height: 10, width: 80 }),
    );
    const frame = lastFrame() ?? '';
    expect(frame).toContain('active branch');
    expect(frame).toContain('differs from turn 5 on');
    expect(frame.split('\n').every((line) => line.length <= 80)).toBe(true);
  });
});
