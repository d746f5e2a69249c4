/**
 * A quick yes for the records that are well formed, which are nearly all of them: the schema in
 * schema.ts, written out as plain checks. It only ever says "certainly fine" or "ask the schema":
 * anything it is unsure of (a record type it does not know, an odd field) goes to the zod schema,
 * which gives the verdict and names the wrong field. Checking every record of a 10,000-turn log
 * with zod was a third of the load; this is a small fraction of that.
 */
import { CRITIC_IDS } from '../engine/types.js';
import { variantCodeProblem } from './variant-code.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** A time a date can hold (ECMAScript's limit, 8.64e15 ms either side of 1970): any other number is damage. */
export const MAX_TIME_MS = 8.64e15;
const isTime = (v: unknown): v is number => isNum(v) && Math.abs(v) <= MAX_TIME_MS;
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const opt = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);
const listOf = (v: unknown, check: (x: unknown) => boolean) => Array.isArray(v) && v.every(check);
const strList = (v: unknown) => listOf(v, isStr);
const numList = (v: unknown) => listOf(v, isNum);

const evidence = (v: unknown) => isObj(v) && isInt(v.start) && isInt(v.end) && opt(v.text, isStr) && isStr(v.why);
const criticIndex = (v: unknown) => isInt(v) && v >= 0 && v < CRITIC_IDS.length;
const critic = (v: unknown) =>
  criticIndex(v) ||
  isStr(v) ||
  (isObj(v) && (isStr(v.id) || criticIndex(v.id)) && isBool(v.flagged) && isNum(v.score) && listOf(v.evidence, evidence));
const rawPiece = (v: unknown) => isStr(v) || (Array.isArray(v) && v.length === 2 && isInt(v[0]) && isInt(v[1]));
const nullableNum = (v: unknown) => v === null || isNum(v);

/**
 * A candidate; in a turn record (`inTurn`) its variant may be a letter or lack its beat, both
 * the plan's to fill in (compact.ts; the turn checks the letter against its plan).
 */
function candidate(v: unknown, inTurn = false): boolean {
  if (!isObj(v)) return false;
  return (
    (isStr(v.id) || (isInt(v.id) && v.id >= 0)) &&
    isStr(v.text) &&
    opt(v.raw, isStr) &&
    opt(v.rawEdit, (x) => listOf(x, rawPiece)) &&
    opt(v.reasoning, isStr) &&
    ((inTurn && isStr(v.variant)) ||
      (isObj(v.variant) &&
        (isStr(v.variant.beat) || (inTurn && v.variant.beat === undefined)) &&
        isStr(v.variant.cadence) &&
        isStr(v.variant.label))) &&
    // The list, how many critics all passed in table order, or nothing for CLEAN_DEFAULT of them (compact.ts).
    opt(v.critics, (c) => listOf(c, critic) || (isInt(c) && c >= 1 && c <= CRITIC_IDS.length)) &&
    opt(v.score, isNum) &&
    opt(v.repairs, strList) &&
    opt(v.incomplete, isBool) &&
    opt(v.error, (e) => isObj(e) && isStr(e.kind) && isStr(e.message) && isBool(e.retryable)) &&
    opt(v.finishReason, isStr) &&
    opt(v.timing, (t) => isObj(t) && nullableNum(t.ttftMs) && isNum(t.totalMs) && nullableNum(t.tokensPerSecond)) &&
    opt(v.usage, (u) => isObj(u) && isNum(u.promptTokens) && isNum(u.completionTokens) && isNum(u.totalTokens)) &&
    opt(v.retries, isNum) &&
    opt(v.revision, (r) => isObj(r) && (r.kind === 'continued' || r.kind === 'edited') && isStr(r.from))
  );
}

const level = (v: unknown) => isObj(v) && isNum(v.score) && isNum(v.confidence);
const firing = (v: unknown) => isObj(v) && isStr(v.id) && isStr(v.key) && isNum(v.turn) && isStr(v.excerpt) && isNum(v.tokens);
const strRecord = (v: unknown) => isObj(v) && Object.values(v).every(isStr);
const variables = (v: unknown) => isObj(v) && opt(v.local, strRecord) && opt(v.global, strRecord);
const fact = (v: unknown) => isObj(v) && isStr(v.id) && isStr(v.text) && isStr(v.kind) && isNum(v.turn) && isStr(v.source);

// A plan's tension by beat: numbers by beat name, or as compact.ts writes it, numbers (null for a beat left out) in order.
const tensions = (v: unknown) =>
  Array.isArray(v) ? v.length <= 6 && v.every((t) => t === null || isNum(t)) : isObj(v) && Object.values(v).every(isNum);

function plan(v: unknown): boolean {
  if (!isObj(v)) return false;
  return (
    isStr(v.beat) &&
    isStr(v.cadence) &&
    opt(v.directive, isStr) &&
    numList(v.targetLength) &&
    isNum(v.tension) &&
    opt(v.tensionByBeat, tensions) &&
    opt(v.thread, (t) => isObj(t) && isStr(t.id) && isStr(t.title) && isNum(t.beatIndex) && isStr(t.beat)) &&
    strList(v.actors) &&
    isStr(v.hook) &&
    opt(v.pivot, isStr) &&
    opt(v.reason, isStr)
  );
}

function prompt(v: unknown): boolean {
  if (!isObj(v)) return false;
  return (
    isNum(v.tokens) &&
    opt(v.budget, isNum) &&
    opt(v.breakdown, (b) => isObj(b) && Object.values(b).every(isNum)) &&
    opt(v.lore, strList) &&
    opt(v.loreFired, (x) => listOf(x, firing)) &&
    opt(v.loreCut, (x) => listOf(x, firing)) &&
    opt(v.memoryTokens, isNum) &&
    opt(v.historyMessages, isNum) &&
    opt(v.stop, strList)
  );
}

