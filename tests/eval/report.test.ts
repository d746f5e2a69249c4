import { describe, expect, it } from 'vitest';
import { beyondNoise, renderComparison, markDifference } from '../../src/eval/compare.js';
import { renderTable } from '../../src/eval/format/table.js';
import { progressLine, progressReporter } from '../../src/eval/format/progress.js';
import { renderHtml } from '../../src/eval/report/html.js';
import { CRITIC_IDS } from '../../src/engine/types.js';
import type { EvalResult } from '../../src/eval/types.js';
import { offlineConfig, offlineRun, viaJson } from './helpers.js';

const planner = viaJson(await offlineRun(offlineConfig({ players: ['slow', 'fast', 'terse'], turns: 12 })));
const ablation = viaJson(await offlineRun(offlineConfig({ players: ['slow', 'fast', 'terse'], turns: 12, planner: false })));

describe('JSON contract', () => {
  it('has version, config, episodes[].turns[], summary.rates keyed by critic id, and summary.windows', () => {
    expect(planner.version).toBe(1);
    expect(planner.config).toMatchObject({ worlds: ['glass-orchard'], players: ['slow', 'fast', 'terse'], turns: 12, seed: 2 });
    expect(planner.episodes.map((e) => [e.world, e.player, typeof e.seed])).toEqual([
      ['glass-orchard', 'slow', 'number'],
      ['glass-orchard', 'fast', 'number'],
      ['glass-orchard', 'terse', 'number'],
    ]);
    expect(planner.episodes[0].turns).toHaveLength(12);
    expect(Object.keys(planner.summary.rates).sort()).toEqual([...CRITIC_IDS].sort());
    expect(planner.summary.windows.map((w) => [w.from, w.to])).toEqual([
      [1, 10],
      [11, 20],
    ]);
    for (const w of planner.summary.windows) expect(Object.keys(w.rates).sort()).toEqual([...CRITIC_IDS].sort());
    expect(planner.summary).toHaveProperty('length.within');
    expect(planner.summary).toHaveProperty('hookRate');
    expect(planner.summary).toHaveProperty('pacing.accuracy');
    expect(planner.summary).toHaveProperty('promptGrowth.at10');
  });
});

