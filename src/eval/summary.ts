/**
 * The summary of a run: each critic's flag rate overall and per window of turns (1-10, 11-20,
 * 21-40, then doubling: 41-80, 81-160, 161+, so a fall-off after turn twenty shows, and one after
 * turn eighty is not averaged into the forty turns before it), reply length against the target,
 * repetition over time, sentences told before anywhere in the story, hook rate, pacing tracking
 * accuracy, prompt growth, the judge, and per player the planner's beats.
 */
import { BEATS, CRITIC_IDS, type Beat } from '../engine/types.js';
import { lastParagraph, substantialSentences } from '../text/sentences.js';
import { round } from './record.js';
import type { Episode, EvalSummary, EvalTurn, PlayerWindow, WindowRates } from './types.js';

/** The windows of turns the summary reports, `to` null for open-ended. */
export const WINDOWS: ReadonlyArray<{ from: number; to: number | null }> = [
  { from: 1, to: 10 },
  { from: 11, to: 20 },
  { from: 21, to: 40 },
  { from: 41, to: 80 },
  { from: 81, to: 160 },
  { from: 161, to: null },
];

/** A window's label: "1-10", "41+"; a window the run ended inside shows the turns it has ("21-30"). */
export function windowLabel(w: { from: number; to: number | null; last?: number }): string {
  if (w.to === null) return `${w.from}+`;
  return `${w.from}-${w.last !== undefined && w.last < w.to ? w.last : w.to}`;
}

/** Summarises the episodes' turns (failed attempts count in `failedTurns`, never in the rates). */
export function summarize(episodes: readonly Episode[]): EvalSummary {
  const turns = episodes.flatMap((e) => e.turns);
  const windows: WindowRates[] = [];
  const repetition: EvalSummary['repetition'] = [];
  for (const w of WINDOWS) {
    const inside = turns.filter((t) => t.turn >= w.from && (w.to === null || t.turn <= w.to));
    if (inside.length === 0) continue;
    const last = Math.max(...inside.map((t) => t.turn));
    windows.push({ from: w.from, to: w.to, last, turns: inside.length, rates: rates(inside) });
    repetition.push({
      from: w.from,
      to: w.to,
      last,
      rate: rate(inside, (t) => t.critics.repetition?.flagged ?? false),
      score: mean(inside.map((t) => t.critics.repetition?.score ?? 1)),
    });
  }
  const told = recycledSentences(episodes);
  const recycled: NonNullable<EvalSummary['recycled']> = [];
  for (const w of WINDOWS) {
    const inside = told.filter((t) => t.turn >= w.from && (w.to === null || t.turn <= w.to));
    const sentences = inside.reduce((n, t) => n + t.sentences, 0);
    if (inside.length === 0) continue;
    const last = Math.max(...inside.map((t) => t.turn));
    recycled.push({ from: w.from, to: w.to, last, rate: sentences ? round(inside.reduce((n, t) => n + t.told, 0) / sentences) : 0 });
  }
  const byPlayer: EvalSummary['byPlayer'] = {};
  for (const style of [...new Set(episodes.map((e) => e.player))]) {
    const own = episodes.filter((e) => e.player === style).flatMap((e) => e.turns);
    const episodesOf = episodes.filter((e) => e.player === style);
    byPlayer[style] = {
      turns: own.length,
      rates: rates(own),
      hookRate: hookRate(own),
      ...cadence(episodesOf),
      story: storyOverTime(episodesOf),
    };
  }
  return {
    episodes: episodes.length,
    turns: turns.length,
    failedTurns: episodes.reduce((n, e) => n + e.failures.length, 0),
    failedEpisodes: episodes.filter((e) => e.status === 'failed').length,
    rates: rates(turns),
    candidateRates: Object.fromEntries(CRITIC_IDS.map((id) => [id, round(mean(turns.map((t) => t.critics[id]?.rate ?? 0)))])),
    hintRates: Object.fromEntries(CRITIC_IDS.map((id) => [id, rate(turns, (t) => t.critics[id]?.hint === true)])),
    windows,
    length: lengthStats(turns),
    repetition,
    recycled,
    hookRate: hookRate(turns),
    pacing: pacingStats(episodes),
    promptGrowth: promptGrowth(episodes),
    judge: judgeStats(turns),
    byPlayer,
  };
}

