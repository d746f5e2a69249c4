/**
 * The tension model: a number 0..1 that escalate, complicate and reveal raise and breathe and
 * resolve let fall. The beat is chosen to move tension toward what the player's pacing wants
 * (high for a fast player, low for a slow one) without ever flat-lining or repeating a beat a
 * third time in a row; for a player leaning fast, in arcs that build to a climax before they fall.
 */
import { BEATS, type Beat, type Random } from '../types.js';
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

/** Beats that raise the stakes: a build's turns. */
const RISING: ReadonlySet<Beat> = new Set(['escalate', 'complicate', 'reveal']);
/** Beats that let tension fall: a release. */
const FALLING: ReadonlySet<Beat> = new Set(['breathe', 'resolve']);

/** The rising beats since the story last let tension fall (deepen neither adds to a build nor ends it). */
export function buildLength(beats: readonly Beat[]): number {
  let n = 0;
  for (let i = beats.length - 1; i >= 0 && !FALLING.has(beats[i]); i--) if (RISING.has(beats[i])) n++;
  return n;
}

/** The pacing from which the story moves in arcs: a player the planner answers boldly (cadenceFor). */
const ARC_PACING = 0.3;

/**
 * Rising turns a build is given before the story may let tension fall: none below ARC_PACING (a
 * slow or balanced story rises and falls as it likes), two at 0.3, four at 0.75, five at 1.
 */
export function buildTurns(pacing: number): number {
  return pacing < ARC_PACING ? 0 : Math.round(1 + 4 * Math.min(1, pacing));
}

/** Where a build peaks for this pacing: the climax, after which the story may resolve. */
export function climaxTension(pacing: number): number {
  return Math.min(TENSION_CEILING, round(targetTension(pacing) + 0.2));
}

/** Where a resolved climax lets tension fall back to: the crisis is over, not just one strand. */
export function releaseTension(pacing: number): number {
  return Math.max(TENSION_FLOOR, round(targetTension(pacing) - 0.2));
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
  /**
   * Where the arc stood for a player leaning fast: 'build' while tension climbs and may not fall
   * yet, 'climax' once it reached the climax (a resolve then settles the crisis).
   */
  arc?: 'build' | 'climax';
  /** The rising turns of the build this beat ends or continues (with `arc`). */
  built?: number;
  /** The tension each beat would have left this turn (the carousel's variants take theirs from it). */
  byBeat: Record<Beat, number>;
}

/**
 * Picks a beat from `allowed` for this pacing, given the tensions of earlier turns (oldest
 * first) and their beats: by `prefer` order when given, else by how close the beat brings
 * tension to what the pacing wants. `random` only breaks near-ties, so the story is not
 * mechanical. When tension would flat-line, beats that move it win, from `fallback` if none of
 * `allowed` can.
 *
 * For a player leaning fast the story moves in arcs, not a rise and a fall every other turn:
 * tension climbs to the climax in steps paced to take `buildTurns` rising beats (a consequence,
 * a new obstacle, a revelation), and only at the climax may it fall; a resolve there settles the
 * crisis and tension falls back to `releaseTension`, so the next build has room to climb. Without
 * arcs, tension held near a fast player's target by steps up of ~0.13 and a resolve of 0.22 had to
 * fall on a third of the turns, most often right after a single rise.
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
  const need = buildTurns(input.pacing);
  const built = buildLength(input.beats);
  const climax = climaxTension(input.pacing);
  const atClimax = need > 0 && current >= climax - 1e-9;
  const building = need > 0 && !atClimax;
  const next = (beat: Beat): number =>
    atClimax && beat === 'resolve' ? Math.min(applyBeat(current, beat), releaseTension(input.pacing)) : applyBeat(current, beat);
  let allowed = usable(input.allowed);
  if (allowed.length === 0) allowed = usable(['reveal', 'complicate', 'breathe']);
  // A preference (a thread's or a goal's quiet beats) does not hold tension at the climax: there
  // the story falls, by the fallback's falling beats. Waiting players were given complicate and
  // reveal turn after turn, and their stories sat between 0.73 and 0.95 for eighty turns.
  let prefer = input.prefer;
  const falls = usable(input.fallback ?? []).filter((b) => FALLING.has(b));
  if (prefer && current >= climax - 1e-9 && falls.length > 0 && !prefer.some((b) => FALLING.has(b))) {
    allowed = falls;
    prefer = falls;
  }
  // Flat-line guard: the last turns and this one must not all sit within FLAT_RANGE.
  const window = input.tensions.slice(-(MOVE_WITHIN - 1));
  const span = (beat: Beat): number => {
    const all = [...window, next(beat)];
    return Math.max(...all) - Math.min(...all);
  };
  const moves = (beat: Beat): boolean => span(beat) >= FLAT_RANGE && Math.abs(next(beat) - current) >= MIN_MOVE - 1e-9;
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
  let arc: BeatChoice['arc'];
  if (prefer) {
    best = prefer.find((b) => allowed.includes(b)) ?? allowed[0];
  } else {
    // Mid-build the story does not let tension fall (unless nothing else is left to it); at the
    // climax it aims at the release; a story not in arcs aims at what the pacing wants.
    if (building && allowed.some((b) => !FALLING.has(b))) allowed = allowed.filter((b) => !FALLING.has(b));
    // A build climbs in steps that reach the climax in the turns it is given, not in two leaps.
    const target = building
      ? current + (climax - current) / Math.max(1, need - built)
      : atClimax
        ? releaseTension(input.pacing)
        : targetTension(input.pacing);
    if (need > 0) arc = building ? 'build' : 'climax';
    let bestScore = -Infinity;
    for (const beat of allowed) {
      const score = -2 * Math.abs(next(beat) - target) + affinity(beat, input.pacing) + (input.random() - 0.5) * 0.12;
      if (score > bestScore) {
        bestScore = score;
        best = beat;
      }
    }
  }
  if (!forced && repeated && input.allowed.includes(repeated)) forced = 'repeat';
  const byBeat = Object.fromEntries(BEATS.map((beat) => [beat, next(beat)])) as Record<Beat, number>;
  return {
    beat: best,
    tension: next(best),
    byBeat,
    ...(forced ? { forced } : {}),
    ...(arc ? { arc, built } : {}),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
