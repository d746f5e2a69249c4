/**
 * The terminal table of a run: each critic's flag rate overall and per window, with a sparkline
 * of the windows on a fixed scale (its legend under the table), then length, hooks, pacing, prompt growth and failures. Plain text; the caller
 * colours nothing, so it reads the same in a pipe.
 */
import { CRITIC_IDS } from '../../engine/types.js';
import { neutralize } from '../../text/sanitize.js';
import { windowLabel } from '../summary.js';
import type { EvalResult, PlayerWindow } from '../types.js';
import { sparkLegend, sparkline } from './sparkline.js';

/** A world as shown: its id, or the last part of a path a pack was given by. */
export function worldName(world: string): string {
  return /[\\/]/.test(world)
    ? (
        world
          .replace(/[\\/]+$/, '')
          .split(/[\\/]/)
          .pop() ?? world
      ).replace(/\.ya?ml$/i, '')
    : world;
}

/** A percentage with one decimal: 0.125 -> "12.5%". */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** Pads cells to column widths (the first column left-aligned, the others right-aligned). */
export function layout(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

/** The whole report as lines. */
/**
 * The prompt's size at turn 10 and at the last turn. A run shorter than ten turns has no size at
 * turn 10: it gives the last one alone and says why ('— tokens at turn 10' read as a broken count).
 */
export function promptGrowthText(g: EvalResult['summary']['promptGrowth']): string {
  if (g.last === null) return '— (no turn was played)';
  const last = Math.round(g.last);
  if (g.at10 === null) return `${last} tokens at turn ${g.lastTurn ?? '—'} (no episode reached turn 10)`;
  return `${Math.round(g.at10)} tokens at turn 10, ${last} at turn ${g.lastTurn ?? '—'}${g.ratio ? ` (×${g.ratio})` : ''}`;
}

/** "escalate 36%, complicate 30%, resolve 21%": the beats a player was given, most first. */
function beatShares(beats: Partial<Record<string, number>>): string {
  return Object.entries(beats)
    .sort((x, y) => (y[1] ?? 0) - (x[1] ?? 0))
    .map(([beat, share]) => `${beat} ${Math.round((share ?? 0) * 100)}%`)
    .join(', ');
}

/** ".15-.36": a tension range in little room. */
function range(t: PlayerWindow['tension']): string {
  if (!t) return '—';
  const short = (x: number): string => x.toFixed(2).replace(/^0(?=\.)/, '');
  return `${short(t.low)}-${short(t.high)}`;
}

/**
 * Each player's story per window: the measures a player notices over a long story (sentences and
 * last lines told before, plot threads brought in, tension's range), per player, because the
 * average over players hid a terse player's 66% of sentences told before behind 45%.
 */
function storyTable(result: EvalResult): string[] {
  const players = Object.entries(result.summary.byPlayer).filter(([, p]) => p.story && p.story.length > 0);
  if (players.length === 0) return [];
  const windows = result.summary.windows;
  const measures: Array<[string, (w: PlayerWindow) => string, ((w: PlayerWindow) => number) | undefined]> = [
    ['told before', (w) => percent(w.recycled), (w) => w.recycled],
    ['last line told before', (w) => percent(w.endings), (w) => w.endings],
    ['thread beats per 10 turns', (w) => w.threads.toFixed(1), undefined],
    ['tension (low-high)', (w) => range(w.tension), undefined],
  ];
  const rows: string[][] = [['story by player', ...windows.map(windowLabel), 'trend']];
  for (const [title, cell, trend] of measures) {
    rows.push([title, ...windows.map(() => ''), '']);
    for (const [style, p] of players) {
      const own = windows.map((w) => p.story?.find((x) => x.from === w.from));
      rows.push([`  ${style}`, ...own.map((w) => (w ? cell(w) : '—')), trend ? sparkline(own.map((w) => (w ? trend(w) : 0))) : '']);
    }
  }
  return ['', ...layout(rows).map((line) => neutralize(line)), ''];
}

export function renderTable(result: EvalResult): string[] {
  const { summary, config } = result;
  const lines: string[] = [];
  lines.push(
    neutralize(
      `${config.worlds.map(worldName).join(', ')} · ${config.players.join(', ')} · ${config.turns} turns · seed ${config.seed} · ${config.provider ?? (config.offline ? 'offline narrator' : 'model')}${config.planner ? '' : ' · no planner'}`,
    ),
  );
  lines.push(
    `${summary.episodes} episode${summary.episodes === 1 ? '' : 's'}, ${summary.turns} turns, ${summary.failedTurns} failed attempt${summary.failedTurns === 1 ? '' : 's'}, ${summary.failedEpisodes} failed episode${summary.failedEpisodes === 1 ? '' : 's'}`,
  );
  lines.push('');
  const windows = summary.windows;
  // Hints (findings a critic was not sure of) sit beside the flags they never count as.
  const header = ['critic (flag rate)', 'all', 'hints', ...windows.map(windowLabel), 'trend'];
  const rows = [header];
  for (const id of CRITIC_IDS) {
    const perWindow = windows.map((w) => w.rates[id] ?? 0);
    rows.push([id, percent(summary.rates[id]), percent(summary.hintRates?.[id]), ...perWindow.map(percent), sparkline(perWindow)]);
  }
  if (summary.judge) rows.push(['judge (score ≤ 5)', percent(summary.judge.rate), '', ...windows.map(() => ''), '']);
  lines.push(...layout(rows));
  lines.push(sparkLegend());
  lines.push('');
  const l = summary.length;
  lines.push(
    `length       mean ${Math.round(l.mean)} tokens (median ${l.median}, p10 ${l.p10}, p90 ${l.p90}) vs target ${Math.round(l.targetMean[0])}-${Math.round(l.targetMean[1])}: ${percent(l.within)} within, ${percent(l.below)} short, ${percent(l.above)} long`,
  );
  lines.push(`hooks        ${percent(summary.hookRate)} of replies end on something to answer`);
  lines.push(
    `repetition   ${summary.repetition.map((r) => `${windowLabel(r)} ${percent(r.rate)}`).join(', ') || '—'} ${sparkline(summary.repetition.map((r) => r.rate))} (flagged against the last few replies)`,
  );
  if (summary.recycled)
    lines.push(
      `told before  ${summary.recycled.map((r) => `${windowLabel(r)} ${percent(r.rate)}`).join(', ') || '—'} ${sparkline(summary.recycled.map((r) => r.rate))} (of reply sentences, word for word, anywhere earlier in the story)`,
    );
  const styles = Object.entries(summary.pacing.byStyle)
    .map(([s, v]) => `${s} ${percent(v.accuracy)} (mean ${v.mean})`)
    .join(', ');
  lines.push(`pacing       tracking accuracy ${percent(summary.pacing.accuracy)}${styles ? `: ${styles}` : ' (no slow or fast player)'}`);
  const cadences = Object.entries(summary.byPlayer)
    .filter(([, v]) => v.beats && Object.keys(v.beats).length > 0)
    .map(
      ([s, v]) =>
        `${s} ${beatShares(v.beats ?? {})}${v.build !== null && v.build !== undefined ? ` (mean ${v.build} rising beats before a fall)` : ''}`,
    );
  if (cadences.length > 0) lines.push(neutralize(`beats        ${cadences.join('; ')}`));
  lines.push(...storyTable(result));
  lines.push(`prompt       ${promptGrowthText(summary.promptGrowth)}`);
  if (summary.judge)
    lines.push(
      `judge        mean score ${summary.judge.mean} over ${summary.judge.turns} turns${summary.judge.errors ? `, ${summary.judge.errors} unanswered` : ''}`,
    );
  for (const e of result.episodes) {
    if (e.status === 'failed') lines.push(neutralize(`failed       ${worldName(e.world)}/${e.player}: ${e.error ?? 'unknown error'}`));
  }
  return lines;
}
