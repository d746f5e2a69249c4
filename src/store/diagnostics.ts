/**
 * A turn's diagnostics live in a side file beside the session log (`<id>.jsonl.diag`), so the log
 * itself holds little more than the story: what the player wrote, every candidate's text, what was
 * chosen, and the state a resume needs (the plan's beat, tension and threads, the pacing score,
 * facts, the rolling summary). Written out inline, the prompt breakdown with the lore that fired,
 * the plan's directive and reason, the pacing evidence and each candidate's timing and usage made
 * the log 2.4x SillyTavern's chat for the same text, and were most of what a resume had to parse.
 *
 * Each side record names the record it belongs to by type, node and time. The side line is written
 * first and the log line after it, so a log record never exists without its diagnostics unless
 * the side file itself was damaged or removed; then the turn loads with empty diagnostics (and one
 * warning), its story intact. Logs written before the split (diagnostics inline) load unchanged.
 */
import type { CandidateRecord, SessionRecord, TurnRecord } from '../engine/session/records.js';
import type { Candidate, PacingEstimate, Plan, PromptDiagnostics } from '../engine/types.js';

/** The side file of the log at `logPath`. */
export const diagnosticsPath = (logPath: string): string => `${logPath}.diag`;

type CandidateDiagnostics = Pick<Candidate, 'timing'> & Partial<Pick<Candidate, 'usage' | 'judge' | 'neutralised' | 'samplers'>>;

/** One line of the side file. */
export type DiagnosticsRecord =
  | {
      type: 'diag';
      of: 'turn';
      at: number;
      nodeId: string;
      plan: Pick<Plan, 'directive' | 'reason'>;
      pacing: Omit<PacingEstimate, 'score' | 'confidence'>;
      prompt: Omit<PromptDiagnostics, 'tokens'>;
      candidates: CandidateDiagnostics[];
    }
  | { type: 'diag'; of: 'candidate'; at: number; nodeId: string; candidate: CandidateDiagnostics };

const CANDIDATE_KEYS = ['timing', 'usage', 'judge', 'neutralised', 'samplers'] as const;

function candidateParts(candidate: Candidate): { story: Candidate; diagnostics: CandidateDiagnostics } {
  const { timing, usage, judge, neutralised, samplers, ...story } = candidate;
  return {
    story: story as Candidate,
    diagnostics: {
      timing,
      ...(usage ? { usage } : {}),
      ...(judge ? { judge } : {}),
      ...(neutralised ? { neutralised } : {}),
      ...(samplers ? { samplers } : {}),
    },
  };
}

/**
 * The record as the log stores it and its diagnostics for the side file (none for records that
 * carry no diagnostics). Never changes `record`.
 */
export function splitRecord(record: SessionRecord): { story: SessionRecord; diagnostics?: DiagnosticsRecord } {
  if (record.type === 'turn') {
    const { directive, reason, ...plan } = record.plan;
    const { score, confidence, ...pacing } = record.pacing;
    const { tokens, ...prompt } = record.prompt;
    const parts = record.candidates.map(candidateParts);
    const story = {
      ...record,
      candidates: parts.map((p) => p.story),
      plan,
      pacing: { score, confidence },
      prompt: { tokens },
    } as unknown as TurnRecord;
    return {
      story,
      diagnostics: {
        type: 'diag',
        of: 'turn',
        at: record.at,
        nodeId: record.nodeId,
        plan: { directive, reason },
        pacing,
        prompt,
        candidates: parts.map((p) => p.diagnostics),
      },
    };
  }
  if (record.type === 'candidate') {
    const { story, diagnostics } = candidateParts(record.candidate);
    return {
      story: { ...record, candidate: story } satisfies CandidateRecord,
      diagnostics: { type: 'diag', of: 'candidate', at: record.at, nodeId: record.nodeId, candidate: diagnostics },
    };
  }
  return { story: record };
}

/** Whether a loaded turn record came without its diagnostics (a log written with a side file). */
export function lacksDiagnostics(record: SessionRecord): boolean {
  if (record.type === 'turn') return (record.prompt as Partial<PromptDiagnostics>).breakdown === undefined;
  if (record.type === 'candidate') return (record.candidate as Partial<Candidate>).timing === undefined;
  return false;
}

