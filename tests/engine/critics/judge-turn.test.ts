import { describe, expect, it } from 'vitest';
import { JUDGE_ANSWER_SCHEMA, readJudgeAnswer, type JudgedMode } from '../../../src/engine/critics/judge-answer.js';
import { combineJudgement, judgeTurnPrompt } from '../../../src/engine/critics/judge-turn.js';
import type { CriticResult } from '../../../src/engine/types.js';
import { contextFor } from './contexts.js';

const V = (mode: string, quote = 'x', reason = 'because') => ({ mode: mode as JudgedMode, quote, reason });

describe("reading the judge's answer", () => {
  it("takes the schema's shape as it is", () => {
    const answer = JSON.stringify({
      candidates: [
        { candidate: 1, verdicts: [] },
        { candidate: 2, verdicts: [V('ignores-user', 'Fine.', 'no answer')] },
      ],
    });
    expect(readJudgeAnswer(answer, 2)).toEqual({
      verdicts: [[], [{ mode: 'ignores-user', quote: 'Fine.', reason: 'no answer' }]],
      problems: [],
    });
  });

  it('finds the JSON inside a code fence or prose, and ignores brackets in the prose', () => {
    const json = JSON.stringify({ candidates: [{ candidate: 1, verdicts: [V('out-of-character')] }] });
    for (const answer of [
      `\`\`\`json\n${json}\n\`\`\``,
      `Sure [1]! Here is the grading: ${json} Hope it helps {not json}.`,
      `\`\`\`\n${json}\n\`\`\``,
    ]) {
      expect(readJudgeAnswer(answer, 1).verdicts, answer).toEqual([[{ mode: 'out-of-character', quote: 'x', reason: 'because' }]]);
    }
  });

  it('keeps what it can trust: a bare array, numbers as strings, loose mode names; drops bad entries and says so', () => {
    const answer = JSON.stringify([
      { candidate: '2', verdicts: [V('Speaks for user', 'you nod'), { mode: 'boredom', reason: 'dull' }, { mode: 'ignores-user' }] },
      { candidate: 7, verdicts: [] },
      { candidate: 1, failures: [{ type: 'law_violation', quote: 'radio', why: 'too modern' }] },
    ]);
    const reading = readJudgeAnswer(answer, 3);
    expect(reading.verdicts).toEqual([
      [{ mode: 'law-violation', quote: 'radio', reason: 'too modern' }],
      [{ mode: 'speaks-for-user', quote: 'you nod', reason: 'because' }],
      undefined,
    ]);
    expect(reading.problems).toEqual([
      '2 unreadable verdicts for candidate 2',
      'an entry for candidate 7, which was not sent',
      'no grade for candidate 3',
    ]);
    expect(reading.error).toBeUndefined();
  });

  it('says why when nothing can be used', () => {
    expect(readJudgeAnswer('They are all fine.', 2).error).toBe("the judge's answer held no JSON");
    expect(readJudgeAnswer('{"score": 7}', 2).error).toBe("the judge's answer did not list the candidates");
    expect(readJudgeAnswer('{"candidates": [{"candidate": 9, "verdicts": []}]}', 2).error).toBe(
      "the judge's answer graded none of the candidates",
    );
    // A single candidate graded without the wrapper is still read.
    expect(readJudgeAnswer('{"verdicts": []}', 1)).toEqual({ verdicts: [[]], problems: [] });
  });

  it('sends a schema strict endpoints accept: every field required, nothing extra, no $schema', () => {
    const text = JSON.stringify(JUDGE_ANSWER_SCHEMA);
    expect(text).not.toContain('$schema');
    expect(text).not.toMatch(/"(minimum|maximum)"/);
    expect(JUDGE_ANSWER_SCHEMA).toMatchObject({ type: 'object', required: ['candidates'], additionalProperties: false });
    const verdict = (
      JUDGE_ANSWER_SCHEMA as { properties: { candidates: { items: { properties: { verdicts: { items: Record<string, unknown> } } } } } }
    ).properties.candidates.items.properties.verdicts.items;
    expect(verdict).toMatchObject({
      required: ['mode', 'quote', 'reason'],
      additionalProperties: false,
      properties: { mode: { enum: ['speaks-for-user', 'ignores-user', 'out-of-character', 'reference-confusion', 'law-violation'] } },
    });
  });
});

describe('the judging prompt', () => {
  it("numbers every candidate and gives the world, its laws with their forbid lists, and the player's message", () => {
    const ctx = contextFor('en', { input: 'I ask Wren to stay.' });
    const [system, user] = judgeTurnPrompt(ctx, ['First reply.', 'Second reply.']);
    expect(system.content).toMatch(/"candidates":\[\{"candidate":1,"verdicts"/);
    expect(user.content).toContain('Candidate 1:\n<<<\nFirst reply.\n>>>');
    expect(user.content).toContain('Candidate 2:\n<<<\nSecond reply.\n>>>');
    expect(user.content).toContain('I ask Wren to stay.');
    expect(user.content).toMatch(/There is no electricity.*forbidden words: electric/);
  });
});

describe('combining the judge with the patterns', () => {
  const TEXT = 'Wren nods. You nod back and decide to stay. The radio hums.';
  const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length, text: s });
  const hint: CriticResult = {
    id: 'speaks-for-user',
    flagged: false,
    hint: true,
    confidence: 0.5,
    score: 1,
    evidence: [{ ...at('You nod back'), why: 'the player may be acting' }],
  };
  const flag: CriticResult = {
    id: 'law-violation',
    flagged: true,
    score: 0.5,
    evidence: [{ ...at('radio'), why: 'breaks law "no-electricity"' }],
  };
  const clean: CriticResult = { id: 'ignores-user', flagged: false, score: 1, evidence: [] };

  it("a verdict that agrees with a pattern hint makes it a sure flag, with the judge's reason beside the pattern's", () => {
    const [promoted, , , judge] = combineJudgement(
      [hint, flag, clean],
      [V('speaks-for-user', 'decide to stay', 'decides for the player')],
      TEXT,
    );
    expect(promoted).toEqual({
      id: 'speaks-for-user',
      flagged: true,
      confidence: 0.75,
      score: 0.65,
      evidence: [hint.evidence[0], { ...at('decide to stay'), why: 'the judge agrees: decides for the player' }],
    });
    expect(judge).toEqual({ id: 'judge', flagged: false, score: 1, evidence: [] });
  });

  it("a verdict no pattern saw is flagged as the judge's own; agreement with a flag keeps it a flag", () => {
    const out = combineJudgement(
      [hint, flag, clean],
      [
        V('ignores-user', 'Wren nods.', 'the question is not answered'),
        V('law-violation', 'radio', 'too modern'),
        V('out-of-character', 'not in the reply', 'speaks as an assistant'),
      ],
      TEXT,
    );
    expect(out.find((r) => r.id === 'ignores-user')).toEqual(clean);
    expect(out.find((r) => r.id === 'speaks-for-user')).toEqual(hint);
    expect(out.find((r) => r.id === 'law-violation')).toMatchObject({
      flagged: true,
      score: 0.5,
      evidence: [flag.evidence[0], { ...at('radio'), why: 'the judge agrees: too modern' }],
    });
    expect(out.find((r) => r.id === 'judge')).toEqual({
      id: 'judge',
      flagged: true,
      score: 0.3,
      evidence: [
        { ...at('Wren nods.'), why: 'ignores-user: the question is not answered' },
        // A quote the reply does not contain keeps no offsets; it stays readable in the reason.
        { start: 0, end: 0, text: '', why: 'out-of-character: speaks as an assistant ("not in the reply")' },
      ],
    });
  });
});
