/**
 * The evaluation's data: the run's configuration, one record per played turn, episodes, and the
 * summary. `episodes[].turns[]`, `summary.rates` (keyed by critic id) and `summary.windows` are
 * the JSON contract other tools read; everything else may grow.
 */
import type { SessionRecord } from '../engine/session/records.js';
import type { RunSamplers } from '../engine/session/samplers.js';
import type { Beat, Cadence } from '../engine/types.js';

/** Bumped when the JSON shape changes incompatibly. */
export const EVAL_VERSION = 1;

export type PlayerStyle = 'slow' | 'fast' | 'terse' | 'erratic' | 'prober' | 'adversarial';
export const PLAYER_STYLES: readonly PlayerStyle[] = ['slow', 'fast', 'terse', 'erratic', 'prober', 'adversarial'];
export interface EvalConfig {
  worlds: string[];
  players: PlayerStyle[];
  turns: number;
  seed: number;
  concurrency: number;
  /** Model options, as given (kept so `--resume` continues with the same settings). */
  offline?: boolean;
  profile?: string;
  baseUrl?: string;
  model?: string;
  /** Text completion through an instruct template, when asked for (`--api completions --template`). */
  api?: 'chat' | 'completions';
  template?: string;
  /** The reasoning template of the run, when asked for (`--reasoning`). */
  reasoning?: string;
  candidates: number;
  budget: number;
  planner: boolean;
  /** The judge's profile, when one is configured. */
  judge?: string;
  /** Sampler layers (profile, preset, flags) as resolved when the run began, so `--resume` sends the same. */
  samplers?: RunSamplers;
  /** "offline narrator" or "profile · model". */
  provider?: string;
}

/** One critic on one turn: the chosen reply's flag and score, and the flag rate across candidates. */
export interface TurnCritic {
  flagged: boolean;
  score: number;
  /** Flagged candidates / candidates. */
  rate: number;
  /** The chosen reply got a hint from this critic (a finding it was not sure of; never a flag). */
  hint?: boolean;
  /** Hinted candidates / candidates. */
  hintRate?: number;
}

export interface EvalTurn {
  turn: number;
  input: string;
  reply: string;
  chosen: number;
  candidates: number;
  /** Keyed by critic id. */
  critics: Record<string, TurnCritic>;
  judge?: { flagged: boolean; score: number; why?: string } | { error: string };
  length: { tokens: number; target: [number, number]; within: boolean };
  promptTokens: number;
  pacing: { estimate: number; confidence: number; truth: [number, number] | null; tracked: boolean | null };
  /** The kept candidate's beat and cadence: what the story told (its variant of the plan). */
  beat: Beat;
  cadence: Cadence;
  /** The story's tension after the kept reply (absent in older files). */
  tension?: number;
  /** The planner's beat and cadence, when the kept candidate was a variant of another (absent otherwise). */
  planned?: { beat: Beat; cadence: Cadence };
  thread?: string;
  /** Set when the simulated player steered the story because it stalled. */
  director?: string;
  /** Tries it took (1 when the first one worked). */
  attempts: number;
  /** Errors of a turn that still committed (a candidate that failed, a summary not updated). */
  warnings?: string[];
  timing: { turnMs: number; ttftMs: number | null; playerMs: number; judgeMs: number | null };
}

/** A turn attempt that failed; kept even when a retry later succeeded. */
export interface TurnFailure {
  turn: number;
  attempt: number;
  input: string;
  error: string;
  kind: string;
}

export type EpisodeStatus = 'pending' | 'running' | 'done' | 'failed';

export interface Episode {
  world: string;
  player: PlayerStyle;
  seed: number;
  status: EpisodeStatus;
  turns: EvalTurn[];
  failures: TurnFailure[];
  /** Why the episode stopped early. */
  error?: string;
  /** The session log, so `--resume` can rebuild the session exactly where it stopped. */
  log: SessionRecord[];
}

export interface WindowRates {
  from: number;
  /** null: open-ended (161+). */
  to: number | null;
  /** The last turn any episode reached inside the window (a 30-turn run fills 21-40 up to 30). */
  last?: number;
  turns: number;
  rates: Record<string, number>;
}

/** One player's story in one window of turns. */
export interface PlayerWindow {
  from: number;
  to: number | null;
  last: number;
  turns: number;
  /** Share of the replies' substantial sentences told word for word in an earlier reply of the episode. */
  recycled: number;
  /** Share of replies whose last line (what the player answers) ended an earlier reply word for word. */
  endings: number;
  /** Plot-thread beats brought in, per ten turns. */
  threads: number;
  /** The kept replies' tension: lowest, mean and highest; null when no turn recorded one. */
  tension: { low: number; mean: number; high: number } | null;
}

export interface EvalSummary {
  episodes: number;
  turns: number;
  failedTurns: number;
  failedEpisodes: number;
  /** Flag rate of each critic on the chosen reply, keyed by critic id. */
  rates: Record<string, number>;
  /** Flag rate of each critic across all candidates. */
  candidateRates: Record<string, number>;
  /** Hint rate of each critic on the chosen reply: findings it was not sure of, counted apart from flags (absent in older files). */
  hintRates?: Record<string, number>;
  windows: WindowRates[];
  length: {
    mean: number;
    median: number;
    p10: number;
    p90: number;
    within: number;
    below: number;
    above: number;
    targetMean: [number, number];
  };
  /** Repetition's flag rate and mean score per window. */
  repetition: Array<{ from: number; to: number | null; last?: number; rate: number; score: number }>;
  /**
   * Per window, the share of the replies' sentences told word for word in an earlier reply of the
   * same episode, however long ago (the repetition critic reads only the last few; absent in older files).
   */
  recycled?: Array<{ from: number; to: number | null; last?: number; rate: number }>;
  /** Share of replies that end on something to answer (no-hook not flagged). */
  hookRate: number;
  /** Share of slow/fast turns whose pacing estimate lay in the style's band; null without such turns. */
  pacing: { accuracy: number | null; turns: number; byStyle: Record<string, { accuracy: number; turns: number; mean: number }> };
  /** Mean prompt tokens at turn 10 (over episodes that reached it; null when none did) and at each episode's last turn. */
  promptGrowth: { at10: number | null; last: number | null; lastTurn: number | null; ratio: number | null };
  judge: { mean: number; rate: number; turns: number; errors: number } | null;
  byPlayer: Record<
    string,
    {
      turns: number;
      rates: Record<string, number>;
      hookRate: number;
      /** The planner's beats: each one's share of the player's turns (absent in older files). */
      beats?: Partial<Record<Beat, number>>;
      /** Mean rising beats (escalate, complicate, reveal) before each breathe or resolve; null with no fall (absent in older files). */
      build?: number | null;
      /**
       * The player's story over time, per window (absent in older files): an average over players
       * hides one whose story fell apart after turn forty.
       */
      story?: PlayerWindow[];
    }
  >;
}

export interface EvalResult {
  version: typeof EVAL_VERSION;
  config: EvalConfig;
  /** ms since the epoch. */
  startedAt: number;
  finishedAt?: number;
  episodes: Episode[];
  summary: EvalSummary;
}