// The empty parts are shared and frozen: a 10,000-turn resume made ~110,000 empty objects and
// arrays before its first frame, all copied by every scavenge. `attachDiagnostics` replaces them
// (it never writes into them), and a write into one anywhere else throws instead of reaching
// every record.
const NO_TIMING: Candidate['timing'] = Object.freeze({ ttftMs: null, totalMs: 0, tokensPerSecond: null });
const NONE = Object.freeze([]) as unknown as never[];
const NO_LONG_TERM: PacingEstimate['longTerm'] = Object.freeze({ score: 0, confidence: 0, turns: 0 });
const NO_BREAKDOWN = Object.freeze({}) as PromptDiagnostics['breakdown'];

/**
 * Gives a record read from a split log the full shape the engine and the UI expect, with empty
 * diagnostics; `attachDiagnostics` fills them in place once the side file is read. The record's
 * own objects (plan, pacing, prompt, candidates) are its own, so filling one never changes
 * another; the empty values inside them are shared and frozen.
 */
export function withEmptyDiagnostics(record: SessionRecord): SessionRecord {
  if (record.type === 'turn') {
    const plan = record.plan as Partial<Plan>;
    plan.directive ??= '';
    plan.reason ??= '';
    const pacing = record.pacing as Partial<PacingEstimate> & Pick<PacingEstimate, 'score' | 'confidence'>;
    pacing.evidence ??= NONE;
    pacing.session ??= { score: pacing.score, confidence: pacing.confidence };
    pacing.longTerm ??= NO_LONG_TERM;
    const prompt = record.prompt as Partial<PromptDiagnostics>;
    prompt.budget ??= 0;
    prompt.breakdown ??= NO_BREAKDOWN;
    prompt.lore ??= NONE;
    prompt.loreFired ??= NONE;
    prompt.loreCut ??= NONE;
    prompt.memoryTokens ??= 0;
    prompt.historyMessages ??= 0;
    prompt.stop ??= NONE;
    for (const c of record.candidates) (c as Partial<Candidate>).timing ??= NO_TIMING;
  } else if (record.type === 'candidate') {
    (record.candidate as Partial<Candidate>).timing ??= NO_TIMING;
  }
  return record;
}

const keyOf = (of: string, nodeId: string, at: number) => `${of}\u0000${nodeId}\u0000${at}`;

/**
 * Fills the diagnostics of `records` (as `withEmptyDiagnostics` left them) from side records, in
 * place: the session tree and the UI hold these very objects. Returns how many records found theirs.
 */
export function attachDiagnostics(records: readonly SessionRecord[], side: readonly DiagnosticsRecord[]): number {
  const byKey = new Map<string, DiagnosticsRecord>();
  // Times first: a resume attaches the latest ~60 turns' side records to every record of the log,
  // and building a key for each of 10,000 records that cannot match was most of the cost.
  const times = new Set<number>();
  // A side line whose log line never got written (a crash between the two) is simply never matched.
  for (const d of side) {
    byKey.set(keyOf(d.of, d.nodeId, d.at), d);
    times.add(d.at);
  }
  let attached = 0;
  for (const record of records) {
    if ((record.type !== 'turn' && record.type !== 'candidate') || !times.has(record.at)) continue;
    const d = byKey.get(keyOf(record.type, record.nodeId, record.at));
    if (!d) continue;
    if (d.of === 'turn' && record.type === 'turn') {
      Object.assign(record.plan, d.plan);
      Object.assign(record.pacing, d.pacing);
      Object.assign(record.prompt, d.prompt);
      d.candidates.forEach((c, i) => {
        const candidate = record.candidates[i];
        if (candidate) assignCandidate(candidate, c);
      });
      attached++;
    } else if (d.of === 'candidate' && record.type === 'candidate') {
      assignCandidate(record.candidate, d.candidate);
      attached++;
    }
  }
  return attached;
}

function assignCandidate(candidate: Candidate, d: CandidateDiagnostics): void {
  for (const key of CANDIDATE_KEYS) if (d[key] !== undefined) (candidate as unknown as Record<string, unknown>)[key] = d[key];
}

/** Whether a parsed side line has the shape of a side record (anything else is skipped). */
export function isDiagnosticsRecord(value: unknown): value is DiagnosticsRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.type !== 'diag' || typeof v.nodeId !== 'string' || typeof v.at !== 'number') return false;
  const isObject = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
  const candidateOk = (c: unknown) => isObject(c) && isObject((c as { timing?: unknown }).timing);
  if (v.of === 'turn')
    return isObject(v.plan) && isObject(v.pacing) && isObject(v.prompt) && Array.isArray(v.candidates) && v.candidates.every(candidateOk);
  if (v.of === 'candidate') return candidateOk(v.candidate);
  return false;
}
