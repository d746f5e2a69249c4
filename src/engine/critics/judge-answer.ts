/**
 * What the turn judge answers: for every candidate, the semantic failures it found, each with a
 * quote and a reason. The shape is sent as the JSON schema of `response_format`, and the answer is
 * read defensively, because models wrap JSON in code fences and prose, number candidates their own
 * way, and skip some: a reading keeps every verdict it can trust and says what it had to drop.
 *
 * Checked by hand rather than with zod: this module is on every start's path (the engine chunk),
 * and zod's ~0.75 MB cost ~40 ms of the TUI's first frame (BENCHMARKS.md). Tests hold the check
 * and the schema to what zod made of the same shape.
 */

/** The failure modes patterns cannot judge well, and the judge grades. */
export const JUDGED_MODES = ['speaks-for-user', 'ignores-user', 'out-of-character', 'reference-confusion', 'law-violation'] as const;
export type JudgedMode = (typeof JUDGED_MODES)[number];

export interface JudgeVerdict {
  mode: JudgedMode;
  quote: string;
  reason: string;
}

/** The judge's whole answer, in the schema's shape. */
export interface JudgeAnswer {
  candidates: Array<{ candidate: number; verdicts: JudgeVerdict[] }>;
}

/** A plain JSON object holding exactly `keys` (a strict object: none missing, none extra). */
function hasExactly(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => Object.hasOwn(value, key));
}

const isVerdict = (value: unknown): boolean =>
  hasExactly(value, ['mode', 'quote', 'reason']) &&
  (JUDGED_MODES as readonly unknown[]).includes(value.mode) &&
  typeof value.quote === 'string' &&
  typeof value.reason === 'string';

/** Whether `value` is the schema's shape exactly; a safe integer is what the schema's `integer` allows. */
export function isJudgeAnswer(value: unknown): value is JudgeAnswer {
  return (
    hasExactly(value, ['candidates']) &&
    Array.isArray(value.candidates) &&
    value.candidates.every(
      (entry: unknown) =>
        hasExactly(entry, ['candidate', 'verdicts']) &&
        Number.isSafeInteger(entry.candidate) &&
        Array.isArray(entry.verdicts) &&
        entry.verdicts.every(isVerdict),
    )
  );
}

const STRING = { type: 'string' } as const;

/**
 * The answer's JSON schema, as `response_format: {type: 'json_schema'}` carries it: every field
 * required and nothing extra, without `$schema` or numeric bounds (strict endpoints refuse them).
 */
export const JUDGE_ANSWER_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    candidates: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          candidate: { type: 'integer' },
          verdicts: {
            type: 'array',
            items: {
              type: 'object',
              properties: { mode: { type: 'string', enum: [...JUDGED_MODES] }, quote: STRING, reason: STRING },
              required: ['mode', 'quote', 'reason'],
              additionalProperties: false,
            },
          },
        },
        required: ['candidate', 'verdicts'],
        additionalProperties: false,
      },
    },
  },
  required: ['candidates'],
  additionalProperties: false,
};

export interface JudgeReading {
  /** Per candidate (0-based, in the order sent): its verdicts, or undefined when the judge did not grade it. */
  verdicts: Array<JudgeVerdict[] | undefined>;
  /** What had to be dropped or was missing, one short phrase each. */
  problems: string[];
  /** Set when nothing usable could be read at all. */
  error?: string;
}

/** The text inside a ```json fence, when the answer has one. */
function unfenced(answer: string): string {
  const fence = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(answer);
  return fence ? fence[1] : answer;
}

/** An answer's JSON is an object, or an array of objects; `[1]` in the prose around it is not. */
const answerLike = (value: unknown): boolean =>
  value !== null &&
  typeof value === 'object' &&
  (!Array.isArray(value) || (value.length > 0 && value.every((v) => v !== null && typeof v === 'object')));

