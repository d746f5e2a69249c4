import { describe, expect, it } from 'vitest';
import { planForVariant } from '../../src/engine/carousel/index.js';
import { sharedCounter } from '../../src/engine/tokens.js';
import type { Turn } from '../../src/engine/types.js';
import { stallReason } from '../../src/eval/players/director.js';
import { recordTurn } from '../../src/eval/record.js';
import { renderHtml } from '../../src/eval/report/html.js';
import { summarize } from '../../src/eval/summary.js';
import { collect, newSession } from '../engine/session/helpers.js';
import { offlineConfig, offlineRun, viaJson } from './helpers.js';

const extras = {
  style: 'slow' as const,
  counter: sharedCounter(),
  attempts: 1,
  timing: { turnMs: 1, ttftMs: null, playerMs: 0, judgeMs: null },
};

async function offlineTurn(): Promise<Turn> {
  const { session } = await newSession();
  await collect(session.play({ text: 'I ask Wren why the wheel stopped.' }));
  return session.turns()[0];
}

describe('the eval records the beat of the reply the player kept', () => {
  it('records the kept variant as the beat, and the planned one apart under `planned`', async () => {
    const turn = await offlineTurn();
    const index = turn.candidates.findIndex((c) => c.variant.beat !== turn.plan.beat || c.variant.cadence !== turn.plan.cadence);
    expect(index).toBeGreaterThan(0);
    const variant = turn.candidates[index].variant;
    const record = recordTurn({ ...turn, chosen: index }, extras);
    expect(record.beat).toBe(variant.beat);
    expect(record.cadence).toBe(variant.cadence);
    expect(record.tension).toBe(planForVariant(turn.plan, variant).tension);
    expect(record.planned).toEqual({ beat: turn.plan.beat, cadence: turn.plan.cadence });
    // The planned candidate kept: no `planned` beside it.
    const plain = recordTurn({ ...turn, chosen: 0 }, extras);
    expect(plain.beat).toBe(turn.plan.beat);
    expect(plain.planned).toBeUndefined();
  });

  it("counts the kept beats in the summary's beat shares, and the HTML names the planned one", async () => {
    const run = viaJson(await offlineRun(offlineConfig({ players: ['slow'], turns: 3 })));
    const turns = run.episodes[0].turns;
    turns.forEach((t) => {
      t.planned = { beat: t.beat, cadence: t.cadence };
      t.beat = 'resolve';
    });
    const summary = summarize(run.episodes);
    expect(summary.byPlayer.slow?.beats).toEqual({ resolve: 1 });
    expect(renderHtml({ ...run, summary })).toContain(`resolve (planned ${turns[0].planned?.beat})`);
  });

  it("the simulated player's director reads the beats the story told, not the plans", async () => {
    const turn = await offlineTurn();
    const breathe = { ...turn.candidates[0], variant: { ...turn.candidates[0].variant, beat: 'breathe' as const } };
    const told = (planned: Turn['plan']['beat']): Turn => ({
      ...turn,
      plan: { ...turn.plan, beat: planned },
      candidates: [breathe],
      chosen: 0,
    });
    // Three breathes told, whatever was planned, are three breathes in a row.
    expect(stallReason([told('escalate'), told('reveal'), told('escalate')])).toBe('three "breathe" beats in a row');
  });
});