describe('terminal table', () => {
  it('lists every critic with its windows and a sparkline, then length, hooks, pacing and prompt growth', () => {
    const lines = renderTable(planner);
    const header = lines.find((l) => l.startsWith('critic'))!;
    expect(header).toMatch(/all\s+hints\s+1-10\s+11-12\s+trend/);
    for (const id of CRITIC_IDS) expect(lines.some((l) => l.startsWith(id))).toBe(true);
    expect(lines.find((l) => l.startsWith('repetition '))).toMatch(/[▁▂▃▄▅▆▇█]{2}$/);
    // The sparkline's scale is said under the table, so a reader knows a block is a share, not a rank.
    expect(lines[lines.findIndex((l) => l.startsWith(CRITIC_IDS[CRITIC_IDS.length - 1])) + 1]).toMatch(/^trend: .*fixed scale.*█ 70%\+$/);
    expect(lines.some((l) => /^length .*within/.test(l))).toBe(true);
    expect(lines.some((l) => /^hooks /.test(l))).toBe(true);
    expect(lines.some((l) => /^pacing .*tracking accuracy \d/.test(l))).toBe(true);
    expect(lines.some((l) => /^prompt .*at turn 10/.test(l))).toBe(true);
    // The planner's cadence per player, so a run with the planner off (or another pacing read) shows it.
    expect(lines.find((l) => l.startsWith('beats '))).toMatch(/^beats {8}slow (\w+ \d+%(, )?)+.*; fast (\w+ \d+%(, )?)+/);
  });

  it('gives the prompt size at the last turn alone, and why, when no episode reached turn 10', () => {
    const short = { ...planner, summary: { ...planner.summary, promptGrowth: { at10: null, last: 3854, lastTurn: 5, ratio: null } } };
    // It read '— tokens at turn 10, 3854 at turn 5'.
    expect(renderTable(short)).toContain('prompt       3854 tokens at turn 5 (no episode reached turn 10)');
    expect(renderHtml(short)).toContain('3854 tokens at turn 5 (no episode reached turn 10)');
    // Every episode failed at its first turn: no size at all ('— tokens at turn —').
    const none = { ...planner, summary: { ...planner.summary, promptGrowth: { at10: null, last: null, lastTurn: null, ratio: null } } };
    expect(renderTable(none)).toContain('prompt       — (no turn was played)');
  });

  it('draws a progress bar with ETA on a TTY and a plain line per episode otherwise', () => {
    expect(progressLine(5, 10, 1, 2, 5000, 10)).toBe('[█████·····] 5/10 turns · 1/2 episodes · ETA 5s');
    let tty = '';
    let plain = '';
    let now = 0;
    const episodes = planner.episodes;
    const bar = progressReporter(
      { isTTY: true, columns: 100, write: (t: string) => (tty += t) },
      episodes.map((e) => ({ ...e, turns: [], status: 'pending' as const })),
      0,
      () => now,
    );
    now = 2000;
    bar.report({ type: 'turn', episode: 0, turnsDone: 4, turnsTotal: 36 });
    bar.report({ type: 'episode', episode: 0, status: 'done', turns: 12, failures: 0, ms: 10 });
    bar.end();
    expect(tty).toMatch(/\r\[█+·+\] 4\/36 turns · 0\/3 episodes · ETA 16s/);
    expect(tty).not.toContain('episode glass-orchard');
    const log = progressReporter({ isTTY: false, write: (t: string) => (plain += t) }, episodes, 0, () => now);
    log.report({ type: 'turn', episode: 0, turnsDone: 4, turnsTotal: 36 });
    log.report({ type: 'episode', episode: 1, status: 'done', turns: 12, failures: 1, ms: 1500 });
    expect(plain).toBe('episode glass-orchard/fast: done, 12 turns, 1 failed attempt (2s)\n');
  });
});

describe('HTML report', () => {
  it('is self-contained: SVG charts, no scripts, no external href or src', () => {
    const html = renderHtml(planner);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)?.length).toBe(4);
    for (const title of [
      'Critic flag rate per turn',
      'Reply length against the target band',
      'Pacing estimate against',
      'Prompt tokens per turn',
    ])
      expect(html).toContain(title);
    expect(html).toContain('<h2>By player</h2>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/\b(?:href|src)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it('escapes every text it shows', () => {
    const hostile: EvalResult = viaJson(planner);
    hostile.config.worlds = ['<b onmouseover=alert(1)>w'];
    hostile.episodes[0].turns[0].input = '<img src=x onerror=alert(1)>';
    hostile.episodes[0].turns[0].reply = '"quoted" & <b>bold</b>';
    hostile.episodes[0].player = '<svg onload=alert(1)>' as never;
    const html = renderHtml(hostile);
    expect(html).not.toContain('<b onmouseover');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<svg onload');
    expect(html).toContain('&lt;b onmouseover=alert(1)&gt;w');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
  });
});

