/**
 * How fast a candidate variant moves the story, -1 (quiet) ... +1 (bold), so a kept or rejected
 * candidate can be read as a preference and the carousel can order its variants.
 */
import type { Beat, Cadence, CandidateVariant } from '../types.js';

export const CADENCE_TEMPO: Record<Cadence, number> = { gentle: -1, steady: 0, bold: 1 };

export const BEAT_TEMPO: Record<Beat, number> = {
  escalate: 1,
  complicate: 0.6,
  reveal: 0.3,
  resolve: -0.1,
  deepen: -0.6,
  breathe: -1,
};

/** The variant's tempo: cadence weighs more than beat, since it is what the player feels first. */
export function variantTempo(variant: Pick<CandidateVariant, 'beat' | 'cadence'>): number {
  return CADENCE_TEMPO[variant.cadence] * 0.6 + BEAT_TEMPO[variant.beat] * 0.4;
}
