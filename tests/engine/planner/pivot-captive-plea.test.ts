import { describe, expect, it } from 'vitest';
import { detectPivot } from '../../../src/engine/planner/pivots.js';

// Begging a captor for one's own skin is fear, not an emotional turning point; the label of
// held-out 1's captive ("求求你放开我吧！") was written before any rule. Phrasings not from any set.
describe("a captive's plea for their own release or life", () => {
  it('is no pivot', () => {
    for (const text of [
      'I beg you, let me go!',
      'Please, I beg you, don’t hurt me.',
      '求求你饶了我吧，我什么都没看见。',
      '“求求你，别杀我！”',
    ]) {
      expect(detectPivot(text), text).toBeUndefined();
    }
  });

  it('leaves a plea for someone else, or one said in tears, a pivot', () => {
    for (const text of ['I beg you, don’t kill him!', '求求你救救我妈妈。', 'I beg you, stay.', '她哭着说：“求求你放开我。”']) {
      expect(detectPivot(text)?.kind, text).toBe('distress');
    }
  });
});
