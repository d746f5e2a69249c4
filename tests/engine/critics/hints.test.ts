import { describe, expect, it } from 'vitest';
import { rankCandidates } from '../../../src/engine/carousel/index.js';
import { aggregateScore, settle, SURE_CONFIDENCE } from '../../../src/engine/critics/index.js';
import { resultFrom } from '../../../src/engine/critics/text.js';
import { detectStagnation } from '../../../src/engine/planner/stagnation.js';
import type { Candidate, CriticResult } from '../../../src/engine/types.js';

const EVIDENCE = [{ start: 0, end: 4, text: 'Wren', why: 'may not take up the question' }];

function candidate(id: string, critics: CriticResult[]): Candidate {
  return {
    id,
    text: `text ${id}`,
    variant: { beat: 'reveal', cadence: 'steady', label: 'planned' },
    critics,
    score: aggregateScore(critics),
    repairs: [],
    incomplete: false,
    timing: { ttftMs: 10, totalMs: 100, tokensPerSecond: 20 },
    retries: 0,
  };
}

const clean = (id: CriticResult['id']): CriticResult => ({ id, flagged: false, score: 1, evidence: [] });

describe('a finding the critic is not sure of is a hint, never a verdict', () => {
  it('settles below SURE_CONFIDENCE as a hint that keeps its evidence and confidence; at or above it stays a flag', () => {
    const unsure = settle(resultFrom('ignores-user', EVIDENCE, 0.8, SURE_CONFIDENCE - 0.2));
    expect(unsure).toEqual({ id: 'ignores-user', flagged: false, hint: true, score: 1, confidence: 0.55, evidence: EVIDENCE });
    const sure = settle(resultFrom('ignores-user', EVIDENCE, 0.8, SURE_CONFIDENCE));
    expect(sure).toMatchObject({ flagged: true, confidence: 0.75 });
    expect(sure.score).toBeLessThan(1);
    expect(sure.hint).toBeUndefined();
    // No confidence given means sure: the critics not yet calibrated keep flagging as before.
    expect(settle(resultFrom('ignores-user', EVIDENCE, 0.8))).toMatchObject({ flagged: true });
  });

  it('moves neither the score nor the ranking', () => {
    const hint = settle(resultFrom('speaks-for-user', EVIDENCE, 0.4, 0.5));
    const hinted = candidate('hinted', [hint, clean('filler')]);
    const plain = candidate('plain', [clean('speaks-for-user'), clean('filler')]);
    expect(hinted.score).toBe(plain.score);
    // Equal scores and no flags: original order decides, whichever carries the hint.
    expect(rankCandidates([hinted, plain]).map((c) => c.id)).toEqual(['hinted', 'plain']);
    expect(rankCandidates([plain, hinted]).map((c) => c.id)).toEqual(['plain', 'hinted']);
    const flagged = candidate('flagged', [settle(resultFrom('speaks-for-user', EVIDENCE, 0.4, 0.9)), clean('filler')]);
    expect(rankCandidates([flagged, hinted]).map((c) => c.id)).toEqual(['hinted', 'flagged']);
  });

  it("does not drive the planner's stall signal", () => {
    const base = { playerInput: 'I look around.', history: [], turn: 3, previousPlans: [] };
    const stagnantHint = settle(resultFrom('stagnation', EVIDENCE, 0.5, 0.4));
    expect(detectStagnation({ ...base, recentCritics: [[stagnantHint]] }).stalled).toBe(false);
    expect(detectStagnation({ ...base, recentCritics: [[settle(resultFrom('stagnation', EVIDENCE, 0.5, 0.9))]] }).stalled).toBe(true);
  });
});