describe('eval compare', () => {
  it('marks differences with arrows and says better or worse by direction', () => {
    expect(markDifference(0.2, 0.1, 'lower')).toBe('▼ -10.0% better');
    expect(markDifference(0.1, 0.2, 'lower')).toBe('▲ +10.0% worse');
    expect(markDifference(0.5, 0.8, 'higher')).toBe('▲ +30.0% better');
    expect(markDifference(0.8, 0.5, 'higher')).toBe('▼ -30.0% worse');
    expect(markDifference(0.3, 0.3, 'lower')).toBe('=');
  });

  it('calls a difference chance could make "within noise", not better or worse', () => {
    // One flagged turn in ninety against none read "▲ +1.1% worse".
    expect(markDifference(0, 1 / 90, 'lower', true, [90, 90])).toBe('▲ +1.1% within noise');
    expect(markDifference(0.02, 0.2, 'lower', true, [90, 90])).toBe('▲ +18.0% worse');
    expect(markDifference(0.9, 0.8, 'higher', true, [400, 400])).toBe('▼ -10.0% worse');
    expect(markDifference(0.9, 0.8, 'higher', true, [20, 20])).toBe('▼ -10.0% within noise');
    expect(beyondNoise(0, 1000, 0.01, 1000)).toBe(true);
    expect(beyondNoise(0, 10, 0.1, 10)).toBe(false);
    const once = viaJson(planner);
    once.summary.rates.filler = (planner.summary.rates.filler ?? 0) + 1 / planner.summary.turns;
    expect(renderComparison(planner, once, ['a.json', 'b.json']).find((l) => l.startsWith('filler'))).toMatch(/▲ \+2\.8% within noise$/);
  });

  it('says when two runs differ in length or players, and labels a window each run fills differently', async () => {
    expect(renderComparison(planner, ablation, ['a.json', 'b.json']).some((l) => l.startsWith('Note:'))).toBe(false);
    const short = viaJson(await offlineRun(offlineConfig({ players: ['slow', 'fast'], turns: 6 })));
    const lines = renderComparison(planner, short, ['long.json', 'short.json']);
    // Late turns flag more: a 12-turn run's overall rates against a 6-turn run's read as a worse model.
    expect(lines[2]).toBe(
      'Note: the runs differ in length (12 vs 6 turns an episode), players (slow, fast, terse vs slow, fast): their overall rates are not comparable; the windows are.',
    );
    expect(lines).toContain('turns 1-10 (A), 1-6 (B)');
    expect(lines).toContain('turns 11-12');
  });

  it('prints the two runs side by side: rates, windows, length, hook rate, pacing accuracy', () => {
    const lines = renderComparison(planner, ablation, ['planner.json', 'ablation.json']);
    expect(lines[0]).toMatch(/^A: planner\.json — .*planner on/);
    expect(lines[1]).toMatch(/^B: ablation\.json — .*planner off/);
    for (const id of CRITIC_IDS) expect(lines.some((l) => l.startsWith(id))).toBe(true);
    expect(lines).toContain('turns 1-10');
    expect(lines).toContain('turns 11-12');
    for (const label of ['length within target', 'mean reply tokens', 'hook rate', 'pacing accuracy', 'prompt tokens (last)']) {
      expect(lines.some((l) => l.startsWith(label))).toBe(true);
    }
    // The mean reply length differs between the real runs; it is marked by distance from the target.
    expect(lines.find((l) => l.startsWith('mean reply tokens'))).toMatch(/[▲▼] [+-][\d.]+ from target (better|worse)$|=$/);
  });

  it('marks a run with more flags and fewer hooks as worse, and the reverse as better', () => {
    const worse = viaJson(planner);
    worse.summary.rates.repetition = (planner.summary.rates.repetition ?? 0) + 0.25;
    worse.summary.windows[1].rates['no-hook'] = 0.5;
    worse.summary.hookRate = planner.summary.hookRate - 0.2;
    const lines = renderComparison(planner, worse, ['a.json', 'b.json']);
    expect(lines.find((l) => l.startsWith('repetition'))).toMatch(/▲ \+25\.0% worse$/);
    expect(lines.find((l) => l.startsWith('hook rate'))).toMatch(/▼ -20\.0% worse$/);
    const window = lines.slice(lines.indexOf('turns 11-12'));
    expect(window.find((l) => l.trim().startsWith('no-hook'))).toMatch(/▲ \+50\.0% worse$/);
    const reverse = renderComparison(worse, planner, ['b.json', 'a.json']);
    expect(reverse.find((l) => l.startsWith('repetition'))).toMatch(/▼ -25\.0% better$/);
    expect(reverse.find((l) => l.startsWith('hook rate'))).toMatch(/▲ \+20\.0% better$/);
    const same = CRITIC_IDS.find((id) => id !== 'repetition')!;
    expect(lines.find((l) => l.startsWith(same))).toMatch(/=$/);
  });
});
