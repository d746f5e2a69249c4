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
 * `text` (`rawEdit`: slices of `text` and the strings the repairs took out). An endless stream used to be written six times.
 *
 * Values that follow from what the line keeps are left out or written short, and rebuilt exactly
 * on load: a candidate's id `<node>-c<k>` as `k`; a turn's variant as a letter (variant-code.ts);
 * a score of 1 and a full set of clean critics (CLEAN_DEFAULT) left out; a flagged result's id as
 * its index; a turn's pacing as `[score, confidence]` and its prompt as its token count. Each is
 * written only when it reads back as the engine made it; files without them load unchanged.
 */
import type { CandidateRecord, SessionRecord, TurnRecord } from '../engine/session/records.js';
import { CRITIC_IDS, type Beat, type Candidate, type CriticEvidence, type CriticResult } from '../engine/types.js';
import { codeOfVariant, variantOfCode } from './variant-code.js';

/**
 * A clean result is written as the critic's index in `CRITIC_IDS` (2 bytes instead of ~17 for its
 * id; ids not in the table, and files from before, are bare ids). The table only ever grows at
 * its end, so an index means the same critic in every file.
 */
type StoredCritic = CriticResult | CriticResult['id'] | number;
/**
 * A candidate's critics on disk: the list, or, when every critic passed and they ran in table
 * order (`[0, 1, ..., n-1]`, most replies), just `n` (2 bytes where the list took ~31); left out
 * altogether when `n` is CLEAN_DEFAULT.
 */
type StoredCritics = StoredCritic[] | number;
const CRITIC_INDEX = new Map<string, number>(CRITIC_IDS.map((id, i) => [id, i]));
/**
 * What a candidate without `critics` on disk passed: the first 13 critics of the table, all clean
 * (every critic skald ran when this form was made). Fixed by the format, not the table's length:
 * a file means the same whatever critics are added later (those candidates write their count).
 */
export const CLEAN_DEFAULT = 13;

const isClean = (r: CriticResult): boolean =>
  r.flagged === false && r.score === 1 && r.evidence.length === 0 && Object.keys(r).length === 4;

/** The record as written: clean critic results as bare ids, usual values left out. Never changes `record`. */
export function compactRecord(record: SessionRecord): SessionRecord {
  if (record.type === 'turn') {
    // The usual values are left out: a played turn (not an edit), no facts, a candidate's beat the plan's.
    const { cause, facts, ...rest } = record;
    const plan = record.plan;
    return {
      ...rest,
      ...(plan.tensionByBeat ? { plan: { ...plan, tensionByBeat: shortTensions(plan.tensionByBeat) } } : {}),
      ...(cause !== 'play' ? { cause } : {}),
      candidates: record.candidates.map((c) => compactCandidate(c, record.nodeId, plan)),
      pacing: shortPacing(record.pacing),
      prompt: shortPrompt(record.prompt),
      ...(facts.length > 0 ? { facts } : {}),
    } as TurnRecord;
  }
  if (record.type === 'candidate')
    return { ...record, candidate: compactCandidate(record.candidate, record.nodeId) } satisfies CandidateRecord;
  return record;
}

type Pacing = TurnRecord['pacing'];
type Prompt = TurnRecord['prompt'];
type Tensions = NonNullable<TurnRecord['plan']['tensionByBeat']>;

/**
 * The order a plan's tension by beat is written in, fixed by the format (not by the engine's BEATS, which may change):
 * six numbers, ~45 bytes where the object with its beat names took ~110 on every turn.
 */
const TENSION_BEATS: readonly Beat[] = ['escalate', 'complicate', 'reveal', 'breathe', 'deepen', 'resolve'];

/** A plan's tension by beat as numbers in TENSION_BEATS' order (`null` for a beat it has none of), when that is all it holds. */
function shortTensions(tensions: Tensions): Tensions {
  const keys = Object.keys(tensions);
  if (!keys.every((k) => TENSION_BEATS.includes(k as Beat))) return tensions;
  const list = TENSION_BEATS.map((b) => tensions[b] ?? null);
  while (list.length > 0 && list.at(-1) === null) list.pop();
  return list as unknown as Tensions;
}

