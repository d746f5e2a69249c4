import { describe, expect, it } from 'vitest';
import { createOfflineNarrator } from '../../../src/providers/offline/index.js';
import { sharedCounter, TokenCounter } from '../../../src/engine/tokens.js';
import type { GenerateRequest } from '../../../src/engine/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { contextFor, planFor, requestFor } from './support.js';

function request(turn: number): GenerateRequest {
  const plan = planFor('escalate', 'steady');
  const messages = [
    { role: 'system' as const, content: `You narrate the mill. Summary so far: turn ${turn}, ${'the wheel turns. '.repeat(40)}` },
    { role: 'user' as const, content: 'Why did the wheel stop?' },
  ];
  return {
    candidates: [0, 1, 2].map(() => ({ ...requestFor(plan), messages })),
    stop: [],
    context: contextFor(miniPack(), { playerInput: 'Why did the wheel stop?', seed: turn }),
  };
}

describe("the offline narrator's usage", () => {
  it('counts the prompt, system prompt included, without keeping each turn’s system prompt in the shared cache', async () => {
    const before = sharedCounter().size;
    const fresh = new TokenCounter();
    for (let turn = 1; turn <= 30; turn++) {
      const req = request(turn);
      const usage: number[] = [];
      for await (const e of createOfflineNarrator({ seed: turn }).generate(req)) if (e.type === 'usage') usage.push(e.usage.promptTokens);
      const expected = req.candidates[0].messages.reduce((sum, m) => sum + fresh.count(m.content) + 4, 0);
      expect(usage).toEqual([expected, expected, expected]);
    }
    // What stays cached: each turn's three replies (their length is counted again by the critics) and the one player message.
    expect(sharedCounter().size - before).toBeLessThanOrEqual(30 * 3 + 1);
  });
});
