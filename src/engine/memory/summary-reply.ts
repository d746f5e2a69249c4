/**
 * What the summary model answers: the new rolling summary and the facts the player established in
 * the messages it was shown, as JSON validated by a zod schema. Read defensively, since endpoints
 * without structured output wrap the JSON in a code fence or in prose, or answer in plain text:
 * none of that may break a turn. A plain-text answer is taken as the summary with no facts.
 */
import { z } from 'zod';
import type { FactKind } from '../types.js';

const KINDS = ['name', 'relationship', 'possession', 'promise', 'place', 'preference', 'other'] as const satisfies readonly FactKind[];

/** One fact as the model reports it. */
export const modelFactSchema = z.object({
  kind: z.enum(KINDS),
  subject: z.string().trim().min(1).max(80),
  value: z.string().trim().min(1).max(160),
  text: z.string().trim().min(1).max(240),
  turn: z.number().int().min(0),
});

export type ModelFact = z.infer<typeof modelFactSchema>;

/** The whole answer: every field required, so the JSON schema can be strict. */
export const summaryReplySchema = z.object({
  summary: z.string(),
  facts: z.array(modelFactSchema),
});

/** What a summary writer returns: the summary and the facts it found (none when it did not say). */
export interface SummaryResult {
  summary: string;
  facts: ModelFact[];
}

/** Facts kept from one answer at most: a model that lists the whole story is not reporting facts. */
export const MAX_MODEL_FACTS = 12;

/**
 * The JSON schema sent as `response_format`, derived from the zod schema so the two cannot drift.
 * Length and range bounds are left out: OpenAI's strict mode refuses them, and they are checked
 * on arrival anyway.
 */
export function summaryJsonSchema(): Record<string, unknown> {
  // Derived once: zod's conversion was ~1 ms of every turn's client CPU (bench/client.ts profile).
  // A copy each call, so a caller that adapts it cannot change the next request's.
  summarySchema ??= (() => {
    const schema = z.toJSONSchema(summaryReplySchema, { target: 'draft-7' }) as Record<string, unknown>;
    delete schema.$schema;
    return withoutBounds(schema) as Record<string, unknown>;
  })();
  return structuredClone(summarySchema);
}

let summarySchema: Record<string, unknown> | undefined;

const BOUNDS = new Set(['minLength', 'maxLength', 'minimum', 'maximum']);

function withoutBounds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBounds);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !BOUNDS.has(k))
      .map(([k, v]) => [k, withoutBounds(v)]),
  );
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
        .flatMap((item) => {
          const parsed = modelFactSchema.safeParse(item);
          return parsed.success ? [parsed.data] : [];
        })
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
