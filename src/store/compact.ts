/**
 * The on-disk form of critic results. Most critics pass most replies, and a passing result is
 * always the same `{id, flagged: false, score: 1, evidence: []}`: written out in full, those were
 * a third of every turn's bytes and most of the objects a resume had to parse and collect. On
 * disk a clean result is just its id; on load the id becomes one shared clean result per critic.
 * Files written before this (full objects) load unchanged.
 */
import type { CandidateRecord, SessionRecord, TurnRecord } from '../engine/session/records.js';
import type { Candidate, CriticResult } from '../engine/types.js';

type StoredCritic = CriticResult | CriticResult['id'];

const isClean = (r: CriticResult): boolean =>
  r.flagged === false && r.score === 1 && r.evidence.length === 0 && Object.keys(r).length === 4;

/** The record as written: clean critic results as bare ids. Never changes `record`. */
export function compactRecord(record: SessionRecord): SessionRecord {
  if (record.type === 'turn') return { ...record, candidates: record.candidates.map(compactCandidate) } satisfies TurnRecord;
  if (record.type === 'candidate') return { ...record, candidate: compactCandidate(record.candidate) } satisfies CandidateRecord;
  return record;
}

function compactCandidate(candidate: Candidate): Candidate {
  if (!candidate.critics.some(isClean)) return candidate;
  const critics: StoredCritic[] = candidate.critics.map((r) => (isClean(r) ? r.id : r));
  return { ...candidate, critics: critics as CriticResult[] };
}

const shared = new Map<string, CriticResult>();

/** One clean result per critic id, shared by every candidate loaded (nothing mutates results). */
function cleanResult(id: string): CriticResult {
  let result = shared.get(id);
  if (!result) {
    result = { id: id as CriticResult['id'], flagged: false, score: 1, evidence: [] };
    shared.set(id, result);
  }
  return result;
}

/** Expands a parsed record in place: bare critic ids become clean results. */
export function expandRecord(record: SessionRecord): SessionRecord {
  if (record.type === 'turn' && Array.isArray(record.candidates)) record.candidates.forEach(expandCandidate);
  else if (record.type === 'candidate' && record.candidate) expandCandidate(record.candidate);
  return record;
}

function expandCandidate(candidate: Candidate): void {
  const critics = candidate.critics as StoredCritic[] | undefined;
  if (!Array.isArray(critics)) return;
  for (let i = 0; i < critics.length; i++) {
    const c = critics[i];
    if (typeof c === 'string') critics[i] = cleanResult(c);
  }
}
