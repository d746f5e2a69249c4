import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../src/providers/offline/compose.js';
import type { Beat, StoryMessage } from '../../../src/engine/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { contextFor, planFor, requestFor } from './support.js';
import { zhPack } from './zh-pack.js';

describe("the planner's goal move is told", () => {
  it('whatever the beat, the reply says what the acting character in the scene wants', () => {
    const pack = miniPack({
      characters: miniPack().characters.map((c) => (c.id === 'wren' ? { ...c, goals: ['buy every sack of grain in the valley'] } : c)),
    });
    for (const beat of ['complicate', 'reveal', 'resolve', 'breathe'] as Beat[]) {
      for (let seed = 0; seed < 6; seed++) {
        const plan = planFor(beat, 'steady', {
          actors: ['wren', 'ilsa'],
          goal: { actor: 'wren', goal: 'buy every sack of grain in the valley' },
        });
        const reply = composeReply(contextFor(pack, { playerInput: 'ok', seed }), requestFor(plan), seed % 3);
        const goal = reply.parts.find((p) => p.kind === 'goal');
        expect(goal?.text, `${beat} seed ${seed}: ${reply.text}`).toContain('buy every sack of grain in the valley');
        expect(goal?.text).toContain('Wren');
      }
    }
  });

  it('in Chinese too, and a goal kept from the player stays untold', () => {
    const zh = zhPack();
    const actor = zh.characters[0];
    const plan = planFor('complicate', 'steady', { actors: [actor.id], goal: { actor: actor.id, goal: '把客栈重新开起来' } });
    const reply = composeReply(contextFor(zh, { playerInput: '嗯', seed: 3 }), requestFor(plan), 0);
    expect(reply.parts.find((p) => p.kind === 'goal')?.text).toContain('把客栈重新开起来');
    const hidden = planFor('complicate', 'steady', {
      actors: ['wren'],
      goal: { actor: 'wren', goal: 'pay Ilsa forty crowns without Tamsin finding out' },
    });
    const pack = miniPack({ characters: miniPack().characters.map((c) => (c.id === 'wren' ? { ...c, goals: [hidden.goal!.goal] } : c)) });
    const text = composeReply(contextFor(pack, { playerInput: 'ok', seed: 1 }), requestFor(hidden), 0).text;
    expect(text).not.toContain('forty crowns');
  });
});

describe('a goal move told in every wording', () => {
  it('is not told again word for word: the reply goes without it', () => {
    const pack = miniPack({
      characters: miniPack().characters.map((c) => (c.id === 'wren' ? { ...c, goals: ['buy every sack of grain in the valley'] } : c)),
    });
    const plan = planFor('complicate', 'steady', {
      actors: ['wren', 'ilsa'],
      goal: { actor: 'wren', goal: 'buy every sack of grain in the valley' },
    });
    const history: StoryMessage[] = [{ role: 'narrator', text: pack.openings[0].text, turn: 0 }];
    const told: string[] = [];
    for (let turn = 1; turn <= 60; turn++) {
      history.push({ role: 'player', text: 'ok', turn });
      const reply = composeReply(contextFor(pack, { playerInput: 'ok', seed: 4, turn, history: [...history] }), requestFor(plan), 0);
      history.push({ role: 'narrator', text: reply.text, turn });
      const goal = reply.parts.find((p) => p.kind === 'goal');
      if (goal) told.push(goal.text);
    }
    // Six wordings (three spoken, three narrated), kept apart by the repetition guard: each told once, then no more.
    expect(told.length).toBeGreaterThan(2);
    expect(new Set(told).size, told.join('\n')).toBe(told.length);
  });
});