/** The object back from its list (files written before the list keep the object). */
function fullTensions(stored: Tensions | Array<number | null>): Tensions {
  if (!Array.isArray(stored)) return stored;
  const tensions: Tensions = {};
  stored.forEach((value, i) => {
    if (typeof value === 'number' && i < TENSION_BEATS.length) tensions[TENSION_BEATS[i]] = value;
  });
  return tensions;
}

/** A pacing of only its score and confidence (what the log keeps beside a side file) as a pair. */
function shortPacing(pacing: Pacing): Pacing {
  const keys = Object.keys(pacing);
  const short = keys.length === 2 && keys[0] === 'score' && keys[1] === 'confidence';
  return (short ? [pacing.score, pacing.confidence] : pacing) as Pacing;
}

/** A prompt of only its token count (what the log keeps beside a side file) as the count. */
function shortPrompt(prompt: Prompt): Prompt {
  const keys = Object.keys(prompt);
  return (keys.length === 1 && keys[0] === 'tokens' ? prompt.tokens : prompt) as Prompt;
}

/** On disk, `raw` as pieces: `[start, end]` a slice of `text`, a string what the repairs took out. */
type RawEdit = Array<[number, number] | string>;
type StoredCandidate = Omit<Candidate, 'critics'> & { critics: StoredCritics; rawEdit?: RawEdit };

function compactCandidate(candidate: Candidate, nodeId: string, plan?: TurnRecord['plan']): Candidate {
  const source = candidate.raw ?? candidate.text;
  const critics: StoredCritic[] = candidate.critics.map((r) =>
    isClean(r) ? (CRITIC_INDEX.get(r.id) ?? r.id) : compactEvidence(r, source),
  );
  const stored: StoredCandidate = { ...candidate, critics: inTableOrder(critics) ? critics.length : critics };
  const k = idIndex(candidate.id, nodeId);
  if (k !== undefined) (stored as { id: unknown }).id = k;
  const code = plan ? codeOfVariant(plan, candidate.variant) : undefined;
  if (code) (stored as { variant: unknown }).variant = code;
  else if (plan !== undefined && candidate.variant.beat === plan.beat) {
    const { beat: _beat, ...variant } = candidate.variant;
    stored.variant = variant as Candidate['variant'];
  }
  // The usual values are left out (all critics passed, a full score, a reply that was not repaired, ran to its end, first try).
  if (stored.critics === CLEAN_DEFAULT) delete (stored as Partial<StoredCandidate>).critics;
  if (stored.score === 1) delete (stored as Partial<StoredCandidate>).score;
  if (stored.repairs.length === 0) delete (stored as Partial<StoredCandidate>).repairs;
  if (stored.incomplete === false) delete (stored as Partial<StoredCandidate>).incomplete;
  if (stored.retries === 0) delete (stored as Partial<StoredCandidate>).retries;
  const edit = candidate.raw !== undefined ? rawEdit(candidate.text, candidate.raw) : undefined;
  if (edit) {
    const { raw: _raw, ...rest } = stored;
    return { ...rest, rawEdit: edit } as unknown as Candidate;
  }
  return stored as unknown as Candidate;
}

/** `k` when `id` is `<nodeId>-c<k>` (as the engine names a node's candidates), written back exactly. */
function idIndex(id: string, nodeId: string): number | undefined {
  if (id.length <= nodeId.length + 2 || !id.startsWith(nodeId) || id.charCodeAt(nodeId.length) !== 0x2d) return undefined;
  if (id.charCodeAt(nodeId.length + 1) !== 0x63) return undefined;
  const digits = id.slice(nodeId.length + 2);
  const k = Number(digits);
  return Number.isSafeInteger(k) && k >= 0 && String(k) === digits ? k : undefined;
}

function compactEvidence(result: CriticResult, source: string): CriticResult {
  // A flagged result's id as its index in the table (as a clean one's), the rest as it was.
  const index = CRITIC_INDEX.get(result.id);
  const short = index !== undefined ? ({ ...result, id: index } as unknown as CriticResult) : result;
  if (!result.evidence.some((e) => sliceMatches(source, e))) return short;
  const evidence = result.evidence.map((e) => {
    if (!sliceMatches(source, e)) return e;
    const { text: _text, ...offsets } = e;
    return offsets;
  });
  return { ...short, evidence: evidence as CriticEvidence[] };
}

