/**
 * Reply length: the pack's style range, shorter for a bold cadence or a terse player, longer for
 * a gentle cadence or a beat that turns inward.
 */
import type { Beat, Cadence } from '../types.js';

const CADENCE_FACTOR: Record<Cadence, number> = { gentle: 1.15, steady: 1, bold: 0.75 };
const BEAT_FACTOR: Record<Beat, number> = { escalate: 0.95, complicate: 1, reveal: 1, resolve: 1, breathe: 1.05, deepen: 1.2 };
const TERSE_FACTOR = 0.85;
const MIN_TOKENS = 16;
const MIN_SPAN = 20;

/** The combined length factor for a cadence and beat. */
export function lengthFactor(cadence: Cadence, beat: Beat): number {
  return CADENCE_FACTOR[cadence] * BEAT_FACTOR[beat];
}

/** Scales a [min, max] token range, keeping it sane. */
export function scaleLength(range: readonly [number, number], factor: number): [number, number] {
  const min = Math.max(MIN_TOKENS, Math.round(range[0] * factor));
  const max = Math.max(min + MIN_SPAN, Math.round(range[1] * factor));
  return [min, max];
}

/** The target length for a beat and cadence, from the pack's style length. */
export function lengthFor(style: readonly [number, number], cadence: Cadence, beat: Beat, terse: boolean): [number, number] {
  return scaleLength(style, lengthFactor(cadence, beat) * (terse ? TERSE_FACTOR : 1));
}
