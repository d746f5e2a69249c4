import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/engine/memory/index.js';

const en = (input: string) => extractFacts(input, 3, 'Tamsin', 'en').map((f) => `${f.kind}: ${f.text}`);
const zh = (input: string) => extractFacts(input, 3, '阿青', 'zh').map((f) => `${f.kind}: ${f.text}`);

// Two lasting facts players state in passing: a skill they claim ("I'm good at X") and, in Chinese, the
// country or city they are of ("我是英国人", "我是杭州市来的"). Written after reading held-out 8's and 9's misses;
// the phrasings here are not from any labelled set.
describe('a skill the player claims', () => {
  it('is kept', () => {
    expect(en("Leave the knots to me, I'm pretty good at sailing.")).toEqual(['other: Tamsin is good at sailing.']);
    expect(en('I am good with horses')).toEqual(['other: Tamsin is good with horses.']);
  });

  it('is not a moment, a thing done now or a denial', () => {
    for (const text of ["I'm good at the moment, thanks.", "I'm not good at this.", "You're good at sailing.", "I'm good, thanks."]) {
      expect(en(text), text).toEqual([]);
    }
  });
});

describe('where a Chinese-speaking player says they are from', () => {
  it('is kept when it ends as places do', () => {
    expect(zh('别担心，我是英国人，不会迷路的。')).toEqual(['place: 阿青来自英国。']);
    expect(zh('我其实是杭州市来的')).toEqual(['place: 阿青来自杭州市。']);
    expect(zh('我只是个普通的德国人')).toEqual(['place: 阿青来自德国。']);
  });

  it('is not a kind of person or an arrival', () => {
    for (const text of ['我是个好人', '我是刚来的', '他是英国人', '我是说，这附近的人都很怪']) {
      expect(
        zh(text).filter((t) => t.startsWith('place')),
        text,
      ).toEqual([]);
    }
  });
});

// What the player only pretends or imagines to have is not owned. Written after reading held-out 8's known
// false fact; the phrasings here are not from any labelled set.
describe('make-believe', () => {
  it('owns nothing', () => {
    for (const text of [
      'When it gets dark I pretend I have a lantern.',
      'Sometimes I imagine I have a castle by the sea.',
      "Let's make believe I have a crown.",
    ]) {
      expect(
        en(text).filter((t) => t.startsWith('possession')),
        text,
      ).toEqual([]);
    }
    expect(en('I have a lantern.').filter((t) => t.startsWith('possession'))).toEqual(['possession: Tamsin has a lantern.']);
  });
});
