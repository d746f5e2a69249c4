/** Turns a committed `Turn` into the evaluation's per-turn record. */
import { planForVariant } from '../engine/carousel/index.js';
import { CRITIC_IDS, type CriticResult, type Turn } from '../engine/types.js';
import type { TokenCounter } from '../engine/tokens.js';
import type { EvalTurn, PlayerStyle, TurnCritic } from './types.js';
import { pacingTruth } from './players/styles.js';

export interface RecordExtras {
  style: PlayerStyle;
  counter: TokenCounter;
  attempts: number;
  director?: string;
  warnings?: string[];
  judge?: EvalTurn['judge'];
  timing: EvalTurn['timing'];
}

/** The per-turn record: every critic on the chosen reply and across candidates, length, pacing, plan. */
export function recordTurn(turn: Turn, extras: RecordExtras): EvalTurn {
  const chosen = turn.candidates[turn.chosen];
  const usable = turn.candidates.filter((c) => c.text.trim().length > 0);
  const critics: Record<string, TurnCritic> = {};
  for (const id of CRITIC_IDS) {
    const mine = chosen?.critics.find((c) => c.id === id);
    const flaggedCount = usable.filter((c) => flagOf(c.critics, id)).length;
    const hintedCount = usable.filter((c) => hintOf(c.critics, id)).length;
    critics[id] = {
      flagged: mine?.flagged ?? false,
      score: round(mine?.score ?? 1),
      rate: usable.length ? round(flaggedCount / usable.length) : 0,
      // Hints are counted apart: a finding the critic was not sure of is never a flag.
      ...(mine?.hint && !mine.flagged ? { hint: true } : {}),
      ...(hintedCount > 0 ? { hintRate: round(hintedCount / usable.length) } : {}),
    };
  }
  const reply = chosen?.text ?? '';
  const tokens = extras.counter.count(reply);
  // The kept reply was written, and its length critic judged, under its own variant's target: a
  // gentler candidate kept was long against the planned target though the critic found it right.
  const kept = chosen ? planForVariant(turn.plan, chosen.variant) : turn.plan;
  const target = kept.targetLength;
  const truth = pacingTruth(extras.style);
  const estimate = round(turn.pacing.score);
  return {
    turn: turn.number,
    input: turn.input.text,
    reply,
    chosen: turn.chosen,
    candidates: turn.candidates.length,
    critics,
    ...(extras.judge ? { judge: extras.judge } : {}),
    length: { tokens, target: [target[0], target[1]], within: tokens >= target[0] && tokens <= target[1] },
    promptTokens: turn.prompt.tokens,
    pacing: {
      estimate,
      confidence: round(turn.pacing.confidence),
      truth,
      tracked: truth ? estimate >= truth[0] && estimate <= truth[1] : null,
    },
    // The story told is the kept candidate's: a gentler breathe kept over a planned escalate is a
    // breathe in the story, and in the beats the report counts.
    beat: kept.beat,
    cadence: kept.cadence,
    tension: kept.tension,
    ...(kept.beat !== turn.plan.beat || kept.cadence !== turn.plan.cadence
      ? { planned: { beat: turn.plan.beat, cadence: turn.plan.cadence } }
      : {}),
    ...(turn.plan.thread ? { thread: turn.plan.thread.id } : {}),
    ...(extras.director ? { director: extras.director } : {}),
    attempts: extras.attempts,
    ...(extras.warnings?.length ? { warnings: extras.warnings } : {}),
    timing: extras.timing,
  };
}

function flagOf(results: CriticResult[], id: string): boolean {
  return results.some((r) => r.id === id && r.flagged);
}

function hintOf(results: CriticResult[], id: string): boolean {
  return results.some((r) => r.id === id && r.hint === true && !r.flagged);
}

/** Three decimals: enough for rates and scores, short in the JSON. */
export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