/**
 * Per turn, how many of the reply's sentences were told word for word in an earlier reply of the
 * same episode. The repetition critic reads only the last few replies: over a long story a
 * narrator can cycle through the same sentences every seventh turn and never be flagged.
 */
function recycledSentences(episodes: readonly Episode[]): Array<{ turn: number; sentences: number; told: number }> {
  const out: Array<{ turn: number; sentences: number; told: number }> = [];
  for (const e of episodes) {
    const before = new Set<string>();
    for (const t of e.turns) {
      const sentences = substantialSentences(t.reply);
      out.push({ turn: t.turn, sentences: sentences.length, told: sentences.filter((x) => before.has(x)).length });
      for (const x of sentences) before.add(x);
    }
  }
  return out;
}

/**
 * One player's story per window: sentences and last lines told before, thread beats brought in,
 * and the tension's range. A narrator that ends every reply on one of four questions, or a story
 * whose tension sits at the ceiling for eighty turns, shows here and not in the critics' rates.
 */
function storyOverTime(episodes: readonly Episode[]): PlayerWindow[] {
  const told = new Map<EvalTurn, { sentences: number; told: number; ending: boolean }>();
  for (const e of episodes) {
    const before = new Set<string>();
    const endings = new Set<string>();
    for (const t of e.turns) {
      const sentences = substantialSentences(t.reply);
      const ending = lastParagraph(t.reply);
      told.set(t, { sentences: sentences.length, told: sentences.filter((x) => before.has(x)).length, ending: endings.has(ending) });
      for (const x of sentences) before.add(x);
      if (ending) endings.add(ending);
    }
  }
  const out: PlayerWindow[] = [];
  for (const w of WINDOWS) {
    const inside = episodes.flatMap((e) => e.turns).filter((t) => t.turn >= w.from && (w.to === null || t.turn <= w.to));
    if (inside.length === 0) continue;
    const counts = inside.map((t) => told.get(t) ?? { sentences: 0, told: 0, ending: false });
    const sentences = counts.reduce((n, c) => n + c.sentences, 0);
    const tensions = inside.flatMap((t) => (t.tension === undefined ? [] : [t.tension]));
    out.push({
      from: w.from,
      to: w.to,
      last: Math.max(...inside.map((t) => t.turn)),
      turns: inside.length,
      recycled: sentences ? round(counts.reduce((n, c) => n + c.told, 0) / sentences) : 0,
      endings: rate(inside, (t) => told.get(t)?.ending ?? false),
      threads: round((10 * inside.filter((t) => t.thread).length) / inside.length),
      tension: tensions.length ? { low: Math.min(...tensions), mean: mean(tensions), high: Math.max(...tensions) } : null,
    });
  }
  return out;
}

const RISING: ReadonlySet<Beat> = new Set(['escalate', 'complicate', 'reveal']);
const FALLING: ReadonlySet<Beat> = new Set(['breathe', 'resolve']);

/**
 * The story's cadence for a player: each beat's share, and how many rising beats came before each
 * fall (1 is a rise and a release every other turn; a fast story should build for several).
 */
function cadence(episodes: readonly Episode[]): { beats: Partial<Record<Beat, number>>; build: number | null } {
  const turns = episodes.flatMap((e) => e.turns);
  const beats: Partial<Record<Beat, number>> = {};
  for (const beat of BEATS) {
    const share = rate(turns, (t) => t.beat === beat);
    if (share > 0) beats[beat] = share;
  }
  const builds: number[] = [];
  for (const e of episodes) {
    let run = 0;
    for (const t of e.turns) {
      if (FALLING.has(t.beat)) {
        builds.push(run);
        run = 0;
      } else if (RISING.has(t.beat)) run++;
    }
  }
  return { beats, build: builds.length ? mean(builds) : null };
}

