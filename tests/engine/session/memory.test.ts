import { describe, expect, it } from 'vitest';
import { collect, newSession } from './helpers.js';

const moves = [
  'I walk to the sluice gate and look down at the black water.',
  'I ask Wren what he heard the night the wheel stopped.',
  'I light a second lamp and climb the stairs to the loft.',
  "I search the miller's desk for letters.",
  'I read the letter aloud to Wren.',
  'I tell Wren we should go to Ilsa in the morning.',
];

describe('memory across a long session', () => {
  it('keeps a fact from turn 1 and summarises what scrolls out, while the prompt stops growing', async () => {
    const { session, deps } = await newSession({ candidates: 1, budget: 4096 });
    await collect(session.play({ text: 'I promise you I will find her, Wren.' }));
    const promise = session.memory().facts.find((f) => f.kind === 'promise');
    expect(promise?.turn).toBe(1);
    const sizes: number[] = [];
    for (let i = 0; i < 30; i++) {
      await collect(session.play({ text: moves[i % moves.length] }));
      sizes.push(session.turns().at(-1)!.prompt.tokens);
    }
    const memory = session.memory();
    expect(memory.facts.map((f) => f.id)).toContain(promise!.id);
    expect(memory.summary.length).toBeGreaterThan(0);
    expect(memory.summaryThrough).toBeGreaterThan(5);
    expect(sizes.at(-1)!).toBeLessThanOrEqual(Math.max(...sizes.slice(5, 10)) * 1.5);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(deps.budget!);
  });

  it('facts follow the branch: undoing the turn that stated one drops it', async () => {
    const { session } = await newSession({ candidates: 1 });
    await collect(session.play({ text: 'Hello.' }));
    await collect(session.play({ text: 'I promise I will stay until the wheel turns.' }));
    expect(session.memory().facts.some((f) => f.kind === 'promise')).toBe(true);
    await session.undo();
    expect(session.memory().facts.some((f) => f.kind === 'promise')).toBe(false);
  });
});
