/**
 * The shape every record must have before the tree, a resume, `show` or `export` touches it. A
 * record that fails is skipped and named (which field, what it held), instead of a `null` where an
 * object belongs surfacing later as "Cannot read properties of null". Objects are loose: a field a
 * newer skald adds is kept, not refused.
 */
import { z } from 'zod';
import { CRITIC_IDS } from '../engine/types.js';
import { certainlyWellShaped, MAX_TIME_MS, treeProblem } from './fast-shape.js';
import { variantCodeProblem } from './variant-code.js';

const num = z.number();
const str = z.string();
const int = z.number().int();

const variant = z.looseObject({ beat: str, cadence: str, label: str });
const evidence = z.looseObject({ start: int, end: int, text: str.optional(), why: str });
// On disk a clean critic result is only its index in CRITIC_IDS, or its id (see compact.ts).
const criticIndex = int.min(0).max(CRITIC_IDS.length - 1);
const critic = z.union([
  criticIndex,
  str,
  // A flagged result's id may be its index (compact.ts).
  z.looseObject({ id: z.union([str, criticIndex]), flagged: z.boolean(), score: num, evidence: z.array(evidence) }),
]);
const failure = z.looseObject({ kind: str, message: str, retryable: z.boolean() });

const candidate = z.looseObject({
  // `k` for `<node>-c<k>` (compact.ts).
  id: z.union([str, int.min(0)]),
  text: str,
  raw: str.optional(),
  rawEdit: z.array(z.union([z.tuple([int, int]), str])).optional(),
  reasoning: str.optional(),
  variant,
  // The list, or how many critics all passed in table order (compact.ts).
  // Left out at their usual values (compact.ts): CLEAN_DEFAULT clean critics, a score of 1, ...
  critics: z.union([z.array(critic), int.min(1).max(CRITIC_IDS.length)]).optional(),
  score: num.optional(),
  repairs: z.array(str).optional(),
  incomplete: z.boolean().optional(),
  error: failure.optional(),
  finishReason: str.optional(),
  // Diagnostics: inline in older logs, in the side file since (diagnostics.ts).
  timing: z.looseObject({ ttftMs: num.nullable(), totalMs: num, tokensPerSecond: num.nullable() }).optional(),
  usage: z.looseObject({ promptTokens: num, completionTokens: num, totalTokens: num }).optional(),
  retries: num.optional(),
  revision: z.looseObject({ kind: z.enum(['continued', 'edited']), from: str }).optional(),
});

const plan = z.looseObject({
  beat: str,
  cadence: str,
  directive: str.optional(),
  targetLength: z.array(num),
  tension: num,
  // By beat name, or as compact.ts writes it: in its fixed beat order, null for a beat left out.
  tensionByBeat: z.union([z.record(z.string(), num), z.array(num.nullable()).max(6)]).optional(),
  thread: z.looseObject({ id: str, title: str, beatIndex: num, beat: str }).optional(),
  actors: z.array(str),
  hook: str,
  pivot: str.optional(),
  reason: str.optional(),
});

const level = z.looseObject({ score: num, confidence: num });
const pacing = z.looseObject({
  score: num,
  confidence: num,
  evidence: z.array(str).optional(),
  session: level.optional(),
  longTerm: level.optional(),
});

const firing = z.looseObject({ id: str, key: str, turn: num, excerpt: str, tokens: num });
const prompt = z.looseObject({
  tokens: num,
  budget: num.optional(),
  breakdown: z.record(str, num).optional(),
  lore: z.array(str).optional(),
  loreFired: z.array(firing).optional(),
  loreCut: z.array(firing).optional(),
  memoryTokens: num.optional(),
  historyMessages: num.optional(),
  stop: z.array(str).optional(),
});

const fact = z.looseObject({ id: str, text: str, kind: str, turn: num, source: str });
// A time a date can hold: one past ECMAScript's limit would throw where the story is shown.
const at = num.min(-MAX_TIME_MS).max(MAX_TIME_MS);

const profile = z.looseObject({
  version: num,
  score: num,
  confidence: num,
  turns: num,
  sessions: num,
  updatedAt: num,
  stats: z.record(str, num),
});

export const sessionStartSchema = z.looseObject({
  type: z.literal('session-start'),
  v: num,
  id: str,
  at,
  packId: str,
  packTitle: str,
  openingId: str,
  persona: str,
  seed: num,
  provider: z.looseObject({ id: str, label: str, offline: z.boolean(), model: str.optional() }),
  candidates: num,
  budget: num,
  planner: z.boolean(),
  pacingProfile: profile.optional(),
  openingText: str.optional(),
});