const sliceMatches = (source: string, e: CriticEvidence): boolean =>
  typeof e.text === 'string' && e.end - e.start === e.text.length && source.startsWith(e.text, e.start);

/** A run shorter than this is not worth a slice. */
const MIN_RUN = 16;
/** How far ahead a resync is looked for (repairs remove or add little). */
const PROBE = 32;
const WINDOW = 4096;
const MAX_PIECES = 512;

function rawEdit(text: string, raw: string): RawEdit | undefined {
  const pieces: RawEdit = [];
  let i = 0;
  let j = 0;
  const literal = (until: number) => {
    if (until <= i) return;
    const last = pieces[pieces.length - 1];
    if (typeof last === 'string') pieces[pieces.length - 1] = last + raw.slice(i, until);
    else pieces.push(raw.slice(i, until));
    i = until;
  };
  while (i < raw.length) {
    if (pieces.length > MAX_PIECES) return undefined;
    let k = 0;
    while (i + k < raw.length && j + k < text.length && raw.charCodeAt(i + k) === text.charCodeAt(j + k)) k++;
    if (k >= MIN_RUN || (k > 0 && i + k === raw.length)) {
      pieces.push([j, j + k]);
      i += k;
      j += k;
      continue;
    }
    // Out of step: either raw has text the repairs removed, or the repairs added some.
    // Looked for within a window only, so a reply unlike its raw form costs linear time, not quadratic.
    const inRaw = j < text.length ? ahead(raw, i + 1, text.slice(j, j + PROBE)) : -1;
    const inText = ahead(text, j + 1, raw.slice(i, i + PROBE));
    if (inRaw >= 0 && (inText < 0 || inRaw - i <= inText - j)) literal(inRaw);
    else if (inText >= 0) j = inText;
    else literal(raw.length);
  }
  // Worth it only when it saves most of a copy; a raw that is mostly different is stored as is.
  const stored = pieces.reduce((n, p) => n + (typeof p === 'string' ? p.length : 12), 0);
  return stored < raw.length / 2 && restoreRaw(text, pieces) === raw ? pieces : undefined;
}

function ahead(haystack: string, from: number, needle: string): number {
  const at = haystack.slice(from, from + WINDOW).indexOf(needle);
  return at < 0 ? -1 : from + at;
}

/**
 * The raw reply `pieces` make of `text`, or undefined when they are not what `rawEdit` writes
 * (slices in order, each inside `text`): a hand-made line slicing the text 400,000 times would
 * otherwise build a string past V8's limit and throw out of the whole load. The story's text
 * stands; only the reply as the model first wrote it is lost.
 */
function restoreRaw(text: string, pieces: RawEdit): string | undefined {
  let from = 0;
  for (const p of pieces) {
    if (typeof p === 'string') continue;
    if (!(p[0] >= from && p[0] <= p[1] && p[1] <= text.length)) return undefined;
    from = p[1];
  }
  return pieces.map((p) => (typeof p === 'string' ? p : text.slice(p[0], p[1]))).join('');
}

// Read-only values many loaded candidates share. Most replies pass every critic, stored as
// `[0, 1, ..., n-1]`: one frozen list of the clean results per length instead of an array of its
// own in each of a 10,000-turn story's 30,000 candidates (all of which a resume keeps, and every
// scavenge copies). Nothing writes into a loaded candidate's lists; a write would throw.
const NO_REPAIRS = Object.freeze([]) as unknown as string[];
const cleanLists: CriticResult[][] = [];

function inTableOrder(critics: readonly StoredCritic[]): critics is number[] {
  for (let i = 0; i < critics.length; i++) if (critics[i] !== i) return false;
  return critics.length > 0;
}

