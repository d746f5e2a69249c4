import { describe, expect, it } from 'vitest';
import { criticContext } from '../../../src/engine/session/context.js';
import type { Plan, StoryMessage } from '../../../src/engine/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';

describe("the critics' view of a turn", () => {
  it('holds the last four replies of the story, oldest first, whatever its length', () => {
    const pack = miniPack();
    const at = (turns: number): StoryMessage[] => [
      { role: 'narrator', text: 'Opening.', turn: 0 },
      ...Array.from({ length: turns }, (_, i): StoryMessage[] => [
        { role: 'player', text: `Line ${i + 1}.`, turn: i + 1 },
        { role: 'narrator', text: `Reply ${i + 1}.`, turn: i + 1 },
      ]).flat(),
      { role: 'player', text: 'Now.', turn: turns + 1 },
    ];
    const view = (history: StoryMessage[]) =>
      criticContext({ pack, persona: pack.player, plan: {} as Plan, playerInput: 'Now.', history, facts: [], turn: 1 }).recentReplies;
    expect(view(at(0))).toEqual(['Opening.']);
    expect(view(at(2))).toEqual(['Opening.', 'Reply 1.', 'Reply 2.']);
    expect(view(at(300))).toEqual(['Reply 297.', 'Reply 298.', 'Reply 299.', 'Reply 300.']);
    expect(view([])).toEqual([]);
  });
});