/** The first balanced JSON object or array in `text` that looks like an answer (strings and escapes respected), parsed. */
export function firstJson(text: string): unknown {
  for (let start = 0; start < text.length; start++) {
    const open = text[start];
    if (open !== '{' && open !== '[') continue;
    const stack: string[] = [];
    let inString = false;
    for (let i = start; i < text.length; i++) {
      const ch = text[i];
      if (inString) {
        if (ch === '\\') i++;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') stack.push(ch === '{' ? '}' : ']');
      else if (ch === '}' || ch === ']') {
        if (stack.pop() !== ch) break;
        if (stack.length === 0) {
          try {
            const value: unknown = JSON.parse(text.slice(start, i + 1));
            if (answerLike(value)) return value;
          } catch {
            // Not JSON after all (a bracket in prose): try the next opening.
          }
          break;
        }
      }
    }
  }
  return undefined;
}

const MODE_ALIASES: Record<string, JudgedMode> = {
  law: 'law-violation',
  ooc: 'out-of-character',
  'speaks-for-player': 'speaks-for-user',
  'ignores-player': 'ignores-user',
};

function modeOf(value: unknown): JudgedMode | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return (JUDGED_MODES as readonly string[]).includes(key) ? (key as JudgedMode) : MODE_ALIASES[key];
}

function verdictOf(value: unknown): JudgeVerdict | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const mode = modeOf(v.mode ?? v.failure ?? v.type);
  const reason = v.reason ?? v.why ?? v.explanation;
  if (!mode || typeof reason !== 'string' || reason.trim() === '') return undefined;
  return { mode, quote: typeof v.quote === 'string' ? v.quote : '', reason: reason.trim() };
}

/**
 * Reads a judge's answer for `count` candidates. The schema's shape is taken as it is; otherwise
 * each candidate and each verdict is checked on its own, so one bad entry costs only itself.
 */
export function readJudgeAnswer(answer: string, count: number): JudgeReading {
  const verdicts: JudgeReading['verdicts'] = Array.from({ length: count }, () => undefined);
  const problems: string[] = [];
  const doc = firstJson(unfenced(answer)) ?? firstJson(answer);
  if (doc === undefined) return { verdicts, problems, error: "the judge's answer held no JSON" };
  const strict = isJudgeAnswer(doc);
  const d = doc as Record<string, unknown>;
  let entries: unknown[] = [];
  if (strict) entries = doc.candidates;
  else if (Array.isArray(doc)) entries = doc;
  else if (Array.isArray(d.candidates)) entries = d.candidates;
  // One candidate graded without the wrapper.
  else if (count === 1 && Array.isArray(d.verdicts)) entries = [{ candidate: 1, verdicts: d.verdicts }];
  if (entries.length === 0 && !strict) return { verdicts, problems, error: "the judge's answer did not list the candidates" };
  entries.forEach((entry, position) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const raw = e.candidate ?? e.index ?? e.reply;
    // Candidates are numbered from 1 in the prompt; an entry without a number is taken by position.
    const number = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : position + 1;
    if (!Number.isInteger(number) || number < 1 || number > count) {
      problems.push(`an entry for candidate ${String(raw)}, which was not sent`);
      return;
    }
    const list = e.verdicts ?? e.failures ?? e.problems;
    if (!Array.isArray(list)) {
      problems.push(`candidate ${number} without a list of verdicts`);
      return;
    }
    const read = list.map(verdictOf);
    const kept = read.filter((v): v is JudgeVerdict => v !== undefined);
    if (kept.length < read.length)
      problems.push(`${read.length - kept.length} unreadable verdict${read.length - kept.length > 1 ? 's' : ''} for candidate ${number}`);
    verdicts[number - 1] = [...(verdicts[number - 1] ?? []), ...kept];
  });
  const missing = verdicts.flatMap((v, i) => (v === undefined ? [i + 1] : []));
  if (missing.length > 0) problems.push(`no grade for candidate${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (missing.length === count) return { verdicts, problems, error: "the judge's answer graded none of the candidates" };
  return { verdicts, problems };
}
