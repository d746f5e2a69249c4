/**
 * The self-contained HTML report: the summary tables and four SVG charts (critic rates over
 * turns, length against the target band, pacing estimate against the player's true style,
 * prompt tokens over turns). No scripts, no external styles, fonts or images; all text escaped.
 */
import { CRITIC_IDS } from '../../engine/types.js';
import { windowLabel } from '../summary.js';
import type { Episode, EvalResult, EvalTurn } from '../types.js';
import { percent, promptGrowthText, worldName } from '../format/table.js';
import { escapeHtml as esc, lineChart, PALETTE, type Series } from './svg.js';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:780px;color:#222;padding:0 1rem}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}table{border-collapse:collapse;font-size:13px}
td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:right}td:first-child,th:first-child{text-align:left}
svg{width:100%;height:auto}.title{font-weight:600;font-size:13px}.tick{font-size:11px;fill:#555}
.axis{stroke:#888}.grid{stroke:#eee}.muted{color:#777}details{margin:.3rem 0}pre{white-space:pre-wrap;font-size:12px}`;

/** The report as one HTML document. */
export function renderHtml(result: EvalResult): string {
  const { config, summary } = result;
  const maxTurn = Math.max(1, ...result.episodes.flatMap((e) => e.turns.map((t) => t.turn)));
  const body: string[] = [];
  body.push(`<h1>skald eval: ${esc(config.worlds.map(worldName).join(', '))}</h1>`);
  body.push(
    `<p class="muted">${esc(`${config.players.join(', ')} · ${config.turns} turns · seed ${config.seed} · ${config.candidates} candidates · ${config.provider ?? (config.offline ? 'offline narrator' : 'model')} · planner ${config.planner ? 'on' : 'off'}${config.judge ? ` · judge ${config.judge}` : ''}`)}</p>`,
  );
  body.push(
    `<p>${summary.episodes} episodes, ${summary.turns} turns, ${summary.failedTurns} failed attempts, ${summary.failedEpisodes} failed episodes.</p>`,
  );

  body.push('<h2>Critic flag rates</h2>');
  body.push('<p class="muted">Hints are findings a critic was not sure of: counted apart, they never demote a reply.</p>');
  const head = ['critic', 'all', 'hints', ...summary.windows.map(windowLabel), 'candidates'].map((h) => `<th>${esc(h)}</th>`).join('');
  const rows = CRITIC_IDS.map(
    (id) =>
      `<tr><td>${esc(id)}</td><td>${percent(summary.rates[id])}</td><td class="muted">${percent(summary.hintRates?.[id])}</td>${summary.windows.map((w) => `<td>${percent(w.rates[id])}</td>`).join('')}<td>${percent(summary.candidateRates[id])}</td></tr>`,
  );
  body.push(`<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`);

  body.push('<h2>Over time</h2>');
  body.push(
    lineChart({
      title: 'Critic flag rate per turn (chosen reply, all episodes)',
      yLabel: 'flag rate',
      xMax: maxTurn,
      yMin: 0,
      yMax: 1,
      series: criticSeries(result.episodes, maxTurn),
      yFormat: (v) => `${Math.round(v * 100)}%`,
    }),
  );
  body.push(lengthChart(result.episodes, maxTurn));
  body.push(pacingChart(result.episodes, maxTurn));
  body.push(
    lineChart({
      title: 'Prompt tokens per turn',
      yLabel: 'tokens',
      xMax: maxTurn,
      yMin: 0,
      yMax: niceMax(result.episodes.flatMap((e) => e.turns.map((t) => t.promptTokens))),
      series: perEpisode(result.episodes, (t) => t.promptTokens),
    }),
  );

  body.push('<h2>Summary</h2><table><tbody>');
  const l = summary.length;
  const facts: Array<[string, string]> = [
    [
      'reply length',
      `mean ${l.mean} tokens (median ${l.median}, p10 ${l.p10}, p90 ${l.p90}); target ${l.targetMean[0]}-${l.targetMean[1]}; ${percent(l.within)} within, ${percent(l.below)} short, ${percent(l.above)} long`,
    ],
    ['hook rate', percent(summary.hookRate)],
    [
      'repetition (flagged against the last few replies)',
      summary.repetition.map((r) => `${windowLabel(r)}: ${percent(r.rate)}`).join(', ') || '—',
    ],
    ...(summary.recycled
      ? [
          [
            'sentences told before (word for word, anywhere earlier in the story)',
            summary.recycled.map((r) => `${windowLabel(r)}: ${percent(r.rate)}`).join(', ') || '—',
          ] as [string, string],
        ]
      : []),
    ['pacing tracking', `${percent(summary.pacing.accuracy)} of ${summary.pacing.turns} slow/fast turns`],
    ['prompt growth', promptGrowthText(summary.promptGrowth)],
    ...(summary.judge
      ? [
          ['judge', `mean ${summary.judge.mean}, ${percent(summary.judge.rate)} flagged, ${summary.judge.errors} unanswered`] as [
            string,
            string,
          ],
        ]
      : []),
  ];
  body.push(facts.map(([k, v]) => `<tr><td>${esc(k)}</td><td style="text-align:left">${esc(v)}</td></tr>`).join(''));
  body.push('</tbody></table>');

  body.push(
    '<h2>By player</h2><table><thead><tr><th>player</th><th>turns</th><th>hook rate</th><th>pacing tracked</th><th style="text-align:left">most flagged</th></tr></thead><tbody>',
  );
  for (const [style, p] of Object.entries(summary.byPlayer)) {
    const top =
      Object.entries(p.rates)
        .filter(([, r]) => r > 0)
        .sort((x, y) => y[1] - x[1])
        .slice(0, 3)
        .map(([id, r]) => `${id} ${percent(r)}`)
        .join(', ') || '—';
    body.push(
      `<tr><td>${esc(style)}</td><td>${p.turns}</td><td>${percent(p.hookRate)}</td><td>${percent(summary.pacing.byStyle[style]?.accuracy ?? null)}</td><td style="text-align:left">${esc(top)}</td></tr>`,
    );
  }
  body.push('</tbody></table>');

  body.push('<h2>Episodes</h2>');
  for (const e of result.episodes) body.push(episodeDetails(e));
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(`skald eval: ${config.worlds.map(worldName).join(', ')}`)}</title><style>${STYLE}</style></head><body>\n${body.join('\n')}\n</body></html>\n`;
}

/** Per critic that ever flagged: the share of episodes flagging it at each turn. */
function criticSeries(episodes: readonly Episode[], maxTurn: number): Series[] {
  const series: Series[] = [];
  CRITIC_IDS.forEach((id, i) => {
    const points: Array<[number, number]> = [];
    let any = false;
    for (let t = 1; t <= maxTurn; t++) {
      const at = episodes.flatMap((e) => e.turns.filter((x) => x.turn === t));
      if (at.length === 0) continue;
      const rate = at.filter((x) => x.critics[id]?.flagged).length / at.length;
      any ||= rate > 0;
      points.push([t, rate]);
    }
    if (any) series.push({ name: id, color: PALETTE[i % PALETTE.length], points });
  });
  return series;
}

function perEpisode(episodes: readonly Episode[], value: (t: EvalTurn) => number): Series[] {
  return episodes.map((e, i) => ({
    name: `${worldName(e.world)}/${e.player}`,
    color: PALETTE[i % PALETTE.length],
    points: e.turns.map((t) => [t.turn, value(t)] as [number, number]),
  }));
}

function lengthChart(episodes: readonly Episode[], maxTurn: number): string {
  const band: Array<[number, number, number]> = [];
  const mean: Array<[number, number]> = [];
  for (let t = 1; t <= maxTurn; t++) {
    const at = episodes.flatMap((e) => e.turns.filter((x) => x.turn === t));
    if (at.length === 0) continue;
    const avg = (f: (x: EvalTurn) => number) => at.reduce((s, x) => s + f(x), 0) / at.length;
    band.push([t, avg((x) => x.length.target[0]), avg((x) => x.length.target[1])]);
    mean.push([t, avg((x) => x.length.tokens)]);
  }
  const all = episodes.flatMap((e) => e.turns.flatMap((t) => [t.length.tokens, t.length.target[1]]));
  return lineChart({
    title: 'Reply length against the target band',
    yLabel: 'tokens',
    xMax: maxTurn,
    yMin: 0,
    yMax: niceMax(all),
    series: [
      { name: 'mean reply length', color: '#222', points: mean },
      ...perEpisode(episodes, (t) => t.length.tokens).map((s) => ({ ...s, dashed: true })),
    ],
    bands: [{ label: 'target (mean)', color: '#59a14f', points: band }],
  });
}

function pacingChart(episodes: readonly Episode[], maxTurn: number): string {
  const bands = [];
  if (episodes.some((e) => e.player === 'slow')) bands.push({ label: 'slow player truth', color: '#4e79a7', y0: -1, y1: -0.2 });
  if (episodes.some((e) => e.player === 'fast')) bands.push({ label: 'fast player truth', color: '#e15759', y0: 0.2, y1: 1 });
  return lineChart({
    title: "Pacing estimate against the player's true style",
    yLabel: 'slow ← pacing → fast',
    xMax: maxTurn,
    yMin: -1,
    yMax: 1,
    series: perEpisode(episodes, (t) => t.pacing.estimate),
    bands,
  });
}

function niceMax(values: readonly number[]): number {
  const max = Math.max(1, ...values);
  const magnitude = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / magnitude) * magnitude;
}

function episodeDetails(e: Episode): string {
  const rows = e.turns.map((t) => {
    const flags =
      Object.entries(t.critics)
        .filter(([, c]) => c.flagged)
        .map(([id]) => id)
        .join(', ') || '—';
    return (
      `<tr><td>${t.turn}</td><td style="text-align:left">${esc(t.planned ? `${t.beat} (planned ${t.planned.beat})` : t.beat)}</td><td>${t.length.tokens}</td><td>${t.pacing.estimate}</td><td style="text-align:left">${esc(flags)}</td></tr>` +
      `<tr><td></td><td colspan="4" style="text-align:left"><details><summary>${esc(t.input.slice(0, 120))}</summary><pre>${esc(t.reply)}</pre></details></td></tr>`
    );
  });
  const failures = e.failures.map((f) => `<li>${esc(`turn ${f.turn}, attempt ${f.attempt}: ${f.error}`)}</li>`).join('');
  return (
    `<details><summary>${esc(`${worldName(e.world)} / ${e.player} — ${e.status}, ${e.turns.length} turns${e.error ? `: ${e.error}` : ''}`)}</summary>` +
    `${failures ? `<ul>${failures}</ul>` : ''}<table><thead><tr><th>turn</th><th>beat</th><th>tokens</th><th>pacing</th><th>flags</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`
  );
}
