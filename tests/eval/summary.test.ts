import { describe, expect, it } from 'vitest';
import { CRITIC_IDS, type Beat } from '../../src/engine/types.js';
import { summarize, quantile, windowLabel } from '../../src/eval/summary.js';
import { sparkLegend, sparkline } from '../../src/eval/format/sparkline.js';
import { wilsonInterval } from '../../src/eval/wilson.js';
import type { Episode, EvalTurn, PlayerStyle } from '../../src/eval/types.js';

function turn(
  n: number,
  o: { flags?: string[]; tokens?: number; estimate?: number; truth?: [number, number] | null; prompt?: number; judge?: number } = {},
): EvalTurn {
  const truth = o.truth === undefined ? null : o.truth;
  const estimate = o.estimate ?? 0;
  return {
    turn: n,
    input: 'x',
    reply: 'y',
    chosen: 0,
    candidates: 2,
    critics: Object.fromEntries(
      CRITIC_IDS.map((id) => [
        id,
        { flagged: o.flags?.includes(id) ?? false, score: o.flags?.includes(id) ? 0.4 : 1, rate: o.flags?.includes(id) ? 0.5 : 0 },
      ]),
    ),
    ...(o.judge !== undefined ? { judge: { flagged: o.judge < 0.5, score: o.judge } } : {}),
    length: { tokens: o.tokens ?? 100, target: [80, 200], within: (o.tokens ?? 100) >= 80 && (o.tokens ?? 100) <= 200 },
    promptTokens: o.prompt ?? 1000 + n * 10,
    pacing: { estimate, confidence: 0.5, truth, tracked: truth ? estimate >= truth[0] && estimate <= truth[1] : null },
    beat: 'escalate',
    cadence: 'steady',
    attempts: 1,
    timing: { turnMs: 1, ttftMs: null, playerMs: 0, judgeMs: null },
  };
}

function episode(player: PlayerStyle, turns: EvalTurn[]): Episode {
  return { world: 'w', player, seed: 1, status: 'done', turns, failures: [], log: [] };
}