function rates(turns: readonly EvalTurn[]): Record<string, number> {
  return Object.fromEntries(CRITIC_IDS.map((id) => [id, rate(turns, (t) => t.critics[id]?.flagged ?? false)]));
}

function rate(turns: readonly EvalTurn[], test: (t: EvalTurn) => boolean): number {
  return turns.length ? round(turns.filter(test).length / turns.length) : 0;
}

function hookRate(turns: readonly EvalTurn[]): number {
  return turns.length ? round(1 - rate(turns, (t) => t.critics['no-hook']?.flagged ?? false)) : 0;
}

function mean(values: readonly number[]): number {
  return values.length ? round(values.reduce((s, v) => s + v, 0) / values.length) : 0;
}

/** The q-quantile (0..1) of sorted values, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function lengthStats(turns: readonly EvalTurn[]): EvalSummary['length'] {
  const sorted = turns.map((t) => t.length.tokens).sort((a, b) => a - b);
  return {
    mean: mean(sorted),
    median: quantile(sorted, 0.5),
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
    within: rate(turns, (t) => t.length.within),
    below: rate(turns, (t) => t.length.tokens < t.length.target[0]),
    above: rate(turns, (t) => t.length.tokens > t.length.target[1]),
    targetMean: [mean(turns.map((t) => t.length.target[0])), mean(turns.map((t) => t.length.target[1]))],
  };
}

function pacingStats(episodes: readonly Episode[]): EvalSummary['pacing'] {
  const byStyle: EvalSummary['pacing']['byStyle'] = {};
  const tracked = episodes.flatMap((e) => e.turns).filter((t) => t.pacing.tracked !== null);
  for (const e of episodes) {
    const own = e.turns.filter((t) => t.pacing.tracked !== null);
    if (own.length === 0) continue;
    const all = episodes.filter((x) => x.player === e.player).flatMap((x) => x.turns);
    byStyle[e.player] = {
      accuracy: rate(all, (t) => t.pacing.tracked === true),
      turns: all.length,
      mean: mean(all.map((t) => t.pacing.estimate)),
    };
  }
  return { accuracy: tracked.length ? rate(tracked, (t) => t.pacing.tracked === true) : null, turns: tracked.length, byStyle };
}

function promptGrowth(episodes: readonly Episode[]): EvalSummary['promptGrowth'] {
  const withTurns = episodes.filter((e) => e.turns.length > 0);
  if (withTurns.length === 0) return { at10: null, last: null, lastTurn: null, ratio: null };
  // Only episodes that reached turn 10 say what the prompt weighed there.
  const tenth = withTurns.map((e) => e.turns.find((t) => t.turn === 10)).filter((t) => t !== undefined);
  const at10 = tenth.length ? mean(tenth.map((t) => t.promptTokens)) : null;
  const last = mean(withTurns.map((e) => e.turns[e.turns.length - 1].promptTokens));
  const lastTurn = Math.max(...withTurns.map((e) => e.turns[e.turns.length - 1].turn));
  return { at10, last, lastTurn, ratio: at10 ? round(last / at10) : null };
}

function judgeStats(turns: readonly EvalTurn[]): EvalSummary['judge'] {
  const judged = turns.flatMap((t) => (t.judge ? [t.judge] : []));
  if (judged.length === 0) return null;
  const scored = judged.filter((j): j is { flagged: boolean; score: number } => 'score' in j);
  return {
    mean: mean(scored.map((j) => j.score)),
    rate: scored.length ? round(scored.filter((j) => j.flagged).length / scored.length) : 0,
    turns: scored.length,
    errors: judged.length - scored.length,
  };
}
