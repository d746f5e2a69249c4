import { describe, expect, it } from 'vitest';
import { execAll } from '../../src/text/regexp.js';

const same = (re: RegExp, text: string) => {
  const expected = [...text.matchAll(new RegExp(re.source, re.flags))].map((m) => [m.index, [...m], m.groups]);
  const got = execAll(re, text).map((m) => [m.index, [...m], m.groups]);
  expect(got).toEqual(expected);
};

describe('execAll', () => {
  it('finds what matchAll finds: groups, case folding, look-arounds', () => {
    same(/(?<![\p{L}])(gl[a-z]*)(?![\p{L}])/giu, 'Glass, GLOW and glad; ſglass is not one, nor xglow.');
    same(/(?<name>\w+)@(\w+)/g, 'a@b c@d, e@');
    same(/\d+/g, 'no digits here');
  });

  it('steps over empty matches as matchAll does, a whole surrogate pair under the u flag', () => {
    same(/x*/gu, 'a😀x😀');
    same(/x*/g, 'a😀x😀');
    same(/(?:)/gu, '');
  });

  it("starts at the regex's lastIndex, as matchAll's copy does, and leaves it as it was", () => {
    const re = /o/g;
    re.lastIndex = 5;
    expect(execAll(re, 'foo boo').map((m) => m.index)).toEqual([5, 6]);
    expect(re.lastIndex).toBe(5);
    expect(execAll(/o/g, 'foo boo').map((m) => m.index)).toEqual([1, 2, 5, 6]);
  });

  it('runs the regex it is given, where matchAll builds a copy (compiled again once V8 has dropped its cache)', () => {
    let made = 0;
    class Counted extends RegExp {
      constructor(source: string | RegExp, flags?: string) {
        super(source, flags);
        made += 1;
      }
    }
    const re = new Counted('a', 'g');
    made = 0;
    expect(execAll(re, 'banana')).toHaveLength(3);
    expect(made).toBe(0);
    expect([...'banana'.matchAll(re)]).toHaveLength(3);
    expect(made).toBe(1);
  });

  it('refuses a regex without the g flag, as matchAll does', () => {
    expect(() => execAll(/a/, 'a')).toThrow(TypeError);
    expect(() => 'a'.matchAll(/a/)).toThrow(TypeError);
  });
});
