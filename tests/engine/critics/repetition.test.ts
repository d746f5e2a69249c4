import { describe, expect, it } from 'vitest';
import { repetition } from '../../../src/engine/critics/repetition.js';
import { settle } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';

describe('repetition', () => {
  it('catches a short reply that is the last one again, though it is shorter than any n-gram', () => {
    const zh = settle(repetition('您先请。', contextFor('zh', { recent: ['林风把门推开。', '您先请。'] })));
    expect(zh.flagged).toBe(true);
    expect(zh.evidence[0].why).toContain('whole reply');
    const en = settle(repetition('After you, then.', contextFor('en', { recent: ['After you, then!'] })));
    expect(en.flagged).toBe(true);
  });

  it('keeps a repeated one-word reply a hint: it may be an answer, not yet a loop', () => {
    const result = settle(repetition('Yes.', contextFor('en', { recent: ['Yes.'] })));
    expect(result.flagged).toBe(false);
    expect(result.hint).toBe(true);
  });

  it('does not take a shared speaker prefix for a repeated opening', () => {
    const recent = ['Wren Alder (thinking): The river is loud tonight, louder than the wheel ever was.'];
    const result = settle(
      repetition('Wren Alder (thinking): The widow wants the mill, and she will have it by spring.', contextFor('en', { recent })),
    );
    expect(result.flagged, JSON.stringify(result.evidence)).toBe(false);
  });
});
