/**
 * The tension model: a number 0..1 that escalate, complicate and reveal raise and breathe and
 * resolve let fall. The beat is chosen to move tension toward what the player's pacing wants
 * (high for a fast player, low for a slow one) without ever flat-lining or repeating a beat a
 * third time in a row.
 */
import type { Beat, Random } from '../types.js';
import { FLAT_RANGE } from './stagnation.js';

export const TENSION_DELTA: Record<Beat, number> = {
  escalate: 0.18,
  complicate: 0.12,
  reveal: 0.09,
  deepen: 0.03,
  breathe: -0.12,
  resolve: -0.22,
};

export const TENSION_FLOOR = 0.05;
export const TENSION_CEILING = 0.95;
/** Tension before the first planned turn: the opening has set a scene, not a crisis. */
export const OPENING_TENSION = 0.3;
/** Turns in which tension must move by at least FLAT_RANGE. */
export const MOVE_WITHIN = 3;
/** The smallest step that counts as movement when the story risks flat-lining. */
const MIN_MOVE = 0.08;

/** Tension after `beat`, clamped to the model's range. */
export function applyBeat(tension: number, beat: Beat): number {
  return round(Math.min(TENSION_CEILING, Math.max(TENSION_FLOOR, tension + TENSION_DELTA[beat])));
}

/** The tension a player with this pacing score enjoys: 0.15 for a slow burn, 0.75 for fast plot. */
export function targetTension(pacing: number): number {
  return 0.45 + 0.3 * Math.max(-1, Math.min(1, pacing));
}

/** How much a beat suits the pacing by itself, regardless of tension. */
function affinity(beat: Beat, pacing: number): number {
  const lean: Record<Beat, number> = { escalate: 0.35, complicate: 0.2, reveal: 0.1, resolve: 0, deepen: -0.2, breathe: -0.35 };
  return lean[beat] * pacing;
}

/** Beats that would make three in a row. */
export function forbiddenByRepetition(previous: readonly Beat[]): Beat | undefined {
  const n = previous.length;
  return n >= 2 && previous[n - 1] === previous[n - 2] ? previous[n - 1] : undefined;
}

export interface BeatChoice {
  beat: Beat;
  tension: number;
  /** Why, in a few words, when the choice was forced: "tension had not moved for 3 turns". */
  forced?: 'flat' | 'repeat';
}

/**
 * Picks a beat from `allowed` for this pacing, given the tensions of earlier turns (oldest
 * first) and their beats: by `prefer` order when given, else by how close the beat brings
 * tension to what the pacing wants. `random` only breaks near-ties, so the story is not
 * mechanical. When tension would flat-line, beats that move it win, from `fallback` if none of
 * `allowed` can.
 */
export function chooseBeat(input: {
  pacing: number;
  tensions: readonly number[];
  beats: readonly Beat[];
  allowed: readonly Beat[];
  prefer?: readonly Beat[];
  fallback?: readonly Beat[];
  random: Random;
}): BeatChoice {
  const current = input.tensions[input.tensions.length - 1] ?? OPENING_TENSION;
  const repeated = forbiddenByRepetition(input.beats);
  const usable = (beats: readonly Beat[]): Beat[] => beats.filter((b) => b !== repeated);
  let allowed = usable(input.allowed);
  if (allowed.length === 0) allowed = usable(['reveal', 'complicate', 'breathe']);
  // Flat-line guard: the last turns and this one must not all sit within FLAT_RANGE.
  const window = input.tensions.slice(-(MOVE_WITHIN - 1));
  const span = (beat: Beat): number => {
    const all = [...window, applyBeat(current, beat)];
    return Math.max(...all) - Math.min(...all);
  };
  const moves = (beat: Beat): boolean => span(beat) >= FLAT_RANGE && Math.abs(applyBeat(current, beat) - current) >= MIN_MOVE - 1e-9;
  let forced: BeatChoice['forced'];
  const flatNow = window.length === MOVE_WITHIN - 1 && Math.max(...window) - Math.min(...window) < FLAT_RANGE;
  if (flatNow && !allowed.some(moves)) {
    const rescue = [...allowed, ...usable(input.fallback ?? [])];
    const moving = rescue.filter(moves);
    const enough = rescue.filter((b) => span(b) >= FLAT_RANGE);
    // Best effort when nothing moves far enough: the beat that moves tension most.
    const best = [...allowed].sort((a, b) => span(b) - span(a))[0];
    const pool = moving.length > 0 ? moving : enough.length > 0 ? enough : [best];
    if (pool.some((b) => !allowed.includes(b)) || pool.length < allowed.length) forced = 'flat';
    allowed = pool;
  } else if (flatNow) {
    const moving = allowed.filter(moves);
    if (moving.length < allowed.length) forced = 'flat';
    allowed = moving;
  }
  let best: Beat = allowed[0];
  if (input.prefer) {
    best = input.prefer.find((b) => allowed.includes(b)) ?? allowed[0];
  } else {
    const target = targetTension(input.pacing);
    let bestScore = -Infinity;
    for (const beat of allowed) {
      const score = -2 * Math.abs(applyBeat(current, beat) - target) + affinity(beat, input.pacing) + (input.random() - 0.5) * 0.12;
      if (score > bestScore) {
        bestScore = score;
        best = beat;
      }
    }
  }
  if (!forced && repeated && input.allowed.includes(repeated)) forced = 'repeat';
  return { beat: best, tension: applyBeat(current, best), ...(forced ? { forced } : {}) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
