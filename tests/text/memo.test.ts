import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../src/text/memo.js';

describe('boundedMemo', () => {
  it('computes a text once while it is among the last `max` texts asked about, and again once it has left them', () => {
    const asked: string[] = [];
    const length = boundedMemo(2, (s: string) => {
      asked.push(s);
      return { length: s.length };
    });
    const first = length('mill');
    expect(length('mill')).toBe(first);
    expect(length('lantern')).toEqual({ length: 7 });
    expect(asked).toEqual(['mill', 'lantern']);
    // A changed text is another text.
    expect(length('mills')).toEqual({ length: 5 });
    // Two newer texts pushed 'mill' out: computed anew, equal but not the same object.
    const again = length('mill');
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    expect(asked).toEqual(['mill', 'lantern', 'mills', 'mill']);
  });
});
