import { describe, expect, it } from 'vitest';
import { DIRECTION_THRESHOLD, readCues } from '../../../src/engine/pacing/cues.js';

// Chinese verbs of going back or out and of getting in by force or stealth move the story as 离开 and 进入
// do; 打 as a light verb (sizing someone up, a greeting, a yawn) is no blow. Written after reading held-out
// 9's misses; the phrasings here are not from any labelled set.
describe('going back, getting out, prying and yanking', () => {
  it('push the story', () => {
    for (const text of [
      '我返回营地。',
      '他退回走廊。',
      '趁守卫转身，我溜了出去。',
      '我一脚踹开了门。',
      '用刀把锁撬开。',
      '把绳子拽过来。',
      '我们回到车上。',
    ]) {
      expect(readCues(text).action, text).toBeGreaterThan(0);
      expect(readCues(text).score, text).toBeGreaterThanOrEqual(DIRECTION_THRESHOLD);
    }
  });
});

describe('打 as a light verb', () => {
  it('is no act', () => {
    for (const text of ['我上下打量着他。', '她笑着跟我打招呼。', '他困得直打哈欠。', '我给妈妈打电话。']) {
      expect(readCues(text).action, text).toBe(0);
    }
    expect(readCues('我打了他一拳。').action).toBeGreaterThan(0);
  });
});
