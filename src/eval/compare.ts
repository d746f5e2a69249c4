/**
 * `skald eval compare A.json B.json`: the two summaries side by side, each difference marked
 * ▲/▼ and judged better or worse by the metric's direction (flag rates: lower is better; hook
 * rate, length within target, pacing accuracy, judge score: higher is better); a share that differs
 * by no more than chance over the turns it is of is marked "within noise" instead.
 */
import { CRITIC_IDS } from '../engine/types.js';
import { neutralize } from '../text/sanitize.js';
import { layout, percent, worldName } from './format/table.js';
import { windowLabel } from './summary.js';
import type { EvalResult } from './types.js';

type Direction = 'lower' | 'higher';

/**
 * Whether two shares, of `na` and `nb` turns, differ by more than chance would make them differ
 * at 95% (a two-proportion z-test on the pooled share). One flagged turn in ninety against none is
 * not a worse model.
 */
export function beyondNoise(a: number, na: number, b: number, nb: number): boolean {
  if (na <= 0 || nb <= 0) return false;
  const pooled = (a * na + b * nb) / (na + nb);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  return se === 0 ? a !== b : Math.abs(b - a) / se >= 1.96;
}

/**
 * "▲ +2.5% worse", "▼ -1.0% better", or "=" when equal. Given the turns each share is of (`n`),
 * a difference chance could make reads "▲ +1.1% within noise", neither better nor worse.
 */
export function markDifference(a: number | null, b: number | null, better: Direction, asPercent = true, n?: [number, number]): string {
  if (a === null || b === null) return '';
  const diff = b - a;
  if (Math.abs(diff) < 1e-9) return '=';
  const arrow = diff > 0 ? '▲' : '▼';
  const improved = better === 'lower' ? diff < 0 : diff > 0;
  const amount = asPercent
    ? `${diff > 0 ? '+' : ''}${(diff * 100).toFixed(1)}%`
    : `${diff > 0 ? '+' : ''}${Math.abs(diff) >= 10 ? Math.round(diff) : Math.round(diff * 100) / 100}`;
  if (n && !beyondNoise(a, n[0], b, n[1])) return `${arrow} ${amount} within noise`;
  return `${arrow} ${amount} ${improved ? 'better' : 'worse'}`;
}