function allClean(length: number): CriticResult[] {
  return (cleanLists[length] ??= Object.freeze(Array.from({ length }, (_, i) => cleanAt(i))) as CriticResult[]);
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

const byIndex: CriticResult[] = [];

/** The clean result of the critic at `index` in `CRITIC_IDS`: an array lookup, where a resume makes ~400,000 of them. */
function cleanAt(index: number): CriticResult {
  return (byIndex[index] ??= cleanResult(CRITIC_IDS[index]));
}

/**
 * Expands a parsed record in place: bare critic ids become clean results, left-out values come
 * back. `rawLost` is called for each candidate whose raw form (`rawEdit`) could not be rebuilt.
 */
export function expandRecord(record: SessionRecord, rawLost?: () => void): SessionRecord {
  if (record.type === 'turn' && Array.isArray(record.candidates)) {
    record.cause ??= 'play';
    record.facts ??= [];
    const pacing = record.pacing as Pacing | [number, number];
    if (Array.isArray(pacing)) record.pacing = { score: pacing[0], confidence: pacing[1] } as Pacing;
    const prompt = record.prompt as Prompt | number;
    if (typeof prompt === 'number') record.prompt = { tokens: prompt } as Prompt;
    const plan = record.plan;
    if (plan.tensionByBeat) plan.tensionByBeat = fullTensions(plan.tensionByBeat);
    const candidates = record.candidates;
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i];
      const variant = candidate.variant as Partial<Candidate['variant']> | string;
      // The variant as it was made: from its letter, or the plan's beat first again (the headless turn line prints it whole).
      // (A letter its plan does not make never gets here: the shape check refuses the line.)
      if (typeof variant === 'string')
        candidate.variant = variantOfCode(plan, variant) ?? { beat: plan.beat, cadence: plan.cadence, label: variant };
      else if (variant.beat === undefined) candidate.variant = { beat: plan.beat, ...variant } as Candidate['variant'];
      candidates[i] = expandCandidate(candidate, record.nodeId, rawLost);
    }
  } else if (record.type === 'candidate' && record.candidate) record.candidate = expandCandidate(record.candidate, record.nodeId, rawLost);
  return record;
}

/**
 * Expands a stored candidate (in place, or a copy when values left out must come back in the
 * place they were made in); call only once its shape is checked (schema.ts).
 */
function expandCandidate(parsed: Candidate, nodeId: string, rawLost?: () => void): Candidate {
  let candidate = parsed;
  if (typeof candidate.id === 'number') candidate.id = `${nodeId}-c${candidate.id as number}`;
  if (candidate.critics === undefined || candidate.score === undefined) candidate = withDefaults(candidate);
  const stored = candidate as unknown as StoredCandidate;
  candidate.repairs ??= NO_REPAIRS;
  candidate.incomplete ??= false;
  candidate.retries ??= 0;
  if (stored.rawEdit) {
    const raw = restoreRaw(candidate.text, stored.rawEdit);
    if (raw !== undefined) candidate.raw = raw;
    else rawLost?.();
    delete stored.rawEdit;
  }
  const source = candidate.raw ?? candidate.text;
  const critics = stored.critics;
  if (typeof critics === 'number') {
    candidate.critics = allClean(critics);
    return candidate;
  }
  if (inTableOrder(critics)) {
    candidate.critics = allClean(critics.length);
    return candidate;
  }
  for (let i = 0; i < critics.length; i++) {
    const c = critics[i];
    if (typeof c === 'number') critics[i] = cleanAt(c);
    else if (typeof c === 'string') critics[i] = cleanResult(c);
    else {
      if (typeof c.id === 'number') c.id = CRITIC_IDS[c.id];
      for (const e of c.evidence) if (e.text === undefined) e.text = source.slice(e.start, e.end);
    }
  }
  return candidate;
}

/** The candidate with its left-out critics and score back after its variant, where the engine made them. */
function withDefaults(stored: Candidate): Candidate {
  const critics = stored.critics ?? CLEAN_DEFAULT;
  const score = stored.score ?? 1;
  // Most replies on disk are only these three: one literal of one shape (a resume makes ~30,000).
  const keys = Object.keys(stored);
  if (keys.length === 3 && keys[0] === 'id' && keys[1] === 'text' && keys[2] === 'variant')
    return { id: stored.id, text: stored.text, variant: stored.variant, critics, score } as unknown as Candidate;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === 'critics' || key === 'score') continue;
    out[key] = (stored as unknown as Record<string, unknown>)[key];
    if (key === 'variant') {
      out.critics = critics;
      out.score = score;
    }
  }
  return out as unknown as Candidate;
}
