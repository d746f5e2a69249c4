/**
 * The carousel's candidates: deliberately varied in cadence, so the one the player keeps is a
 * revealed preference, and ranked by their critics so the best is shown first.
 */
import { variantTempo } from '../pacing/tempo.js';
import { lengthFactor, restyleDirective, scaleLength, TENSION_DELTA } from '../planner/index.js';
import type { Beat, Cadence, Candidate, CandidateVariant, Plan, Random } from '../types.js';

const CADENCES: Cadence[] = ['gentle', 'steady', 'bold'];
const ALL_BEATS: Beat[] = ['escalate', 'complicate', 'reveal', 'breathe', 'deepen', 'resolve'];

// When the cadence cannot go further, the beat does: the next quieter / busier beat.
const SOFTER: Record<Beat, Beat> = {
  escalate: 'complicate',
  complicate: 'reveal',
  reveal: 'deepen',
  resolve: 'breathe',
  deepen: 'breathe',
  breathe: 'deepen',
};
const BOLDER: Record<Beat, Beat> = {
  breathe: 'deepen',
  deepen: 'reveal',
  resolve: 'reveal',
  reveal: 'complicate',
  complicate: 'escalate',
  escalate: 'complicate',
};

function step(cadence: Cadence, by: -1 | 1): Cadence {
  return CADENCES[Math.min(2, Math.max(0, CADENCES.indexOf(cadence) + by))];
}

function same(a: Pick<CandidateVariant, 'beat' | 'cadence'>, b: Pick<CandidateVariant, 'beat' | 'cadence'>): boolean {
  return a.beat === b.beat && a.cadence === b.cadence;
}

/** The gentler variant: one cadence step down, or a quieter beat when already gentle. */
export function gentler(plan: Pick<Plan, 'beat' | 'cadence'>): CandidateVariant {
  const cadence = step(plan.cadence, -1);
  return { beat: cadence === plan.cadence ? SOFTER[plan.beat] : plan.beat, cadence, label: 'gentler' };
}

/** The bolder variant: one cadence step up, or a busier beat when already bold. */
export function bolder(plan: Pick<Plan, 'beat' | 'cadence'>): CandidateVariant {
  const cadence = step(plan.cadence, 1);
  return { beat: cadence === plan.cadence ? BOLDER[plan.beat] : plan.beat, cadence, label: 'bolder' };
}

/**
 * N candidate variants: the planned beat and cadence first, then a gentler and a bolder one, then
 * the remaining beat/cadence combinations nearest the plan's tempo. Depends only on the plan and
 * N (variants for N are a prefix of those for N + 1), so regenerating adds the next one; `random`
 * is accepted for the contract but not needed.
 */
export function variantsFor(plan: Plan, n: number, _random: Random): CandidateVariant[] {
  const variants: CandidateVariant[] = [{ beat: plan.beat, cadence: plan.cadence, label: 'planned' }, gentler(plan), bolder(plan)];
  // Three or fewer (nearly every turn) need no ranking of the other combinations.
  if (n <= variants.length) return variants.slice(0, Math.max(0, n));
  const tempo = variantTempo(plan);
  const rest = ALL_BEATS.flatMap((beat) => CADENCES.map((cadence) => ({ beat, cadence })))
    .filter((v) => !variants.some((u) => same(u, v)))
    .map((v, index) => ({ ...v, index, distance: Math.abs(variantTempo(v) - tempo) }))
    .sort((a, b) => a.distance - b.distance || a.index - b.index);
  // Beyond every combination, cycle again: a regenerate must always get a candidate.
  for (let i = 0; variants.length < n; i += 1) {
    const round = Math.floor(i / rest.length);
    const v = rest.length > 0 ? rest[i % rest.length] : variants[i % 3];
    variants.push({ beat: v.beat, cadence: v.cadence, label: `${v.beat}, ${v.cadence}${round > 0 ? ` (${round + 1})` : ''}` });
  }
  return variants.slice(0, Math.max(0, n));
}

/** The plan adjusted for one variant: directive lines, target length and tension follow its beat and cadence. */
export function planForVariant(plan: Plan, variant: CandidateVariant): Plan {
  if (same(plan, variant)) return { ...plan };
  const change = {
    ...(variant.beat !== plan.beat ? { beat: variant.beat } : {}),
    ...(variant.cadence !== plan.cadence ? { cadence: variant.cadence } : {}),
  };
  const factor = lengthFactor(variant.cadence, variant.beat) / lengthFactor(plan.cadence, plan.beat);
  // The planner's own figure for this beat when it gave one (a resolve at a climax falls to the
  // release, not one step); a plan logged before it shifts the planned tension by a step.
  const tension =
    plan.tensionByBeat?.[variant.beat] ??
    Math.min(0.95, Math.max(0.05, plan.tension - TENSION_DELTA[plan.beat] + TENSION_DELTA[variant.beat]));
  return {
    ...plan,
    beat: variant.beat,
    cadence: variant.cadence,
    directive: restyleDirective(plan.directive, change),
    targetLength: scaleLength(plan.targetLength, factor),
    tension: Math.round(tension * 1000) / 1000,
  };
}

function flaggedCount(candidate: Candidate): number {
  return candidate.critics.filter((c) => c.flagged).length;
}

function failed(candidate: Candidate): boolean {
  return Boolean(candidate.error) && candidate.text.trim().length === 0;
}

/**
 * Candidates best first: by score, then fewer flagged critics, then their original order; a
 * candidate that failed with no text goes last.
 */
export function rankCandidates(candidates: Candidate[]): Candidate[] {
  return candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort(
      (a, b) =>
        Number(failed(a.candidate)) - Number(failed(b.candidate)) ||
        b.candidate.score - a.candidate.score ||
        flaggedCount(a.candidate) - flaggedCount(b.candidate) ||
        a.index - b.index,
    )
    .map((entry) => entry.candidate);
}
