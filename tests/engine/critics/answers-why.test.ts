/**
 * An open "why" asks for a reason, a form a pattern can name as it names a place for "where": a reply on another
 * subject with no reason in it passes the question by, an ignores-user hint. Real texts: the question is MT-bench's
 * roleplay question 91 (lm-sys/FastChat @ 589532dc, fastchat/llm_judge/data/mt_bench/question.jsonl; critics-third
 * mtb-elon-claude-t1), the answer the first sentences of claude-v1's (enricai/FastChat @ edacaa5b,
 * fastchat/llm_judge/data/mt_bench/model_answer/claude-v1.jsonl), and the off-subject reply gpt-3.5-turbo's Spartacus
 * recommending C++ books to another question (choosewhatulike/trainable-agents @ 623c0520,
 * data/gen_results/interview_single/Spartacus_chatgpt_result, [92]; critics-real cllm1-spartacus-chatgpt-cpp).
 */
import { describe, expect, it } from 'vitest';
import { ignoresUser } from '../../../src/engine/critics/ignores-user.js';
import { settle } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';

const WHY = 'Why do we need to go to Mars?';
const OFF_SUBJECT =
  'Ah, C++. A language of great power and complexity. If you seek to master it, you must first understand its foundations. I recommend "The C++ Programming Language" by Bjarne Stroustrup, the creator of C++. It is a comprehensive guide to the language and its features. Additionally, "Effective C++" by Scott Meyers is a must-read for any serious C++ programmer, as it covers best practices and common pitfalls. Do not underestimate the importance of a strong foundation in this language, my friend.';
const ANSWER =
  'Well, the future of humanity lies in space exploration and becoming an interplanetary species. Earth is the only planet we know of so far that harbors life, so we must make life multi-planetary to ensure its long term survival.';
const SCENE =
  'You wake in the loft above the millstones, a blanket over you. Wren sits on a sack of grain by the ladder, turning a cup of tea in his hands. "Easy," he says. "You took a bad fall by the wheel."';

const run = (text: string, input = WHY) => settle(ignoresUser(text, contextFor('en', { input, recent: [SCENE] })));

describe('ignores-user on an open "why" answered elsewhere', () => {
  it('hints when the reply gives no reason and speaks of what the story never mentions', () => {
    const r = run(OFF_SUBJECT);
    expect(r.flagged).toBe(false);
    expect(r.hint).toBe(true);
    expect(r.evidence[0].why).toContain('takes up none of it');
  });

  it('leaves an answer alone, and a reason given on another subject', () => {
    expect(run(ANSWER).evidence).toEqual([]);
    const reason = OFF_SUBJECT.replace('Ah, C++.', 'Because of C++.');
    expect(run(reason).evidence).toEqual([]);
  });

  it('still leaves other open questions (what, how) to any subject', () => {
    expect(run(OFF_SUBJECT, 'What do we need to take to Mars?').evidence).toEqual([]);
  });
});
