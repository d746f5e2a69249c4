/**
 * The critics: fast deterministic checks, one per failure mode of long role-play, and the
 * repairs applied before ranking.
 *
 * How the Session uses them (the flag stays visible): run the critics on the RAW text for the
 * flags and evidence shown in the diagnostics, and on the REPAIRED text for the score that ranks
 * candidates, so a reply whose only fault was a stray `</think>` ranks as what the player sees,
 * while the debug pane still shows what the model did. `critiqueCandidate` does exactly that.
 *
 * Cost: everything derived from a pack is compiled once per pack object (WeakMaps), features of
 * earlier replies are memoised, and the cross-turn critics read at most the last six replies
 * (stagnation three), so a candidate costs the same at turn 100 as at turn 5: about 0.2 ms for
 * all thirteen on the development machine.
 */
import type { CriticId, CriticResult } from '../types.js';
import { CRITIC_IDS } from '../types.js';
import { boundary } from './boundary.js';
import type { CriticContext } from './context.js';
import { filler } from './filler.js';
import { formatting } from './formatting.js';
import { ignoresUser } from './ignores-user.js';
import { lawViolation } from './law-violation.js';
import { lengthCritic } from './length.js';
import { mixedLanguage } from './mixed-language.js';
import { noHook } from './no-hook.js';
import { outOfCharacter } from './out-of-character.js';
import { referenceConfusion } from './reference-confusion.js';
import { repairReply, type RepairOptions } from './repair.js';
import { repetition } from './repetition.js';
import { speaksForUser } from './speaks-for-user.js';
import { stagnation } from './stagnation.js';
import { round, settle } from './text.js';

export type { CriticContext } from './context.js';
export { SURE_CONFIDENCE, settle } from './text.js';
export { LENGTH_LIMIT_REPAIR, repairReply, type Repaired, type RepairOptions } from './repair.js';
export { judgeReply, parseJudgement, judgePrompt } from './judge.js';
export { warmBoundary } from './boundary.js';
export { warmFiller } from './filler.js';

export type Critic = (text: string, ctx: CriticContext) => CriticResult;

/** Every critic by id. */
export const CRITICS: Readonly<Record<CriticId, Critic>> = {
  'mixed-language': mixedLanguage,
  repetition,
  formatting,
  'reference-confusion': referenceConfusion,
  'law-violation': lawViolation,
  stagnation,
  filler,
  'out-of-character': outOfCharacter,
  'speaks-for-user': speaksForUser,
  'ignores-user': ignoresUser,
  'no-hook': noHook,
  length: lengthCritic,
  boundary,
};

/** How much each critic counts in the aggregate: breaking the fiction or the player's agency weighs most. */
export const CRITIC_WEIGHTS: Readonly<Record<CriticId | 'judge', number>> = {
  'speaks-for-user': 4,
  'law-violation': 4,
  'out-of-character': 4,
  'reference-confusion': 4,
  'mixed-language': 4,
  boundary: 3,
  formatting: 2,
  repetition: 2,
  'ignores-user': 2,
  stagnation: 1,
  filler: 1,
  'no-hook': 1,
  length: 1,
  judge: 3,
};

/** Runs all thirteen critics, in `CRITIC_IDS` order; findings a critic is not sure of are settled as hints. */
export function runCritics(text: string, ctx: CriticContext): CriticResult[] {
  return CRITIC_IDS.map((id) => settle(CRITICS[id](text, ctx)));
}

/** Weighted mean of the critics' scores, 0..1, higher is better; 1 when there are none. */
export function aggregateScore(results: CriticResult[]): number {
  let sum = 0;
  let weights = 0;
  for (const r of results) {
    const w = CRITIC_WEIGHTS[r.id] ?? 1;
    sum += w * Math.min(1, Math.max(0, r.score));
    weights += w;
  }
  return weights === 0 ? 1 : round(sum / weights);
}

export interface CritiquedCandidate {
  /** The repaired text, shown to the player. */
  text: string;
  repairs: string[];
  /** Critics on the raw text: what the model did. */
  critics: CriticResult[];
  /** Aggregate score of the repaired text: what the player would get. */
  score: number;
}

/** Repairs a raw reply, critiques the raw text for flags and scores the repaired one. */
export function critiqueCandidate(raw: string, ctx: CriticContext, options: RepairOptions = {}): CritiquedCandidate {
  const { text, repairs } = repairReply(raw, ctx, options);
  const critics = runCritics(raw, ctx);
  const score = text === raw ? aggregateScore(critics) : aggregateScore(runCritics(text, ctx));
  return { text, repairs, critics, score };
}
