import { describe, expect, it } from 'vitest';
import { renderComparison } from '../../src/eval/compare.js';
import { renderTable } from '../../src/eval/format/table.js';
import { recordTurn } from '../../src/eval/record.js';
import { planForVariant } from '../../src/engine/carousel/index.js';
import { renderHtml } from '../../src/eval/report/html.js';
import { summarize } from '../../src/eval/summary.js';
import { sharedCounter } from '../../src/engine/tokens.js';
import type { CriticResult, Turn } from '../../src/engine/types.js';
import { collect, newSession } from '../engine/session/helpers.js';
import { offlineConfig, offlineRun, viaJson } from './helpers.js';

const HINT: CriticResult = {
  id: 'ignores-user',
  flagged: false,
  hint: true,
  confidence: 0.5,
  score: 1,
  evidence: [{ start: 0, end: 3, text: 'The', why: 'may not take up the question' }],
};

/** A real offline turn whose candidates carry the given ignores-user results, in order. */
async function turnWith(results: CriticResult[]): Promise<Turn> {
  const { session } = await newSession();
  await collect(session.play({ text: 'I ask Wren why the wheel stopped.' }));
  const turn = session.turns()[0];
  const candidates = turn.candidates.map((c, i) => ({
    ...c,
    critics: c.critics.map((r) => (r.id === 'ignores-user' ? (results[i] ?? r) : r)),
  }));
  return { ...turn, candidates };
}

describe('eval counts hints apart from flags', () => {
  it("records the chosen reply's hint and the hint rate across candidates, never as a flag", async () => {
    const clean: CriticResult = { id: 'ignores-user', flagged: false, score: 1, evidence: [] };
    const turn = await turnWith([HINT, clean, { ...HINT }]);
    expect(turn.candidates).toHaveLength(3);
    const record = recordTurn(
      { ...turn, chosen: 0 },
      { style: 'slow', counter: sharedCounter(), attempts: 1, timing: { turnMs: 1, ttftMs: null, playerMs: 0, judgeMs: null } },
    );
    expect(record.critics['ignores-user']).toEqual({ flagged: false, score: 1, rate: 0, hint: true, hintRate: 0.667 });
    // A critic that gave no hint records none (the JSON stays as it was).
    expect(record.critics.filler).toEqual({ flagged: false, score: expect.any(Number), rate: expect.any(Number) });
  });

  it("judges the kept reply's length against its own variant's target, as its length critic did", async () => {
    const turn = await turnWith([]);
    const extras = {
      style: 'slow' as const,
      counter: sharedCounter(),
      attempts: 1,
      timing: { turnMs: 1, ttftMs: null, playerMs: 0, judgeMs: null },
    };
    const gentler = turn.candidates.findIndex((c) => c.variant.label === 'gentler');
    expect(gentler).toBeGreaterThan(0);
    const own = planForVariant(turn.plan, turn.candidates[gentler].variant).targetLength;
    expect(own).not.toEqual(turn.plan.targetLength);
    expect(recordTurn({ ...turn, chosen: gentler }, extras).length.target).toEqual(own);
    expect(recordTurn({ ...turn, chosen: 0 }, extras).length.target).toEqual(turn.plan.targetLength);
  });

  it('summarises a hint rate per critic beside the flag rate, and every report shows it', async () => {
    const run = viaJson(await offlineRun(offlineConfig({ players: ['slow'], turns: 4 })));
    const hinted = viaJson(run);
    const turns = hinted.episodes[0].turns;
    turns[0].critics['ignores-user'] = { flagged: false, score: 1, rate: 0, hint: true, hintRate: 1 };
    turns[2].critics['ignores-user'] = { flagged: false, score: 1, rate: 0, hint: true, hintRate: 0.5 };
    hinted.summary = summarize(hinted.episodes);
    expect(hinted.summary.hintRates?.['ignores-user']).toBe(0.5);
    expect(hinted.summary.rates['ignores-user']).toBe(run.summary.rates['ignores-user']);

    const row = renderTable(hinted).find((l) => l.startsWith('ignores-user'))!;
    // critic, flag rate, hint rate, then the windows.
    expect(row.split(/\s{2,}/).slice(0, 3)).toEqual(['ignores-user', expect.stringMatching(/%$/), '50.0%']);
    expect(renderHtml(hinted)).toMatch(/<tr><td>ignores-user<\/td><td>[\d.]+%<\/td><td class="muted">50\.0%<\/td>/);
    const compared = renderComparison(run, hinted, ['a.json', 'b.json']);
    expect(compared.find((l) => l.startsWith('critic'))).toMatch(/A\s+hints\s+B\s+hints\s+B vs A/);
    expect(
      compared
        .find((l) => l.startsWith('ignores-user'))!
        .split(/\s{2,}/)
        .slice(1, 5),
    ).toEqual([expect.any(String), '0.0%', expect.any(String), '50.0%']);
  });

  it('reads a file written before hints existed (no hintRates) without failing', async () => {
    const old = viaJson(await offlineRun(offlineConfig({ players: ['slow'], turns: 2 })));
    delete old.summary.hintRates;
    expect(renderTable(old).find((l) => l.startsWith('filler'))).toContain('—');
    expect(() => renderComparison(old, old, ['a', 'b'])).not.toThrow();
  });
});
