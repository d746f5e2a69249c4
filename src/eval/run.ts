/**
 * The runner: episodes = worlds x players, played with bounded concurrency through the real
 * `Session`. Progress is saved after every turn (through `save`), so a long run can be
 * interrupted and resumed from its JSON: finished episodes are kept, the others continue from
 * their session log.
 */
import { hashSeed } from '../engine/random.js';
import { TokenCounter } from '../engine/tokens.js';
import type { Clock, Provider } from '../engine/types.js';
import type { WorldPack } from '../world/types.js';
import { playEpisode } from './episode.js';
import { createPlayer } from './players/index.js';
import type { SimulatedPlayer } from './players/player.js';
import { summarize } from './summary.js';
import { EVAL_VERSION, type Episode, type EvalConfig, type EvalResult, type PlayerStyle } from './types.js';

export type Progress =
  | { type: 'turn'; episode: number; turnsDone: number; turnsTotal: number }
  | { type: 'episode'; episode: number; status: Episode['status']; turns: number; failures: number; ms: number };

export interface RunDeps {
  /** The world pack for an id given in `config.worlds`. */
  loadWorld(world: string): Promise<WorldPack>;
  provider: Provider;
  judge?: Provider;
  /** Overrides the player (tests); default: scripted offline, the model agent otherwise. */
  makePlayer?: (style: PlayerStyle, seed: number) => SimulatedPlayer;
  clock?: Clock;
  /** Persists the result so far; called after every turn, one call at a time. */
  save?: (result: EvalResult) => Promise<void>;
  onProgress?(progress: Progress): void;
  signal?: AbortSignal;
  maxAttempts?: number;
  /** Least time between two saves while turns are played (default 1000 ms; 0 saves every turn). */
  saveEveryMs?: number;
}

const systemClock: Clock = { now: () => Date.now() };

/** A fresh result: every episode pending, in world-then-player order. */
export function newResult(config: EvalConfig, clock: Clock = systemClock): EvalResult {
  const episodes: Episode[] = [];
  for (const world of config.worlds) {
    for (const player of config.players) {
      episodes.push({ world, player, seed: hashSeed(config.seed, world, player), status: 'pending', turns: [], failures: [], log: [] });
    }
  }
  return { version: EVAL_VERSION, config, startedAt: clock.now(), episodes, summary: summarize([]) };
}

/** Plays every unfinished episode of `result` and returns it with its summary. */
export async function runEval(result: EvalResult, deps: RunDeps): Promise<EvalResult> {
  const clock = deps.clock ?? systemClock;
  const counter = new TokenCounter();
  const packs = new Map<string, Promise<WorldPack>>();
  const packOf = (world: string) => {
    const known = packs.get(world);
    if (known) return known;
    const loading = deps.loadWorld(world);
    packs.set(world, loading);
    return loading;
  };
  // One save at a time, coalesced: a turn that ends while a save runs is covered by the next one,
  // and saves come at most every `saveEveryMs` (a long run's JSON grows, so per-turn writes add up).
  const saveEveryMs = deps.saveEveryMs ?? 1000;
  let saving: Promise<void> | undefined;
  let pending = false;
  let lastSave = -Infinity;
  const flush = async (write: (result: EvalResult) => Promise<void>): Promise<void> => {
    try {
      while (pending) {
        pending = false;
        result.summary = summarize(result.episodes);
        lastSave = clock.now();
        await write(result);
      }
    } finally {
      // Cleared in the same tick the loop ends, so a save asked for later starts a new flush.
      saving = undefined;
    }
  };
  const save = (force = false): Promise<void> => {
    const write = deps.save;
    if (!write) return Promise.resolve();
    if (!force && clock.now() - lastSave < saveEveryMs) return Promise.resolve();
    pending = true;
    saving ??= flush(write);
    return saving;
  };
  const turnsTotal = result.episodes.length * result.config.turns;
  const turnsDone = () => result.episodes.reduce((n, e) => n + e.turns.length, 0);

  const queue = result.episodes.map((_, i) => i).filter((i) => result.episodes[i].status !== 'done');
  const worker = async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      if (deps.signal?.aborted) return;
      const episode = result.episodes[i];
      const started = clock.now();
      const pack = await packOf(episode.world);
      const player = deps.makePlayer
        ? deps.makePlayer(episode.player, episode.seed)
        : createPlayer(episode.player, episode.seed, deps.provider);
      await playEpisode(episode, {
        pack,
        provider: deps.provider,
        player,
        config: result.config,
        clock,
        counter,
        ...(deps.judge ? { judge: deps.judge } : {}),
        ...(deps.signal ? { signal: deps.signal } : {}),
        ...(deps.maxAttempts ? { maxAttempts: deps.maxAttempts } : {}),
        onTurn: async () => {
          deps.onProgress?.({ type: 'turn', episode: i, turnsDone: turnsDone(), turnsTotal });
          await save();
        },
      });
      await save(true);
      if (deps.signal?.aborted && episode.status === 'running') return;
      deps.onProgress?.({
        type: 'episode',
        episode: i,
        status: episode.status,
        turns: episode.turns.length,
        failures: episode.failures.length,
        ms: clock.now() - started,
      });
    }
  };
  const workers = Math.max(1, Math.min(result.config.concurrency, queue.length || 1));
  await Promise.all(Array.from({ length: workers }, worker));
  if (!deps.signal?.aborted) result.finishedAt = clock.now();
  result.summary = summarize(result.episodes);
  await saving;
  await save(true);
  return result;
}

/** True when every episode finished (done or failed for good). */
export function isComplete(result: EvalResult): boolean {
  return result.episodes.every((e) => e.status === 'done' || e.status === 'failed') && result.finishedAt !== undefined;
}
