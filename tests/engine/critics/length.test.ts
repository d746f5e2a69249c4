import { describe, expect, it } from 'vitest';
import { lengthCritic } from '../../../src/engine/critics/length.js';
import { SURE_CONFIDENCE, settle } from '../../../src/engine/critics/index.js';
import { contextFor, type CaseContext } from './contexts.js';

const run = (text: string, c: CaseContext = {}, lang: 'en' | 'zh' = 'en') => settle(lengthCritic(text, contextFor(lang, c)));

describe('length', () => {
  it('leaves a short reply to a short message alone', () => {
    expect(run('"No." Wren shakes his head.', { input: 'Coming?' })).toEqual({ id: 'length', flagged: false, score: 1, evidence: [] });
    expect(run('“不去。”林风摇摇头。', { input: '去吗？' }, 'zh').evidence).toEqual([]);
  });

  it('makes a short reply to a long message a hint, never a verdict', () => {
    const input =
      'I tell Wren everything: the city, the job I lost, the letters I never sent, and why I finally came home after five years. Then I ask what he thinks.';
    const result = run('Wren shrugs.', { input });
    expect(result.flagged).toBe(false);
    expect(result.hint).toBe(true);
    expect(result.score).toBe(1);
  });

  it('is sure about a reply far over the maximum and about a degenerate run-on inside the range', () => {
    const essay = Array.from({ length: 30 }, (_, i) => `The ${i + 1}th sack of grain goes onto the cart and Wren counts it twice.`).join(
      ' ',
    );
    const over = run(essay, { target: [20, 60] });
    expect(over.flagged).toBe(true);
    expect(over.confidence).toBeGreaterThanOrEqual(SURE_CONFIDENCE);
    const runOn = `Wren walks ${Array.from({ length: 70 }, (_, i) => `past stone ${i + 1}`).join(' and ')} until the road ends.`;
    const result = run(runOn, { target: [20, 1000] });
    expect(result.flagged).toBe(true);
    expect(result.evidence[0].why).toContain('run-on');
  });
});
