import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../src/providers/offline/compose.js';
import { isGentlePack } from '../../../src/providers/offline/material.js';
import { en } from '../../../src/providers/offline/templates/en.js';
import { zh } from '../../../src/providers/offline/templates/zh.js';
import type { Templates } from '../../../src/providers/offline/templates/types.js';
import { resolveWorld } from '../../../src/world/discover.js';
import type { WorldPack } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { zhPack } from './zh-pack.js';
import { contextFor, planFor, requestFor } from './support.js';

/** Every line a template kind can give in this pack (each character's name in its slots). */
function lines(pack: WorldPack, t: Templates, kind: 'event' | 'stakes' | 'quietEvent' | 'quietStakes'): string[] {
  return pack.characters.flatMap((c) => t[kind]({ name: c.name, other: c.name, topic: '' }));
}

/** The escalating and complicating replies of many turns, bold and steady. */
function heatedReplies(pack: WorldPack): string {
  const out: string[] = [];
  for (let seed = 0; seed < 20; seed++) {
    for (const [beat, cadence] of [
      ['escalate', 'bold'],
      ['complicate', 'bold'],
      ['escalate', 'steady'],
    ] as const) {
      const ctx = contextFor(pack, { playerInput: 'I run down to the docks.', seed, turn: 3 + (seed % 5) });
      for (const i of [0, 1, 2]) out.push(composeReply(ctx, requestFor(planFor(beat, cadence)), i).text);
    }
  }
  return out.join('\n');
}

describe('offline narrator: the tone of the pack', () => {
  it('reads a gentle telling from the tags, in English and Chinese', async () => {
    expect(isGentlePack((await resolveWorld('harbor-lights')).pack)).toBe(true);
    expect(isGentlePack((await resolveWorld('glass-orchard')).pack)).toBe(false);
    expect(isGentlePack((await resolveWorld('ember-crown')).pack)).toBe(false);
    expect(isGentlePack({ ...miniPack(), tags: ['Slice of Life'] })).toBe(true);
    expect(isGentlePack({ ...miniPack(), tags: ['日常'] })).toBe(true);
  });

  it('escalates a gentle story by an interruption, never an alarm; a dramatic one keeps its alarms', async () => {
    const gentle = (await resolveWorld('harbor-lights')).pack;
    const text = heatedReplies(gentle);
    for (const line of [...lines(gentle, en, 'event'), ...lines(gentle, en, 'stakes')]) expect(text).not.toContain(line);
    expect(lines(gentle, en, 'quietEvent').some((line) => text.includes(line))).toBe(true);
    expect(lines(gentle, en, 'quietStakes').some((line) => text.includes(line))).toBe(true);

    const dramatic = (await resolveWorld('ember-crown')).pack;
    const loud = heatedReplies(dramatic);
    expect(lines(dramatic, en, 'event').some((line) => loud.includes(line))).toBe(true);
    for (const line of lines(dramatic, en, 'quietEvent')) expect(loud).not.toContain(line);
  });

  it('does the same in Chinese', () => {
    const gentle: WorldPack = { ...zhPack(), tags: ['日常', '治愈'] };
    const text = heatedReplies(gentle);
    for (const line of [...lines(gentle, zh, 'event'), ...lines(gentle, zh, 'stakes')]) expect(text).not.toContain(line);
    expect(lines(gentle, zh, 'quietEvent').some((line) => text.includes(line))).toBe(true);
  });
});
