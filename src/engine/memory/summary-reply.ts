/**
 * What the summary model answers: the new rolling summary and the facts the player established in
 * the messages it was shown, as JSON in a fixed shape. Read defensively, since endpoints without
 * structured output wrap the JSON in a code fence or in prose, or answer in plain text: none of
 * that may break a turn. A plain-text answer is taken as the summary with no facts.
 *
 * Checked by hand rather than with zod, which this module (on every start's path) would otherwise
 * load: ~40 ms of the TUI's first frame (BENCHMARKS.md). Tests hold `readModelFact` and the schema
 * to what zod made of the same shape.
 */
import type { FactKind } from '../types.js';

const KINDS = ['name', 'relationship', 'possession', 'promise', 'place', 'preference', 'other'] as const satisfies readonly FactKind[];

/** One fact as the model reports it. */
export interface ModelFact {
  kind: (typeof KINDS)[number];
  subject: string;
  value: string;
  text: string;
  turn: number;
}

/** Longest `subject`, `value` and `text` kept, after trimming: a longer one is not a fact but prose. */
const MAX_LENGTH = { subject: 80, value: 160, text: 240 } as const;

/** A trimmed string of 1..max characters (code points, so an emoji counts once), or undefined. */
function trimmedText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  // A code point is one or two UTF-16 units: only a text longer than `max` units needs counting.
  const length = text.length > max ? [...text].length : text.length;
  return length >= 1 && length <= max ? text : undefined;
}

/**
 * One fact from the answer, its strings trimmed and anything else it carried left behind, or
 * undefined when a field is missing, of the wrong type, empty or too long, or the kind unknown.
 */
export function readModelFact(item: unknown): ModelFact | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const v = item as Record<string, unknown>;
  const kind = (KINDS as readonly unknown[]).includes(v.kind) ? (v.kind as ModelFact['kind']) : undefined;
  const subject = trimmedText(v.subject, MAX_LENGTH.subject);
  const value = trimmedText(v.value, MAX_LENGTH.value);
  const text = trimmedText(v.text, MAX_LENGTH.text);
  const turn = Number.isSafeInteger(v.turn) && (v.turn as number) >= 0 ? (v.turn as number) : undefined;
  if (kind === undefined || subject === undefined || value === undefined || text === undefined || turn === undefined) return undefined;
  return { kind, subject, value, text, turn };
}

/** What a summary writer returns: the summary and the facts it found (none when it did not say). */
export interface SummaryResult {
  summary: string;
  facts: ModelFact[];
}

/** Facts kept from one answer at most: a model that lists the whole story is not reporting facts. */
export const MAX_MODEL_FACTS = 12;

const STRING = { type: 'string' } as const;

/**
 * The JSON schema sent as `response_format`: every field required and nothing extra, so it can be
 * strict. Length and range bounds are left out (OpenAI's strict mode refuses them); they are
 * checked on arrival instead.
 */
const SUMMARY_SCHEMA = {
  type: 'object',
  properties: {
    summary: STRING,
    facts: {
      type: 'array',
      items: {
        type: 'object',
        properties: { kind: { type: 'string', enum: [...KINDS] }, subject: STRING, value: STRING, text: STRING, turn: { type: 'integer' } },
        required: ['kind', 'subject', 'value', 'text', 'turn'],
        additionalProperties: false,
      },
    },
  },
  required: ['summary', 'facts'],
  additionalProperties: false,
};

const SUMMARY_SCHEMA_JSON = JSON.stringify(SUMMARY_SCHEMA);

/** The schema, a copy each call, so a caller that adapts it cannot change the next request's. */
export function summaryJsonSchema(): Record<string, unknown> {
  // Parsed from its JSON: several times cheaper than structuredClone for a small tree of plain data.
  return JSON.parse(SUMMARY_SCHEMA_JSON) as Record<string, unknown>;
}

/**
 * Reads a summary model's answer. Returns the summary (undefined when the answer is unusable, so
 * the caller falls back to the extractive summary) and the facts that passed the schema; a bad
 * fact is dropped on its own, never the whole answer.
 */
export function parseSummaryReply(text: string): { summary?: string; facts: ModelFact[] } {
  const trimmed = text.trim();
  if (!trimmed) return { facts: [] };
  const json = findJson(trimmed);
  if (json === undefined) {
    // Something that meant to be JSON but is not readable would pollute every prompt as a summary.
    return /^\s*(?:```|\{)/.test(trimmed) ? { facts: [] } : { summary: trimmed, facts: [] };
  }
  const object = json as { summary?: unknown; facts?: unknown };
  const summary = typeof object.summary === 'string' && object.summary.trim() ? object.summary.trim() : undefined;
  const facts = Array.isArray(object.facts)
    ? object.facts
        .map(readModelFact)
        .filter((fact): fact is ModelFact => fact !== undefined)
        .slice(0, MAX_MODEL_FACTS)
    : [];
  return { ...(summary ? { summary } : {}), facts };
}

/** The first JSON object in the text: the whole text, a fenced block, or the outermost braces. */
function findJson(text: string): object | undefined {
  const candidates = [text];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  if (fenced) candidates.push(fenced[1]);
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start >= 0 && end > start) candidates.push(text.slice(start, end + 1));
  for (const candidate of candidates) {
    try {
      const value: unknown = JSON.parse(candidate.trim());
      if (value && typeof value === 'object' && !Array.isArray(value)) return value;
    } catch {
      // Not this one; try the next reading.
    }
  }
  return undefined;
}
