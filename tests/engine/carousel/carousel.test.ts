import { describe, expect, it } from 'vitest';
import { planForVariant, rankCandidates, variantsFor } from '../../../src/engine/carousel/index.js';
import { variantTempo } from '../../../src/engine/pacing/tempo.js';
import { neutralPlan, planTurn } from '../../../src/engine/planner/index.js';
import { seededRandom } from '../../../src/engine/random.js';
import type { Candidate, CriticResult, Plan } from '../../../src/engine/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { pacing } from '../planner/helpers.js';

function plan(score: number, input = 'I follow Wren to the wheel.', pack = miniPack()): Plan {
  return planTurn({
    pack,
    turn: 1,
    playerInput: input,
    pacing: pacing(score),
    previousPlans: [],
    recentCritics: [],
    history: [],
    random: seededRandom(1),
  });
}

function candidate(id: string, score: number, flagged = 0, extra: Partial<Candidate> = {}): Candidate {
  const critics: CriticResult[] = Array.from({ length: 3 }, (_, i) => ({ id: 'repetition', flagged: i < flagged, score: 1, evidence: [] }));
  return {
    id,
    text: `text ${id}`,
    variant: { beat: 'reveal', cadence: 'steady', label: 'planned' },
    critics,
    score,
    repairs: [],
    incomplete: false,
    timing: { ttftMs: 10, totalMs: 100, tokensPerSecond: 20 },
    retries: 0,
    ...extra,
  };
}

describe('carousel variants', () => {
  it('candidate 0 is the plan, then a gentler and a bolder cadence', () => {
    for (const p of [plan(0), plan(0.9, 'Kick the door in!'), plan(-0.9, 'I sit quietly by the river and remember.')]) {
      const [planned, gentler, bolder] = variantsFor(p, 3, seededRandom(1));
      expect(planned).toEqual({ beat: p.beat, cadence: p.cadence, label: 'planned' });
      expect(gentler.label).toBe('gentler');
      expect(bolder.label).toBe('bolder');
      expect(variantTempo(gentler)).toBeLessThan(variantTempo(bolder));
      expect(new Set([planned, gentler, bolder].map((v) => `${v.beat}/${v.cadence}`)).size).toBe(3);
      // At the extremes there is nothing further out: the variant steps sideways instead.
      if (!(p.beat === 'breathe' && p.cadence === 'gentle')) expect(variantTempo(gentler)).toBeLessThan(variantTempo(planned));
      if (!(p.beat === 'escalate' && p.cadence === 'bold')) expect(variantTempo(bolder)).toBeGreaterThan(variantTempo(planned));
    }
    const steady = variantsFor(plan(0), 3, seededRandom(1));
    expect(steady.map((v) => v.cadence)).toEqual(['steady', 'gentle', 'bold']);
  });

  it('more than three are all different, deterministic, and N is a prefix of N + 1 (regenerate adds one)', () => {
    const p = plan(0.4);
    const six = variantsFor(p, 6, seededRandom(1));
    expect(variantsFor(p, 6, seededRandom(99))).toEqual(six);
    expect(new Set(six.map((v) => `${v.beat}/${v.cadence}`)).size).toBe(6);
    expect(new Set(six.map((v) => v.label)).size).toBe(6);
    expect(variantsFor(p, 4, seededRandom(2))).toEqual(six.slice(0, 4));
    expect(variantsFor(p, 1, seededRandom(2))).toEqual(six.slice(0, 1));
    expect(variantsFor(p, 30, seededRandom(2))).toHaveLength(30);
  });

  it('planForVariant rewrites the directive and length for the cadence', () => {
    const p = plan(0);
    const [planned, gentler, bolder] = variantsFor(p, 3, seededRandom(1));
    expect(planForVariant(p, planned)).toEqual(p);
    const gentle = planForVariant(p, gentler);
    const bold = planForVariant(p, bolder);
    expect(gentle.cadence).toBe('gentle');
    expect(gentle.directive).toMatch(/Cadence: gentle/);
    expect(bold.directive).toMatch(/Cadence: bold/);
    expect(gentle.directive).not.toBe(p.directive);
    expect(gentle.directive.split('\n').length).toBe(p.directive.split('\n').length);
    expect(gentle.targetLength[1]).toBeGreaterThan(p.targetLength[1]);
    expect(bold.targetLength[1]).toBeLessThan(p.targetLength[1]);
    expect(bold.actors).toEqual(p.actors);
    const otherBeat = planForVariant(p, { beat: 'breathe', cadence: p.cadence, label: 'x' });
    expect(otherBeat.directive).toMatch(/Beat: breathe/);
    expect(otherBeat.tension).toBeLessThan(p.tension);
  });

  it('varies a Chinese directive in Chinese and the neutral plan too', () => {
    const zh = plan(0, '我看着他。', miniPack({ language: 'zh' }));
    const gentle = planForVariant(zh, variantsFor(zh, 2, seededRandom(1))[1]);
    expect(gentle.directive).toMatch(/节奏：舒缓/);
    const neutral = neutralPlan(miniPack(), 1);
    const bold = planForVariant(neutral, variantsFor(neutral, 3, seededRandom(1))[2]);
    expect(bold.directive).toMatch(/^Cadence: bold.*\ncontinue the scene$/s);
  });
});

describe('ranking', () => {
  it('orders by score, then fewer flagged critics, then original order; failed candidates last', () => {
    const failed = candidate('failed', 0.99, 0, {
      text: '',
      error: { kind: 'server', message: 'The server failed; try again.', retryable: true },
    });
    const a = candidate('a', 0.7, 2);
    const b = candidate('b', 0.9, 1);
    const c = candidate('c', 0.7, 0);
    const d = candidate('d', 0.7, 0);
    const ranked = rankCandidates([failed, a, b, c, d]);
    expect(ranked.map((x) => x.id)).toEqual(['b', 'c', 'd', 'a', 'failed']);
    // The input is not reordered in place.
    expect(rankCandidates([d, c]).map((x) => x.id)).toEqual(['d', 'c']);
    // An error with some text (a cut-off reply) is ranked on its score.
    const partial = candidate('partial', 0.95, 0, { error: { kind: 'timeout', message: 'Timed out; try again.', retryable: true } });
    expect(rankCandidates([a, partial])[0].id).toBe('partial');
  });
});
