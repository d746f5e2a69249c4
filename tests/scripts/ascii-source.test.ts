import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, checked by its own JSDoc
import { asciiSource } from '../../scripts/ascii-source.mjs';

const ascii = asciiSource as (code: string) => string;
// Compiled as source, as V8 compiles the chunk.
const evaluate = (code: string): unknown => runInThisContext(`(${code})`);

describe('asciiSource (the bundle as ASCII)', () => {
  // Regular expression literals as esbuild leaves them, with text that exercises each.
  const literals = [
    '/["“”\'‘([*_—–-]/u',
    '/^[.,;:!?…)\\]}»’”%]/u',
    '/(她|女儿|姐姐)/g',
    '/^[^，。；]{1,10}?(?:的时候|时候|时)/',
    '/[一-龥]+/g',
    '/👋+/',
    '/[😀-😎]/u',
    '/\\—/',
    '/\\\\—/',
    '/(?<![\\p{L}\\p{N}_])café(?![\\p{L}\\p{N}_])/iu',
    '/[a-zA-Z0-9.!$%&’+_`-]+@[A-Za-z0-9.-]+/g',
  ];
  const samples = [
    '“Tamsin”',
    '— she said',
    '她的女儿',
    '姐姐们的时候',
    '一二三',
    '👋👋 hi',
    '😃',
    '\uD83D',
    '\\—',
    '—',
    'CAFÉ au lait',
    'ann’s@example.org',
    'plain',
  ];

  it('writes only ASCII, and a regular expression means what it meant', () => {
    for (const literal of literals) {
      const escaped = ascii(literal);
      expect(escaped, literal).toMatch(/^[\x00-\x7f]*$/);
      const before = evaluate(literal) as RegExp;
      const after = evaluate(escaped) as RegExp;
      expect(after.flags).toBe(before.flags);
      for (const text of samples) expect(text.match(new RegExp(after)), `${literal} on ${text}`).toEqual(text.match(new RegExp(before)));
    }
  });

  it('leaves ASCII alone and comments still comments', () => {
    const code = "const a = 1; // it's — a dash\n/* ’ */ const b = /x/g;";
    expect(ascii('const x = "\\u2014"; // plain')).toBe('const x = "\\u2014"; // plain');
    const escaped = ascii(code);
    expect(escaped).toBe("const a = 1; // it's \\u2014 a dash\n/* \\u2019 */ const b = /x/g;");
    expect(evaluate(`(() => { ${escaped}; return [a, b.source]; })()`)).toEqual([1, 'x']);
  });

  it('is what the build leaves in dist/', () => {
    const dist = join(import.meta.dirname, '../../dist');
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'));
    expect(files.length).toBeGreaterThan(10);
    for (const name of files) expect(/[^\x00-\x7f]/.test(readFileSync(join(dist, name), 'utf8')), name).toBe(false);
  });
});
