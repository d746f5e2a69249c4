import { describe, expect, it } from 'vitest';
import { isWaiting } from '../../../src/engine/pacing/cues.js';

// Rules added after measuring on held-out real messages (tests/corpora/player/PROVENANCE.md). The
// phrasings here are not in the corpus: the rules, not the set, must carry them.
describe('how players wait, beyond the tuned set', () => {
  it('reads laughter, bare verdicts, "what now?", thanks to someone named and frozen fear as waiting', () => {
    for (const text of [
      '哈哈哈哈',
      '呵呵。',
      'hahaha',
      'Hehe',
      '真可惜。',
      '太好了！',
      '哎，实在是糟糕。',
      '现在该怎么办？',
      '接下来呢？',
      '当然。',
      '没问题！',
      '多谢大人！',
      '谢谢你！Lyra！',
      '咦？',
      'What?',
      '吓得动弹不得。',
      '我吓得不敢动',
    ]) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('does not take a compliment, thanks for something done, an act after the freeze or a named order for waiting', () => {
    for (const text of [
      '你真漂亮。',
      '谢谢你昨天在集市上替我解围',
      '谢谢，我拿走钥匙就出发。',
      '吓得不敢动，过了一会儿拔腿就跑。',
      '哈哈你好有意思',
      '太好了，我们马上出发！',
      '当然是冲进去！',
      '好！Run！',
      'What are you hiding?',
    ]) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});