/** The comparison as lines; `a` and `b` name the two files. */
export function renderComparison(a: EvalResult, b: EvalResult, names: [string, string]): string[] {
  const [na, nb] = names.map((n) => neutralize(n)) as [string, string];
  const lines: string[] = [];
  lines.push(`A: ${na} — ${describe(a)}`);
  lines.push(`B: ${nb} — ${describe(b)}`);
  const differ = mismatch(a, b);
  if (differ) lines.push(`Note: the runs differ in ${differ}: their overall rates are not comparable; the windows are.`);
  lines.push('');
  // A hint rate beside each flag rate: hints never count as flags, but a critic trading flags for hints shows.
  const rows: string[][] = [['critic (flag rate)', 'A', 'hints', 'B', 'hints', 'B vs A']];
  for (const id of CRITIC_IDS) {
    const [ra, rb] = [a.summary.rates[id], b.summary.rates[id]];
    rows.push([
      id,
      percent(ra),
      percent(a.summary.hintRates?.[id]),
      percent(rb),
      percent(b.summary.hintRates?.[id]),
      markDifference(ra ?? 0, rb ?? 0, 'lower', true, [a.summary.turns, b.summary.turns]),
    ]);
  }
  lines.push(...layout(rows));

  const windows = [...new Map([...a.summary.windows, ...b.summary.windows].map((w) => [w.from, w])).values()].sort(
    (x, y) => x.from - y.from,
  );
  for (const w of windows) {
    const wa = a.summary.windows.find((x) => x.from === w.from);
    const wb = b.summary.windows.find((x) => x.from === w.from);
    lines.push('');
    // A window one run ended inside ("81-90") is not the other's whole window ("81-160"): say both.
    const [la, lb] = [wa ? windowLabel(wa) : undefined, wb ? windowLabel(wb) : undefined];
    lines.push(`turns ${la && lb && la !== lb ? `${la} (A), ${lb} (B)` : (la ?? lb ?? windowLabel(w))}`);
    const wrows: string[][] = [];
    for (const id of CRITIC_IDS) {
      const ra = wa?.rates[id] ?? null;
      const rb = wb?.rates[id] ?? null;
      if (!ra && !rb) continue;
      wrows.push([
        `  ${id}`,
        wa ? percent(ra) : '—',
        wb ? percent(rb) : '—',
        markDifference(ra, rb, 'lower', true, [wa?.turns ?? 0, wb?.turns ?? 0]),
      ]);
    }
    lines.push(...(wrows.length ? layout(wrows) : ['  no critic flagged in either run']));
  }

  lines.push('');
  const sa = a.summary;
  const sb = b.summary;
  const other: string[][] = [['', 'A', 'B', 'B vs A']];
  other.push([
    'length within target',
    percent(sa.length.within),
    percent(sb.length.within),
    markDifference(sa.length.within, sb.length.within, 'higher', true, [sa.turns, sb.turns]),
  ]);
  other.push(['mean reply tokens', String(Math.round(sa.length.mean)), String(Math.round(sb.length.mean)), markLength(a, b)]);
  other.push([
    'hook rate',
    percent(sa.hookRate),
    percent(sb.hookRate),
    markDifference(sa.hookRate, sb.hookRate, 'higher', true, [sa.turns, sb.turns]),
  ]);
  other.push([
    'pacing accuracy',
    percent(sa.pacing.accuracy),
    percent(sb.pacing.accuracy),
    markDifference(sa.pacing.accuracy, sb.pacing.accuracy, 'higher', true, [sa.pacing.turns, sb.pacing.turns]),
  ]);
  other.push([
    'prompt tokens (last)',
    tokens(sa.promptGrowth.last),
    tokens(sb.promptGrowth.last),
    markDifference(sa.promptGrowth.last, sb.promptGrowth.last, 'lower', false),
  ]);
  if (sa.judge || sb.judge)
    other.push([
      'judge mean score',
      String(sa.judge?.mean ?? '—'),
      String(sb.judge?.mean ?? '—'),
      markDifference(sa.judge?.mean ?? null, sb.judge?.mean ?? null, 'higher'),
    ]);
  other.push([
    'failed attempts',
    String(sa.failedTurns),
    String(sb.failedTurns),
    markDifference(sa.failedTurns, sb.failedTurns, 'lower', false),
  ]);
  lines.push(...layout(other));
  return lines;
}

/** Length has no better direction; only its distance from the target's middle does. */
function markLength(a: EvalResult, b: EvalResult): string {
  const off = (r: EvalResult) => Math.abs(r.summary.length.mean - (r.summary.length.targetMean[0] + r.summary.length.targetMean[1]) / 2);
  return markDifference(off(a), off(b), 'lower', false).replace(/[+-][\d.]+/, (m) => `${m} from target`);
}

/**
 * What makes two runs' overall rates incomparable: a different length (late turns flag more), a
 * different mix of players or worlds. Undefined when they match.
 */
function mismatch(a: EvalResult, b: EvalResult): string | undefined {
  const parts: string[] = [];
  const longest = (r: EvalResult): number => Math.max(0, ...r.episodes.map((e) => e.turns.length));
  if (longest(a) !== longest(b)) parts.push(`length (${longest(a)} vs ${longest(b)} turns an episode)`);
  const set = (xs: readonly string[]): string => [...xs].sort().join(',');
  if (set(a.config.players) !== set(b.config.players))
    parts.push(`players (${a.config.players.join(', ')} vs ${b.config.players.join(', ')})`);
  if (set(a.config.worlds.map(worldName)) !== set(b.config.worlds.map(worldName))) parts.push('worlds');
  return parts.length > 0 ? neutralize(parts.join(', ')) : undefined;
}

function describe(r: EvalResult): string {
  const c = r.config;
  return neutralize(
    `${c.worlds.map(worldName).join(', ')} · ${c.players.join(', ')} · ${r.summary.turns} turns · ${c.provider ?? (c.offline ? 'offline narrator' : 'model')} · planner ${c.planner ? 'on' : 'off'}`,
  );
}

function tokens(value: number | null): string {
  return value === null ? '—' : String(Math.round(value));
}
