import { describe, expect, it } from 'vitest';
import { compileBounded } from '../../src/text/backtrack.js';

function bounded(body: string, flags = '') {
  const compiled = compileBounded(body, flags);
  if (!compiled.ok) throw new Error(compiled.reason);
  return compiled.pattern;
}

/** Every match as [start, end, ...groups], the way `String.prototype.matchAll` reports them. */
function all(body: string, flags: string, text: string): unknown[] {
  const pattern = bounded(body, flags);
  const out: unknown[] = [];
  for (let from = 0; from <= text.length;) {
    const { match } = pattern.search(text, from, 1_000_000);
    if (!match) break;
    const groups = [];
    for (let g = 1; g <= pattern.groupCount; g++)
      groups.push(match.spans[2 * g] >= 0 ? text.slice(match.spans[2 * g], match.spans[2 * g + 1]) : undefined);
    out.push([match.start, match.end, ...groups]);
    from = match.end > match.start ? match.end : match.end + 1;
  }
  return out;
}

function js(body: string, flags: string, text: string): unknown[] {
  return [...text.matchAll(new RegExp(body, `${flags}g`))].map((m) => [m.index, m.index + m[0].length, ...m.slice(1)]);
}

describe('the step-bounded matcher', () => {
  it.each([
    ['(\\w+) \\1', '', 'the the cat cat dog'],
    ['(?<!\\*)\\*(?!\\*)(.+?)\\*', '', 'a *b* **c** *d e*'],
    ['(?<=\\s)"([^"]*)"', '', 'x "a" y"b" "c"'],
    ['^(.*?)(?=</think>)', 's', 'abc\ndef</think>rest'],
    ['(a|ab)(c|bcd)(d*)', '', 'abcd'],
    ['(?<name>\\d+)-\\k<name>', '', '12-12 3-4 5-5'],
    ['\\bfoo\\b(?!bar)', 'i', 'Foo foobar foo. FOO'],
    ['(?:x|(y))+', '', 'xyx yy'],
    ['(?<=^|\\n)#+ (.*)$', 'm', '# a\n## b\nc # d'],
    ['(.)\\1{2,}', '', 'aaab cccc d'],
    ['a{2,3}?', '', 'aaaaaaa'],
    ['(?<=a{2,})b', '', 'ab aab aaab'],
    ['\u{1F600}(?=x)', 'u', '\u{1F600}x\u{1F600}y'],
    ['\\p{L}+(?=!)', 'u', 'héllo! wörld!'],
    ['(?=(\\w))\\1x', '', 'ax bx'],
  ])('/%s/%s finds what JavaScript finds', (body, flags, text) => {
    expect(all(body, flags, text)).toEqual(js(body, flags, text));
  });

  it('gives up on a catastrophic pattern after its budget, counting steps, not time', () => {
    // In JavaScript this search takes about 2^40 steps.
    const result = bounded('(a+)+(?=b)').search('a'.repeat(40), 0, 10_000);
    expect(result).toEqual({ match: undefined, steps: 10_001, exhausted: true });
  });

  it('walks a repeated character and a lookaround-guarded character in a loop, so a long text does not exhaust the stack', () => {
    const text = `<t>${'word '.repeat(4000)}</t>`;
    const result = bounded('<t>((?:(?!<t>)[\\s\\S])*?)</t>').search(text, 0, 1_000_000);
    expect(result.exhausted).toBe(false);
    expect(result.match?.end).toBe(text.length);
  });

  // Flags inside a group (ES2025; Node 20's own RegExp refuses them, the browsers SillyTavern runs
  // in take them): each is checked against the same pattern written without them.
  it.each([
    ['a(?i:b)c(?=!)', '', 'a[bB]c(?=!)', 'abc! aBc! ABc! abC!'],
    ['(?-i:a)b(?=!)', 'i', 'a[bB](?=!)', 'ab! aB! Ab! AB!'],
    ['x(?s:.)y(?!z)', '', 'x[\\s\\S]y(?!z)', 'x\ny x.y x\nyz'],
    ['(?m:^)w(?=o)', '', '(?<=^|\\n)w(?=o)', 'wo\nwo owo'],
    ['(?i-s:q.)(?=!)', 's', '[qQ][^\\n\\r\\u2028\\u2029](?=!)', 'qa! Q\n! QZ!'],
    ['(k)(?i:\\1)(?=;)', '', '(k)[kK](?=;)', 'kK; kk; Kk;'],
  ])('/%s/%s matches as /%s/ does', (body, flags, same, text) => {
    const found = all(body, flags, text);
    expect(found).toEqual(js(same, '', text));
    expect(found.length).toBeGreaterThan(0);
  });

  it('refuses flags inside a group that JavaScript refuses too', () => {
    expect(compileBounded('a(?ii:b)', '').ok).toBe(false);
    expect(compileBounded('a(?g:b)', '').ok).toBe(false);
    expect(compileBounded('a(?i-i:b)', '').ok).toBe(false);
  });
});
