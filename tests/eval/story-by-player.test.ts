import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/eval/format/table.js';
import { newResult } from '../../src/eval/run.js';
import { summarize } from '../../src/eval/summary.js';
import type { Episode, EvalTurn, PlayerStyle } from '../../src/eval/types.js';
import { offlineConfig } from './helpers.js';

/** A turn record with the fields the summary reads. */
function turn(n: number, reply: string, extra: Partial<EvalTurn> = {}): EvalTurn {
  return {
    turn: n,
    input: 'ok',
    reply,
    chosen: 0,
    candidates: 1,
    critics: {},
    length: { tokens: 100, target: [50, 200], within: true },
    promptTokens: 1000,
    pacing: { estimate: 0, confidence: 0.5, truth: null, tracked: null },
    beat: 'deepen',
    cadence: 'steady',
    attempts: 0,
    timing: { turnMs: 1, ttftMs: null, playerMs: 0, judgeMs: null },
    ...extra,
  };
}

function episode(player: PlayerStyle, turns: EvalTurn[]): Episode {
  return { world: 'glass-orchard', player, seed: 1, status: 'done', turns, failures: [], log: [] };
}

/** A reply of new sentences on turn `n`, ending on `ending`. */
function fresh(n: number, ending: string): string {
  return `The lamp number ${n} gutters low over the table.\n\nSomeone counts ${n} sacks by the door, once and again.\n\n${ending}`;
}

describe('the story over time, per player', () => {
  // One player's story holds up; the other's ends every reply on the same question from turn 41 and
  // tells old sentences again, while tension sits at the ceiling and no thread comes in.
  const steady = episode(
    'slow',
    Array.from({ length: 60 }, (_, i) =>
      turn(i + 1, fresh(i + 1, `Wren asks about thing ${i + 1}, and waits.`), {
        tension: 0.3 + (i % 3) * 0.1,
        ...(i % 10 === 9 ? { thread: 'the-debt' } : {}),
      }),
    ),
  );
  const stuck = episode(
    'terse',
    Array.from({ length: 60 }, (_, i) =>
      turn(
        i + 1,
        i < 40 ? fresh(i + 1, `Maud asks about matter ${i + 1}, and waits.`) : `${fresh(1, 'x').split('\n\n')[0]}\n\nSo what now?`,
        { tension: i < 40 ? 0.5 : 0.95, ...(i < 10 ? { thread: 'the-debt' } : {}) },
      ),
    ),
  );
  const summary = summarize([steady, stuck]);

  it("keeps each player's windows: sentences and last lines told before, thread beats, tension", () => {
    const slow = summary.byPlayer.slow?.story ?? [];
    const terse = summary.byPlayer.terse?.story ?? [];
    expect(slow.map((w) => [w.from, w.recycled, w.endings, w.threads])).toEqual([
      [1, 0, 0, 1],
      [11, 0, 0, 1],
      [21, 0, 0, 1],
      [41, 0, 0, 1],
    ]);
    expect(terse.map((w) => [w.from, w.threads])).toEqual([
      [1, 10],
      [11, 0],
      [21, 0],
      [41, 0],
    ]);
    // Turn 41 ends on "So what now?" for the first time; the nineteen after it end on it again.
    expect(terse[3].endings).toBe(0.95);
    expect(terse[3].recycled).toBe(1);
    expect(terse[3].tension).toEqual({ low: 0.95, mean: 0.95, high: 0.95 });
    expect(slow[0].tension).toEqual({ low: 0.3, mean: 0.39, high: 0.5 });
  });

  it("the table shows the drop on the player's own row, which the average over players hides", () => {
    const result = { ...newResult(offlineConfig({ players: ['slow', 'terse'], turns: 60 })), episodes: [steady, stuck], summary };
    const lines = renderTable(result);
    expect(lines.find((l) => l.startsWith('told before'))).toMatch(/41-60 25\.0%/);
    const at = lines.findIndex((l) => l.startsWith('story by player'));
    expect(lines[at]).toMatch(/^story by player\s+1-10\s+11-20\s+21-40\s+41-60\s+trend$/);
    const story = lines.slice(at);
    const block = (title: string): string[] => story.slice(story.findIndex((l) => l.startsWith(title)) + 1).slice(0, 2);
    expect(block('told before')[1]).toMatch(/^ {2}terse\s+0\.0%\s+0\.0%\s+0\.0%\s+100\.0%\s+▁▁▁█$/);
    expect(block('last line told before')[1]).toMatch(/^ {2}terse\s+0\.0%\s+0\.0%\s+0\.0%\s+95\.0%/);
    expect(block('thread beats per 10 turns')[0]).toMatch(/^ {2}slow\s+1\.0\s+1\.0\s+1\.0\s+1\.0$/);
    expect(block('tension (low-high)')[1]).toMatch(/^ {2}terse\s+\.50-\.50\s+\.50-\.50\s+\.50-\.50\s+\.95-\.95$/);
  });
});
