/**
 * The on-disk form of critic results. Most critics pass most replies, and a passing result is
 * always the same `{id, flagged: false, score: 1, evidence: []}`: written out in full, those were
 * a third of every turn's bytes and most of the objects a resume had to parse and collect. On
 * disk a clean result is just its id; on load the id becomes one shared clean result per critic.
 * Files written before this (full objects) load unchanged.
 *
 * A reply is stored once. Critic evidence points into the text the critics read (`raw` when the
 * reply was repaired, else `text`): on disk it keeps its offsets and drops its copy of the text,
 * which is sliced out again on load. A repaired reply's `raw` is stored as what differs from
 * `text` (`rawEdit: [prefix, suffix, middle]`). An endless stream used to be written six times.
 */
import type { CandidateRecord, SessionRecord, TurnRecord } from '../engine/session/records.js';
import type { Candidate, CriticEvidence, CriticResult } from '../engine/types.js';

type StoredCritic = CriticResult | CriticResult['id'];

const isClean = (r: CriticResult): boolean =>
  r.flagged === false && r.score === 1 && r.evidence.length === 0 && Object.keys(r).length === 4;

/** The record as written: clean critic results as bare ids. Never changes `record`. */
export function compactRecord(record: SessionRecord): SessionRecord {
  if (record.type === 'turn') return { ...record, candidates: record.candidates.map(compactCandidate) } satisfies TurnRecord;
  if (record.type === 'candidate') return { ...record, candidate: compactCandidate(record.candidate) } satisfies CandidateRecord;
  return record;
}

/** On disk, `raw` as the part that differs from `text`: raw = text[0, prefix) + middle + text[len - suffix, len). */
type RawEdit = [prefix: number, suffix: number, middle: string];
type StoredCandidate = Omit<Candidate, 'critics'> & { critics: StoredCritic[]; rawEdit?: RawEdit };

function compactCandidate(candidate: Candidate): Candidate {
  const source = candidate.raw ?? candidate.text;
  const critics: StoredCritic[] = candidate.critics.map((r) => (isClean(r) ? r.id : compactEvidence(r, source)));
  const stored: StoredCandidate = { ...candidate, critics };
  if (candidate.raw !== undefined) {
    const { raw, ...rest } = stored;
    return { ...rest, rawEdit: rawEdit(candidate.text, raw!) } as unknown as Candidate;
  }
  return stored as unknown as Candidate;
}

function compactEvidence(result: CriticResult, source: string): CriticResult {
  if (!result.evidence.some((e) => sliceMatches(source, e))) return result;
  const evidence = result.evidence.map((e) => {
    if (!sliceMatches(source, e)) return e;
    const { text: _text, ...offsets } = e;
    return offsets;
  });
  return { ...result, evidence: evidence as CriticEvidence[] };
}

const sliceMatches = (source: string, e: CriticEvidence): boolean =>
  typeof e.text === 'string' && e.end - e.start === e.text.length && source.startsWith(e.text, e.start);

function rawEdit(text: string, raw: string): RawEdit {
  const limit = Math.min(text.length, raw.length);
  let prefix = 0;
  while (prefix < limit && text.charCodeAt(prefix) === raw.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && text.charCodeAt(text.length - 1 - suffix) === raw.charCodeAt(raw.length - 1 - suffix)) suffix++;
  return [prefix, suffix, raw.slice(prefix, raw.length - suffix)];
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

/** Expands a stored candidate in place; call only once its shape is checked (schema.ts). */
function expandCandidate(candidate: Candidate): void {
  const stored = candidate as unknown as StoredCandidate;
  if (stored.rawEdit) {
    const [prefix, suffix, middle] = stored.rawEdit;
    candidate.raw = candidate.text.slice(0, prefix) + middle + candidate.text.slice(candidate.text.length - suffix);
    delete stored.rawEdit;
  }
  const source = candidate.raw ?? candidate.text;
  const critics = stored.critics;
  for (let i = 0; i < critics.length; i++) {
    const c = critics[i];
    if (typeof c === 'string') critics[i] = cleanResult(c);
    else for (const e of c.evidence) if (e.text === undefined) e.text = source.slice(e.start, e.end);
  }
}
