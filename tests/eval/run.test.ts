import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRITIC_IDS } from '../../src/engine/types.js';
import { readResult, writeResult } from '../../src/eval/files.js';
import { isComplete } from '../../src/eval/run.js';
import type { EvalResult } from '../../src/eval/types.js';
import { offlineConfig, offlineRun, viaJson, withoutTimings } from './helpers.js';

describe('offline evaluation', () => {
  it('is deterministic by seed: two runs give the same JSON apart from timings', async () => {
    const config = offlineConfig({ players: ['slow', 'fast', 'erratic', 'prober', 'adversarial', 'terse'], turns: 5 });
    const [one, two] = [await offlineRun(config), await offlineRun({ ...config })];
    expect(withoutTimings(viaJson(one))).toEqual(withoutTimings(viaJson(two)));
    const other = await offlineRun({ ...config, seed: 3 });
    expect(other.episodes.map((e) => e.turns.map((t) => t.input))).not.toEqual(one.episodes.map((e) => e.turns.map((t) => t.input)));
  });

  it('records every critic, length, pacing, prompt tokens, beat and timings for each turn', async () => {
    const result = await offlineRun(offlineConfig({ players: ['slow', 'fast'], turns: 4 }));
    expect(isComplete(result)).toBe(true);
    expect(result.episodes).toHaveLength(2);
    for (const episode of result.episodes) {
      expect(episode.status).toBe('done');
      expect(episode.turns.map((t) => t.turn)).toEqual([1, 2, 3, 4]);
      for (const turn of episode.turns) {
        expect(Object.keys(turn.critics).sort()).toEqual([...CRITIC_IDS].sort());
        for (const c of Object.values(turn.critics)) {
          expect(c.rate).toBeGreaterThanOrEqual(0);
          expect(c.rate).toBeLessThanOrEqual(1);
        }
        expect(turn.candidates).toBe(3);
        expect(turn.length.tokens).toBeGreaterThan(0);
        expect(turn.length.target[0]).toBeLessThan(turn.length.target[1]);
        expect(turn.promptTokens).toBeGreaterThan(0);
        expect(turn.reply.length).toBeGreaterThan(0);
        expect(turn.timing.turnMs).toBeGreaterThanOrEqual(0);
        expect(turn.pacing.truth).toEqual(episode.player === 'slow' ? [-1, -0.2] : [0.2, 1]);
        expect(typeof turn.pacing.tracked).toBe('boolean');
      }
    }
    expect(result.summary.pacing.accuracy).not.toBeNull();
  });

  it('plays the ablation with the planner off (neutral plans)', async () => {
    const off = await offlineRun(offlineConfig({ players: ['fast'], turns: 4, planner: false }));
    const on = await offlineRun(offlineConfig({ players: ['fast'], turns: 4 }));
    expect(off.episodes[0].log[0]).toMatchObject({ type: 'session-start', planner: false });
    expect(on.episodes[0].log[0]).toMatchObject({ type: 'session-start', planner: true });
    expect(off.episodes[0].turns.map((t) => t.beat)).not.toEqual(on.episodes[0].turns.map((t) => t.beat));
  });

  it('plays at most --concurrency episodes at once, and does run them in parallel', async () => {
    const { createOfflineNarrator } = await import('../../src/providers/offline/index.js');
    const offline = createOfflineNarrator({ seed: 2, delayMs: 2 });
    let active = 0;
    let peak = 0;
    const counting = {
      ...offline,
      async *generate(request: Parameters<typeof offline.generate>[0]) {
        active += 1;
        peak = Math.max(peak, active);
        try {
          yield* offline.generate(request);
        } finally {
          active -= 1;
        }
      },
    };
    await offlineRun(offlineConfig({ players: ['slow', 'fast', 'terse', 'erratic', 'prober'], turns: 3, concurrency: 2 }), {
      provider: counting,
    });
    expect(peak).toBe(2);
    peak = 0;
    await offlineRun(offlineConfig({ players: ['slow', 'fast', 'terse'], turns: 2, concurrency: 1 }), { provider: counting });
    expect(peak).toBe(1);
  });

  it("keeps evals out of the player's sessions and pacing profile", async () => {
    const { dataPaths } = await import('../../src/paths.js');
    const { existsSync, readdirSync } = await import('node:fs');
    await offlineRun(offlineConfig({ players: ['fast'], turns: 2 }));
    const sessions = dataPaths().sessions;
    expect(existsSync(sessions) ? readdirSync(sessions).filter((f) => f.includes('eval')) : []).toEqual([]);
    expect(existsSync(dataPaths().profile)).toBe(false);
  });
});

