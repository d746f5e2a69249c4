import { describe, expect, it } from 'vitest';
import { DIRECTION_THRESHOLD, isWaiting, readCues } from '../../../src/engine/pacing/cues.js';

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

describe('which way a message leans, beyond the tuned set', () => {
  it('reads exploring, advancing and investigating as acts that push the story', () => {
    for (const text of ['我们继续探索地下城。', '沿着河岸一路前进', '我去调查那间废弃的仓库。']) {
      expect(readCues(text).score, text).toBeGreaterThanOrEqual(DIRECTION_THRESHOLD);
    }
  });

  it('reads a body at ease as lingering', () => {
    expect(readCues('靠在你怀里好舒服').score).toBeLessThanOrEqual(-DIRECTION_THRESHOLD);
  });

  it('does not read typing (打字) as a blow, or disgust (恶心) as the heart', () => {
    expect(readCues('抱歉刚才打字太快，我是想问价格。').score).toBeLessThan(DIRECTION_THRESHOLD);
    expect(readCues('这汤真恶心。').score).toBeGreaterThan(-DIRECTION_THRESHOLD);
  });

  it('does not count what the player only supposed someone would do as their act', () => {
    expect(readCues('我还以为你要拔剑砍我呢。').score).toBeLessThan(DIRECTION_THRESHOLD);
    expect(readCues('I thought you were going to run off and leave me.').score).toBeLessThan(DIRECTION_THRESHOLD);
    // The act after the supposition is still one, and 以为 inside other words (可以为, 自以为是) supposes nothing.
    expect(readCues('我以为他睡着了，于是冲进房间抢走了钥匙。').score).toBeGreaterThanOrEqual(DIRECTION_THRESHOLD);
    expect(readCues('我可以为你砸开这把锁').score).toBeGreaterThanOrEqual(DIRECTION_THRESHOLD);
    expect(readCues('他自以为是，我一把抢过地图就跑').score).toBeGreaterThanOrEqual(DIRECTION_THRESHOLD);
  });
});
