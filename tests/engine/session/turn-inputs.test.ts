import { describe, expect, it } from 'vitest';
import type { CandidateRequest } from '../../../src/engine/types.js';
import { CONTINUE_INSTRUCTION } from '../../../src/engine/revise/continue-prompt.js';
import { collect, newSession } from './helpers.js';
import { scriptedProvider } from './scripted-provider.js';

const sameVariant = (a: CandidateRequest, b: CandidateRequest) =>
  a.variant.beat === b.variant.beat && a.variant.cadence === b.variant.cadence;

describe('another reply at a turn is written from the inputs the turn had', () => {
  it("a regenerate's prompt is the original turn's prompt for the same variant; a continuation extends the kept reply's prompt", async () => {
    const provider = scriptedProvider();
    // Every beat and cadence among the turn's own candidates, so each regenerate repeats one of them.
    const { session } = await newSession({ provider, candidates: 18 });
    // Settings and memory the prompt carries, so a regenerate that rebuilt them differently would show.
    await session.setAuthorsNote({ text: 'NOTE: the rain never stops.', depth: 2, every: 1 });
    await collect(session.play({ text: 'I ask Wren about the mill; my name is Tamsin.' }));
    await session.remember('The mill wheel has not turned since the flood.');
    await collect(session.play({ text: 'I follow Wren down to the river.' }));
    const original = provider.requests[1].candidates;
    expect(original.length).toBe(18);

    const regenerated: CandidateRequest[] = [];
    for (let i = 0; i < 2; i++) {
      const from = provider.requests.length;
      const events = await collect(session.regenerate());
      expect(events.some((e) => e.type === 'turn-done')).toBe(true);
      regenerated.push(...provider.requests.slice(from).flatMap((r) => r.candidates));
    }
    const matched = regenerated.flatMap((r) => original.filter((o) => sameVariant(o, r)).map((o) => [o, r] as const));
    expect(regenerated).toHaveLength(2);
    expect(matched).toHaveLength(2);
    for (const [first, again] of matched) expect(again.messages).toEqual(first.messages);
    expect(JSON.stringify(original[0].messages)).toContain('NOTE: the rain never stops.');
    expect(JSON.stringify(original[0].messages)).toContain('The mill wheel has not turned since the flood.');

    // The kept reply's own prompt, then the reply so far and the instruction to go on.
    const turn = session.turns()[1];
    const kept = turn.candidates[turn.chosen];
    const keptRequest = [...original, ...regenerated].find((r) => sameVariant(r, { variant: kept.variant } as CandidateRequest));
    const from = provider.requests.length;
    await collect(session.continueReply());
    const [continuation] = provider.requests.slice(from).flatMap((r) => r.candidates);
    expect(continuation.messages.slice(0, -2)).toEqual(keptRequest?.messages);
    expect(continuation.messages.at(-1)).toEqual({ role: 'system', content: CONTINUE_INSTRUCTION });
  });
});