describe('resume', () => {
  it('continues an interrupted run and ends with the same result as an uninterrupted one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-eval-resume-'));
    const file = join(dir, 'run.json');
    const config = offlineConfig({ players: ['slow', 'prober', 'erratic'], turns: 7, concurrency: 2 });
    const whole = await offlineRun(config);

    const controller = new AbortController();
    const partial = await offlineRun(config, {
      signal: controller.signal,
      saveEveryMs: 0,
      save: (r) => writeResult(file, r),
      onProgress: (p) => {
        if (p.type === 'turn' && p.turnsDone >= 8) controller.abort();
      },
    });
    expect(isComplete(partial)).toBe(false);
    const saved = await readResult(file);
    const playedBefore = saved.episodes.reduce((n, e) => n + e.turns.length, 0);
    expect(playedBefore).toBeGreaterThanOrEqual(8);
    expect(playedBefore).toBeLessThan(21);
    expect(saved.episodes.some((e) => e.status !== 'done')).toBe(true);

    const resumed = await offlineRun(saved.config, { save: (r) => writeResult(file, r) }, saved);
    expect(isComplete(resumed)).toBe(true);
    expect(withoutTimings(viaJson(resumed))).toEqual(withoutTimings(viaJson(whole)));
    expect(withoutTimings(JSON.parse(readFileSync(file, 'utf8')))).toEqual(withoutTimings(viaJson(whole)));
  });

  it('records a turn that reached the log but not the turn list (a crash between the two)', async () => {
    const config = offlineConfig({ players: ['fast'], turns: 4 });
    const whole = viaJson(await offlineRun(config));
    const cut: EvalResult = viaJson(whole);
    cut.episodes[0].turns = cut.episodes[0].turns.slice(0, 2);
    cut.episodes[0].status = 'running';
    delete cut.finishedAt;
    const resumed = await offlineRun(config, {}, cut);
    expect(resumed.episodes[0].turns.map((t) => t.turn)).toEqual([1, 2, 3, 4]);
    expect(withoutTimings(viaJson(resumed.episodes[0].turns))).toEqual(withoutTimings(whole.episodes[0].turns));
  });

  it('records failed attempts, retries them, and marks an episode failed when retries run out', async () => {
    const { createOfflineNarrator } = await import('../../src/providers/offline/index.js');
    const offline = createOfflineNarrator({ seed: 2 });
    let calls = 0;
    // Every third generation fails before any text: the turn is retried and the failure kept.
    const flaky = {
      ...offline,
      async *generate(request: Parameters<typeof offline.generate>[0]) {
        calls += 1;
        if (calls % 3 === 2) {
          for (let i = 0; i < request.candidates.length; i++)
            yield {
              type: 'error' as const,
              candidate: i,
              error: { kind: 'server' as const, message: 'The server failed (500); try again.', retryable: true },
            };
          return;
        }
        yield* offline.generate(request);
      },
    };
    const result: EvalResult = await offlineRun(offlineConfig({ players: ['fast'], turns: 4 }), { provider: flaky });
    const episode = result.episodes[0];
    expect(episode.status).toBe('done');
    expect(episode.turns).toHaveLength(4);
    expect(episode.failures.length).toBeGreaterThan(0);
    expect(episode.failures[0]).toMatchObject({ attempt: 1, kind: 'server' });
    expect(episode.failures[0].error).toMatch(/500/);
    const retried = episode.turns.find((t) => t.turn === episode.failures[0].turn)!;
    expect(retried.attempts).toBe(2);
    expect(result.summary.failedTurns).toBe(episode.failures.length);
    expect(episode.turns.every((t) => t.warnings === undefined)).toBe(true);

    // A turn where one candidate fails still commits; the failure is kept as a warning.
    const partly = {
      ...offline,
      async *generate(request: Parameters<typeof offline.generate>[0]) {
        for await (const event of offline.generate(request)) {
          if (event.candidate === 1 && event.type !== 'done') continue;
          if (event.candidate === 1 && event.type === 'done') {
            yield {
              type: 'error' as const,
              candidate: 1,
              error: { kind: 'server' as const, message: 'Candidate two failed (500).', retryable: true },
            };
            continue;
          }
          yield event;
        }
      },
    };
    const warned = await offlineRun(offlineConfig({ players: ['fast'], turns: 2 }), { provider: partly });
    expect(warned.episodes[0].failures).toEqual([]);
    expect(warned.episodes[0].turns[0].warnings?.join(' ')).toMatch(/Candidate two failed/);

    const dead = {
      ...offline,
      async *generate(request: Parameters<typeof offline.generate>[0]) {
        for (let i = 0; i < request.candidates.length; i++)
          yield {
            type: 'error' as const,
            candidate: i,
            error: { kind: 'connection' as const, message: 'Cannot reach the endpoint.', retryable: true },
          };
      },
    };
    const failed = await offlineRun(offlineConfig({ players: ['fast'], turns: 3 }), { provider: dead, maxAttempts: 2 });
    expect(failed.episodes[0]).toMatchObject({ status: 'failed', turns: [] });
    expect(failed.episodes[0].failures.map((f) => f.attempt)).toEqual([1, 2]);
    expect(failed.episodes[0].error).toMatch(/Turn 1 failed 2 times/);
    expect(failed.summary.failedEpisodes).toBe(1);
    expect(isComplete(failed)).toBe(true);
  });
});