describe('summary', () => {
  it("gives each critic's rate overall and per window (1-10, 11-20, 21-40, 41-80, ...)", () => {
    // Repetition is clean for 20 turns, then flagged on every turn: the fall-off must show.
    const turns = Array.from({ length: 45 }, (_, i) => turn(i + 1, { flags: i >= 20 ? ['repetition'] : i === 0 ? ['no-hook'] : [] }));
    const s = summarize([episode('terse', turns)]);
    expect(Object.keys(s.rates).sort()).toEqual([...CRITIC_IDS].sort());
    expect(s.rates.repetition).toBeCloseTo(25 / 45, 3);
    expect(s.windows.map((w) => [w.from, w.to, w.turns])).toEqual([
      [1, 10, 10],
      [11, 20, 10],
      [21, 40, 20],
      [41, 80, 5],
    ]);
    expect(s.windows.map((w) => w.rates.repetition)).toEqual([0, 0, 1, 1]);
    expect(s.repetition.map((r) => r.rate)).toEqual([0, 0, 1, 1]);
    expect(s.candidateRates.repetition).toBeCloseTo((25 * 0.5) / 45, 3);
    expect(s.hookRate).toBeCloseTo(1 - 1 / 45, 3);
    expect(s.windows[0].rates['no-hook']).toBe(0.1);
  });

  it('keeps the late story apart: a fall-off after turn eighty is not averaged into turns 41-80', () => {
    const turns = Array.from({ length: 120 }, (_, i) => turn(i + 1, { flags: i >= 80 ? ['repetition'] : [] }));
    const s = summarize([episode('slow', turns)]);
    expect(s.windows.map(windowLabel)).toEqual(['1-10', '11-20', '21-40', '41-80', '81-120']);
    expect(s.windows.map((w) => w.rates.repetition)).toEqual([0, 0, 0, 0, 1]);
  });

  it('counts the sentences a reply tells word for word from any earlier reply, however long ago', () => {
    const said = [
      'The wheel turns slowly in the dark water.',
      'A dog barks twice and thinks better of it.',
      'The lamp gutters and the shadows lean long.',
    ];
    // From turn 11 each reply tells one new sentence and one of three said before (from turn 14 on, every one told).
    const turns = Array.from({ length: 30 }, (_, i) => ({
      ...turn(i + 1),
      reply: `Nothing here has a name number ${i + 1} yet. ${i >= 10 ? said[i % 3] : said[i % 3].replace('.', ` at hour ${i}.`)}`,
    }));
    const s = summarize([episode('slow', turns)]);
    expect(s.recycled?.map(windowLabel)).toEqual(['1-10', '11-20', '21-30']);
    expect(s.recycled?.map((r) => r.rate)).toEqual([0, 0.35, 0.5]);
  });

  it('a run that ends inside a window keeps the window and labels it with the turns it has (21-30)', () => {
    const s = summarize([
      episode(
        'slow',
        Array.from({ length: 30 }, (_, i) => turn(i + 1)),
      ),
    ]);
    expect(s.windows.map((w) => [w.from, w.to, w.last, w.turns])).toEqual([
      [1, 10, 10, 10],
      [11, 20, 20, 10],
      [21, 40, 30, 10],
    ]);
    expect(s.windows.map(windowLabel)).toEqual(['1-10', '11-20', '21-30']);
    expect(s.repetition.map(windowLabel)).toEqual(['1-10', '11-20', '21-30']);
    expect(windowLabel({ from: 161, to: null, last: 170 })).toBe('161+');
  });

  it('measures length against the target, pacing accuracy against the true style, and prompt growth', () => {
    const slow = episode('slow', [
      turn(1, { estimate: -0.5, truth: [-1, -0.2], tokens: 50 }),
      turn(2, { estimate: 0.1, truth: [-1, -0.2], tokens: 150 }),
      turn(3, { estimate: -0.3, truth: [-1, -0.2], tokens: 300 }),
    ]);
    const fast = episode(
      'fast',
      Array.from({ length: 12 }, (_, i) =>
        turn(i + 1, { estimate: 0.5, truth: [0.2, 1], prompt: i === 9 ? 2000 : i === 11 ? 3000 : 1500 }),
      ),
    );
    const s = summarize([slow, fast]);
    expect(s.pacing.turns).toBe(15);
    expect(s.pacing.accuracy).toBeCloseTo(14 / 15, 3);
    expect(s.pacing.byStyle.slow).toMatchObject({ turns: 3, accuracy: 0.667 });
    expect(s.pacing.byStyle.fast).toMatchObject({ turns: 12, accuracy: 1 });
    expect(s.length.below).toBeCloseTo(1 / 15, 3);
    expect(s.length.above).toBeCloseTo(1 / 15, 3);
    expect(s.length.within).toBeCloseTo(13 / 15, 3);
    // Only the fast episode reached turn 10 (2000 tokens); the last turns are 3 (1030) and 12 (3000).
    expect(s.promptGrowth.at10).toBe(2000);
    expect(s.promptGrowth.last).toBe((1030 + 3000) / 2);
    expect(s.promptGrowth.lastTurn).toBe(12);
    expect(s.promptGrowth.ratio).toBeCloseTo(2015 / 2000, 3);
    expect(summarize([slow]).promptGrowth).toMatchObject({ at10: null, last: 1030, lastTurn: 3, ratio: null });
    const none = summarize([episode('terse', [turn(1)])]);
    expect(none.pacing.accuracy).toBeNull();
    expect(none.judge).toBeNull();
  });

  it('summarises the judge and counts failures', () => {
    const e = episode('fast', [turn(1, { judge: 0.9 }), turn(2, { judge: 0.1 })]);
    e.failures.push({ turn: 3, attempt: 1, input: 'x', error: 'boom', kind: 'server' });
    const s = summarize([e, { ...episode('slow', []), status: 'failed' }]);
    expect(s.judge).toEqual({ mean: 0.5, rate: 0.5, turns: 2, errors: 0 });
    expect(s.failedTurns).toBe(1);
    expect(s.failedEpisodes).toBe(1);
  });

  it("gives each player's beat shares and the rising beats before each fall", () => {
    const beats = (player: PlayerStyle, seq: Beat[]): Episode =>
      episode(
        player,
        seq.map((beat, i) => ({ ...turn(i + 1), beat })),
      );
    const s = summarize([
      beats('fast', ['escalate', 'complicate', 'escalate', 'resolve', 'reveal', 'escalate', 'complicate', 'resolve']),
      beats('slow', ['deepen', 'breathe', 'reveal', 'breathe']),
    ]);
    expect(s.byPlayer.fast.beats).toEqual({ escalate: 0.375, complicate: 0.25, reveal: 0.125, resolve: 0.25 });
    expect(s.byPlayer.fast.build).toBe(3);
    expect(s.byPlayer.slow.build).toBe(0.5);
    expect(summarize([beats('terse', ['complicate', 'reveal'])]).byPlayer.terse.build).toBeNull();
  });

  it('draws a share with the same block whatever else is in the row, so two runs compare by eye', () => {
    // One flagged turn in ninety, in a window of ten, drew a full bar when the row was scaled to its maximum.
    expect(sparkline([0, 0, 0.1, 0, 0])).toBe('▁▁▅▁▁');
    expect(sparkline([0.05, 0.5])[0]).toBe(sparkline([0.05, 0.06])[0]);
    expect(sparkline([0.011])).not.toBe(sparkline([0.9]));
    expect(sparkLegend()).toBe('trend: one block per window, on a fixed scale: ▁ 0, ▂ <2%, ▃ <5%, ▄ <10%, ▅ <20%, ▆ <40%, ▇ <70%, █ 70%+');
  });

  it('quantiles, sparklines and the Wilson interval', () => {
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(sparkline([0, 0.5, 1])).toBe('▁▇█');
    expect(sparkline([0, 0, 0])).toBe('▁▁▁');
    expect(sparkline([0.01, 0.02, 0.08, 0.15, 0.3, 0.69, 0.7])).toBe('▂▃▄▅▆▇█');
    const [lo, hi] = wilsonInterval(8, 10);
    expect(lo).toBeCloseTo(0.4902, 3);
    expect(hi).toBeCloseTo(0.9433, 3);
    expect(wilsonInterval(0, 5)[0]).toBe(0);
    expect(wilsonInterval(5, 5)[1]).toBe(1);
  });
});
