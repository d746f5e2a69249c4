/**
 * Findings with a confidence, for the critics that collect several kinds of evidence of unequal
 * weight (speaks-for-user, reference-confusion): the sure ones decide; without any, the unsure
 * ones are reported at their confidence, which `runCritics` settles as a hint.
 */
import type { CriticEvidence, CriticId, CriticResult } from '../types.js';
import { evidenceAt, resultFrom, SURE_CONFIDENCE } from './text.js';

export interface Finding {
  start: number;
  end: number;
  why: string;
  /** 0..1; below SURE_CONFIDENCE the critic reports it as a hint. */
  confidence: number;
}

/** A critic result from findings: the sure ones when there are any, else the unsure ones. */
export function resultFromFindings(id: CriticId, text: string, found: readonly Finding[], penalty: number): CriticResult {
  const sure = found.filter((f) => f.confidence >= SURE_CONFIDENCE);
  const chosen = sure.length > 0 ? sure : found;
  const evidence: CriticEvidence[] = [];
  const seen = new Set<number>();
  for (const f of [...chosen].sort((a, b) => a.start - b.start)) {
    if (seen.has(f.start)) continue;
    seen.add(f.start);
    evidence.push(evidenceAt(text, f.start, f.end, f.why));
  }
  const confidence = chosen.reduce((c, f) => Math.max(c, f.confidence), 0);
  return resultFrom(id, evidence, penalty, evidence.length > 0 ? confidence : undefined);
}