function turn(v: Obj): boolean {
  return (
    isTime(v.at) &&
    isStr(v.nodeId) &&
    (v.parentId === null || isStr(v.parentId)) &&
    isInt(v.number) &&
    v.number >= 1 &&
    // Left out when usual: cause `play`, no facts (compact.ts).
    (v.cause === 'play' || v.cause === 'edit' || v.cause === undefined) &&
    isObj(v.input) &&
    isStr(v.input.text) &&
    opt(v.input.latencyMs, isNum) &&
    Array.isArray(v.candidates) &&
    v.candidates.length >= 1 &&
    v.candidates.every((c) => candidate(c, true)) &&
    isInt(v.chosen) &&
    v.chosen >= 0 &&
    plan(v.plan) &&
    variantCodeProblem(v) === undefined &&
    // Whole, or only its score and confidence as a pair (compact.ts).
    ((Array.isArray(v.pacing) && v.pacing.length === 2 && isNum(v.pacing[0]) && isNum(v.pacing[1])) ||
      (isObj(v.pacing) &&
        isNum(v.pacing.score) &&
        isNum(v.pacing.confidence) &&
        opt(v.pacing.evidence, strList) &&
        opt(v.pacing.session, level) &&
        opt(v.pacing.longTerm, level))) &&
    // Whole, or only its token count (compact.ts).
    (isNum(v.prompt) || prompt(v.prompt)) &&
    opt(v.facts, (x) => listOf(x, fact)) &&
    opt(v.variables, variables) &&
    isObj(v.memory) &&
    isNum(v.memory.summaryThrough) &&
    // Whole, or an edit of the parent turn's summary (summary-form.ts).
    (isStr(v.memory.summary) || (v.memory.summary === undefined && listOf(v.memory.edit, rawPiece) && isStr(v.memory.check)))
  );
}

/** True only when `value` certainly has a record's shape; false means "let the schema decide". */
export function certainlyWellShaped(value: unknown): boolean {
  if (!isObj(value)) return false;
  switch (value.type) {
    case 'turn':
      return turn(value);
    case 'candidate':
      return (
        isTime(value.at) &&
        isStr(value.nodeId) &&
        opt(value.forkId, isStr) &&
        candidate(value.candidate) &&
        isInt(value.chosen) &&
        value.chosen >= 0
      );
    case 'choose':
      return isTime(value.at) && isStr(value.nodeId) && isInt(value.index) && value.index >= 0 && opt(value.forkId, isStr);
    case 'regenerate':
      return isTime(value.at) && isStr(value.nodeId) && isInt(value.rejected);
    case 'rewind':
      return isTime(value.at) && isStr(value.from) && isStr(value.leafId);
    case 'branch':
      return isTime(value.at) && isStr(value.leafId);
    case 'session-start':
      return startRecord(value);
    case 'opening':
      return isTime(value.at) && isStr(value.openingId);
    case 'note':
      return (
        isTime(value.at) &&
        (value.note === null ||
          (isObj(value.note) &&
            isStr(value.note.text) &&
            isInt(value.note.depth) &&
            value.note.depth >= 0 &&
            isInt(value.note.every) &&
            value.note.every >= 1))
      );
    case 'system-prompt':
      return isTime(value.at) && (value.text === null || isStr(value.text));
    case 'memory':
      return isTime(value.at) && (value.op === 'pin' || value.op === 'forget') && opt(value.fact, fact) && opt(value.factId, isStr);
    case 'edit':
      return isTime(value.at) && isStr(value.replaces) && isStr(value.text);
    case 'samplers':
      return isTime(value.at) && isStr(value.key);
    default:
      return false;
  }
}

function startRecord(v: Obj): boolean {
  const provider = v.provider;
  const profile = v.pacingProfile;
  return (
    isNum(v.v) &&
    isStr(v.id) &&
    isTime(v.at) &&
    isStr(v.packId) &&
    isStr(v.packTitle) &&
    isStr(v.openingId) &&
    isStr(v.persona) &&
    isNum(v.seed) &&
    isObj(provider) &&
    isStr(provider.id) &&
    isStr(provider.label) &&
    isBool(provider.offline) &&
    opt(provider.model, isStr) &&
    isNum(v.candidates) &&
    isNum(v.budget) &&
    isBool(v.planner) &&
    opt(
      profile,
      (p) =>
        isObj(p) &&
        isNum(p.version) &&
        isNum(p.score) &&
        isNum(p.confidence) &&
        isNum(p.turns) &&
        isNum(p.sessions) &&
        isNum(p.updatedAt) &&
        isObj(p.stats) &&
        Object.values(p.stats).every(isNum),
    ) &&
    opt(v.openingText, isStr)
  );
}

/**
 * What a schema cannot say about one record but the tree needs: a turn has a node id, and only a
 * first turn has no parent (a damaged parent id would move a turn, and all after it, to a branch of its own).
 */
export function treeProblem(record: { type: string; nodeId?: unknown; parentId?: unknown; number?: unknown }): string | undefined {
  if (record.type !== 'turn' && record.type !== 'candidate' && record.type !== 'choose' && record.type !== 'regenerate') return undefined;
  if (record.nodeId === '') return `${record.type}.nodeId is "", not a node`;
  if (record.type === 'turn' && record.parentId === null && record.number !== 1)
    return `turn.parentId is null, but turn ${String(record.number)} follows another`;
  return undefined;
}
