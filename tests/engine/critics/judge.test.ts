import { describe, expect, it } from 'vitest';
import { judgementResult, judgePrompt, judgeReply, parseJudgement } from '../../../src/engine/critics/judge.js';
import type { ChatMessage, Provider } from '../../../src/engine/types.js';
import { contextFor } from './contexts.js';

const REPLY = 'Wren nods. You nod back and decide to stay. "Fine," he says. Electric light floods the yard.';

describe('parseJudgement', () => {
  it('reads the rubric format: quotes, problems, strengths and the score', () => {
    const answer = [
      'QUOTES:',
      '- "You nod back and decide to stay" — acts for the player',
      '- "Electric light floods the yard" — breaks the no-electricity law',
      'PROBLEMS: speaks for the player; breaks a law.',
      'STRENGTHS: terse dialogue.',
      'SCORE: 3',
    ].join('\n');
    const j = parseJudgement(answer);
    expect(j.score).toBe(3);
    expect(j.quotes).toEqual([
      { quote: 'You nod back and decide to stay', why: 'acts for the player' },
      { quote: 'Electric light floods the yard', why: 'breaks the no-electricity law' },
    ]);
    expect(j.problems).toBe('speaks for the player; breaks a law.');
    expect(j.strengths).toBe('terse dialogue.');
  });

  it('tolerates markdown, fractions, JSON, Chinese and a missing score', () => {
    expect(parseJudgement('**Score:** 7/10').score).toBe(7);
    expect(parseJudgement('I would give it 8 out of 10.').score).toBe(8);
    expect(parseJudgement('{"score": 6, "reasons": ["ok"]}').score).toBe(6);
    expect(parseJudgement('问题：太短。\n评分：4').score).toBe(4);
    expect(parseJudgement('Score: 15').score).toBe(10);
    expect(parseJudgement('Score: 2\nOn reflection... SCORE: 5').score).toBe(5);
    expect(parseJudgement('A fine reply.').score).toBeNull();
  });
});

describe('judgementResult', () => {
  it('maps 1..10 to 0..1, flags 5 and below, and turns quotes found in the reply into evidence', () => {
    const r = judgementResult(
      parseJudgement('QUOTES:\n- "decide to stay" — acts for the player\n- "not in the reply" — x\nSCORE: 3'),
      REPLY,
    );
    expect(r.id).toBe('judge');
    expect(r.flagged).toBe(true);
    expect(r.score).toBeCloseTo(2 / 9, 3);
    expect(r.evidence).toHaveLength(1);
    expect(REPLY.slice(r.evidence[0].start, r.evidence[0].end)).toBe('decide to stay');
    expect(judgementResult(parseJudgement('SCORE: 9'), REPLY)).toMatchObject({ flagged: false, score: round(8 / 9) });
  });

  it('gives a neutral, unflagged result when no score can be read', () => {
    expect(judgementResult(parseJudgement('no idea'), REPLY)).toMatchObject({ flagged: false, score: 0.5 });
  });
});

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

describe('judgeReply', () => {
  it('sends the rubric with the world, the player message and the reply, and parses the answer', async () => {
    const seen: ChatMessage[][] = [];
    // A provider is an interface the engine receives; this one answers like a model would.
    const provider: Provider = {
      id: 'judge',
      label: 'judge',
      offline: true,
      async *generate() {},
      async complete(messages) {
        seen.push(messages);
        return 'QUOTES:\n- "decide to stay" — acts for the player\nPROBLEMS: agency.\nSTRENGTHS: none.\nSCORE: 4';
      },
    };
    const ctx = contextFor('en', { input: 'I ask Wren to stay.' });
    const result = await judgeReply(provider, ctx, REPLY);
    expect(result).toMatchObject({ id: 'judge', flagged: true, score: round(3 / 9) });
    const [system, user] = seen[0];
    expect(system.content).toMatch(/QUOTES:[\s\S]*PROBLEMS:[\s\S]*STRENGTHS:[\s\S]*SCORE:/);
    expect(user.content).toContain('I ask Wren to stay.');
    expect(user.content).toContain(REPLY);
    expect(user.content).toContain('There is no electricity');
    expect(judgePrompt(ctx, REPLY)).toEqual(seen[0]);
  });
});
