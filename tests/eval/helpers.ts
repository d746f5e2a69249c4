import { resolveWorld } from '../../src/world/discover.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { newResult, runEval, type RunDeps } from '../../src/eval/run.js';
import type { EvalConfig, EvalResult } from '../../src/eval/types.js';

export function offlineConfig(overrides: Partial<EvalConfig> = {}): EvalConfig {
  return {
    worlds: ['glass-orchard'],
    players: ['slow', 'terse'],
    turns: 6,
    seed: 2,
    concurrency: 2,
    candidates: 3,
    budget: 8192,
    planner: true,
    offline: true,
    ...overrides,
  };
}

/** Plays an offline evaluation in process with the bundled worlds. */
export async function offlineRun(config: EvalConfig, deps: Partial<RunDeps> = {}, start?: EvalResult): Promise<EvalResult> {
  return runEval(start ?? newResult(config), {
    loadWorld: async (w) => (await resolveWorld(w)).pack,
    provider: createOfflineNarrator({ seed: config.seed }),
    ...deps,
  });
}

const TIMING_KEYS = new Set([
  'timing',
  'at',
  'createdAt',
  'updatedAt',
  'startedAt',
  'finishedAt',
  'ms',
  'ttftMs',
  'totalMs',
  'turnMs',
  'playerMs',
  'judgeMs',
  'tokensPerSecond',
]);

/** A deep copy without timing fields, for comparing runs. */
export function withoutTimings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !TIMING_KEYS.has(k))
        .map(([k, v]) => [k, withoutTimings(v)]),
    );
  }
  return value;
}

/** Through JSON, as a file would carry it. */
export function viaJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