const turn = z.looseObject({
  type: z.literal('turn'),
  at,
  nodeId: str,
  parentId: str.nullable(),
  number: int.min(1),
  // Left out when usual: cause `play`, no facts (compact.ts).
  cause: z.enum(['play', 'edit']).optional(),
  input: z.looseObject({ text: str, latencyMs: num.optional() }),
  // In a turn a candidate's variant may be a letter, or its beat left out: the plan's (compact.ts, variant-code.ts).
  candidates: z.array(candidate.extend({ variant: z.union([z.enum(['p', 'g', 'b']), variant.extend({ beat: str.optional() })]) })).min(1),
  chosen: int.min(0),
  plan,
  // Whole, or only the score and confidence as a pair, the token count (compact.ts). The whole
  // form first: a value of neither is named as the object it usually is.
  pacing: z.union([pacing, z.tuple([num, num])]),
  prompt: z.union([prompt, num]),
  facts: z.array(fact).optional(),
  // Whole, or an edit of the parent turn's summary (summary-form.ts).
  memory: z.union([
    z.looseObject({ summary: str, summaryThrough: num }),
    z.looseObject({ summaryThrough: num, edit: z.array(z.union([z.tuple([int, int]), str])), check: str }),
  ]),
  variables: z.looseObject({ local: z.record(z.string(), str).optional(), global: z.record(z.string(), str).optional() }).optional(),
});

const recordSchema = z.discriminatedUnion('type', [
  sessionStartSchema,
  turn,
  z.looseObject({ type: z.literal('candidate'), at, nodeId: str, forkId: str.optional(), candidate, chosen: int.min(0) }),
  z.looseObject({ type: z.literal('choose'), at, nodeId: str, index: int.min(0), forkId: str.optional() }),
  z.looseObject({ type: z.literal('regenerate'), at, nodeId: str, rejected: int }),
  z.looseObject({ type: z.literal('rewind'), at, from: str, leafId: str }),
  z.looseObject({ type: z.literal('edit'), at, replaces: str, text: str }),
  z.looseObject({ type: z.literal('memory'), at, op: z.enum(['pin', 'forget']), fact: fact.optional(), factId: str.optional() }),
  z.looseObject({ type: z.literal('branch'), at, leafId: str }),
  z.looseObject({ type: z.literal('opening'), at, openingId: str }),
  z.looseObject({ type: z.literal('note'), at, note: z.looseObject({ text: str, depth: int.min(0), every: int.min(1) }).nullable() }),
  z.looseObject({ type: z.literal('system-prompt'), at, text: str.nullable() }),
  z.looseObject({ type: z.literal('samplers'), at, key: str, value: z.unknown().optional() }),
]);

/** Every record type a session file holds. */
export const RECORD_TYPES: ReadonlySet<string> = new Set([
  'session-start',
  'turn',
  'candidate',
  'choose',
  'regenerate',
  'rewind',
  'edit',
  'memory',
  'branch',
  'opening',
  'note',
  'system-prompt',
  'samplers',
]);

/**
 * Undefined when `value` has the shape of a record, else one phrase naming the first wrong field:
 * `turn.prompt is null, not an object`.
 */
export function shapeProblem(value: unknown): string | undefined {
  return (certainlyWellShaped(value) ? undefined : schemaProblem(value)) ?? treeProblem(value as { type: string });
}

/** `shapeProblem` by the schema alone, with no quick yes (tests hold the two to the same verdicts). */
export function schemaProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `the line holds ${describe(value)}, not a record`;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !RECORD_TYPES.has(type))
    return `its type ${typeof type === 'string' ? `"${type.slice(0, 40)}"` : 'is missing, and'} is not one skald writes`;
  const result = recordSchema.safeParse(value);
  if (result.success) {
    const letters = type === 'turn' ? variantCodeProblem(value) : undefined;
    return letters === undefined ? undefined : `turn.${letters}`;
  }
  const { issue, at } = firstIssue(result.error.issues[0]);
  const path = [type, ...at.map(String)].join('.');
  const found = valueAt(value, at);
  if (issue.code === 'invalid_type') return `${path} is ${describe(found)}, not ${article(issue.expected)}`;
  if (issue.code === 'too_small') return `${path} is ${describe(found)}, too small`;
  return `${path} is ${describe(found)}, which is not allowed there`;
}

type Issue = z.core.$ZodIssue;

/**
 * The issue to name, and where: inside a union of forms none of which fits, the first form that
 * fits the value's type and fails deeper (`turn.pacing.score is a string`), else the first form's.
 */
function firstIssue(issue: Issue): { issue: Issue; at: PropertyKey[] } {
  let at: PropertyKey[] = [...issue.path];
  while (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = issue.errors.find((b) => (b[0]?.path.length ?? 0) > 0) ?? issue.errors[0];
    if (!branch[0]) break;
    issue = branch[0];
    at = [...at, ...issue.path];
  }
  return { issue, at };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path)
    current = current !== null && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[key] : undefined;
  return current;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value.length > 24 ? 'a string' : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return `a ${typeof value}`;
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
