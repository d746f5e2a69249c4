/**
 * The judge's and the summary model's answers are checked by hand (zod stays off the start path).
 * zod, the library that checked them before, is the oracle here: the schemas below are the ones
 * the engine used, and every value is given the same verdict (and the same cleaned fact) by both.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isJudgeAnswer, JUDGE_ANSWER_SCHEMA, JUDGED_MODES } from '../../src/engine/critics/judge-answer.js';
import { readModelFact, summaryJsonSchema } from '../../src/engine/memory/summary-reply.js';

const Verdict = z.strictObject({ mode: z.enum(JUDGED_MODES), quote: z.string(), reason: z.string() });
const JudgeAnswer = z.strictObject({
  candidates: z.array(z.strictObject({ candidate: z.number().int(), verdicts: z.array(Verdict) })),
});

const KINDS = ['name', 'relationship', 'possession', 'promise', 'place', 'preference', 'other'] as const;
const ModelFact = z.object({
  kind: z.enum(KINDS),
  subject: z.string().trim().min(1).max(80),
  value: z.string().trim().min(1).max(160),
  text: z.string().trim().min(1).max(240),
  turn: z.number().int().min(0),
});
const SummaryReply = z.object({ summary: z.string(), facts: z.array(ModelFact) });

/** What a JSON answer can put in a field, borders of the lengths and integers included. */
const ODD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 53),
  2 ** 53 - 1,
  1e300,
  '',
  '   ',
  'x',
  ' x ',
  '\u00a0x\u3000',
  'x'.repeat(80),
  'x'.repeat(81),
  ` ${'x'.repeat(80)}\n`,
  'x'.repeat(160),
  'x'.repeat(161),
  'x'.repeat(240),
  'x'.repeat(241),
  '😀'.repeat(40),
  '😀'.repeat(41),
  'name',
  'rumour',
  'out-of-character',
  'Out-of-character',
  [],
  ['x'],
  {},
];

/** `base` with each field in turn missing, then set to each odd value, then with a key added. */
function variants(base: Record<string, unknown>): unknown[] {
  const out: unknown[] = [
    base,
    { ...base, extra: 1 },
    { ...base, __proto__: 1 },
    JSON.parse(JSON.stringify({ ...base, ['__proto__']: 1 })),
  ];
  for (const key of Object.keys(base)) {
    const { [key]: _dropped, ...rest } = base;
    out.push(rest);
    for (const value of ODD_VALUES) out.push({ ...base, [key]: value });
  }
  return out;
}

/** A JSON schema with the named keywords taken out at every level. */
function without(schema: unknown, keywords: string[]): unknown {
  if (Array.isArray(schema)) return schema.map((s) => without(s, keywords));
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !keywords.includes(key))
      .map(([key, value]) => [key, without(value, keywords)]),
  );
}

const NOT_OBJECTS: unknown[] = [null, undefined, 0, 'x', [], [{}], true];

describe('the judge answer, checked by hand', () => {
  it('takes exactly the values zod took', () => {
    const verdict = { mode: 'ignores-user', quote: 'Fine.', reason: 'no answer' };
    const entry = { candidate: 2, verdicts: [verdict] };
    const values: unknown[] = [
      ...NOT_OBJECTS,
      { candidates: [] },
      ...variants({ candidates: [entry] }),
      ...variants(entry).map((e) => ({ candidates: [{ candidate: 1, verdicts: [] }, e] })),
      ...variants(verdict).map((v) => ({ candidates: [{ candidate: 1, verdicts: [verdict, v] }] })),
      ...JUDGED_MODES.map((mode) => ({ candidates: [{ candidate: 1, verdicts: [{ ...verdict, mode }] }] })),
    ];
    let taken = 0;
    for (const value of values) {
      const expected = JudgeAnswer.safeParse(value).success;
      expect(isJudgeAnswer(value), JSON.stringify(value)?.slice(0, 200)).toBe(expected);
      if (expected) taken++;
    }
    // Both verdicts occur, many times: the comparison is not one-sided.
    expect(taken).toBeGreaterThan(20);
    expect(values.length - taken).toBeGreaterThan(100);
  });

  it('sends the JSON schema zod made of the same shape, less what strict endpoints refuse', () => {
    expect(JUDGE_ANSWER_SCHEMA).toEqual(without(z.toJSONSchema(JudgeAnswer, { target: 'draft-7' }), ['$schema', 'minimum', 'maximum']));
  });
});

describe("the summary model's facts, checked by hand", () => {
  it('keeps and cleans exactly the facts zod kept, as zod cleaned them', () => {
    const fact = { kind: 'relationship', subject: 'Biscuit', value: 'dog', text: "Biscuit is Tamsin's dog.", turn: 1 };
    const values = [...NOT_OBJECTS, ...variants(fact)];
    let kept = 0;
    for (const value of values) {
      const parsed = ModelFact.safeParse(value);
      expect(readModelFact(value), JSON.stringify(value)?.slice(0, 200)).toEqual(parsed.success ? parsed.data : undefined);
      if (parsed.success) kept++;
    }
    expect(kept).toBeGreaterThan(15);
    expect(values.length - kept).toBeGreaterThan(100);
  });

  it('sends the JSON schema zod made of the same shape, without the bounds strict mode refuses', () => {
    const bounds = ['$schema', 'minLength', 'maxLength', 'minimum', 'maximum'];
    expect(summaryJsonSchema()).toEqual(without(z.toJSONSchema(SummaryReply, { target: 'draft-7' }), bounds));
  });
});
