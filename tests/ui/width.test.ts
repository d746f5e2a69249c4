import { readFileSync } from 'node:fs';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { columnWidth, ONE_COLUMN } from '../../src/ui/text/width.js';
import { CORPUS_FILE, corpusPresent } from '../support/corpus.js';
import { listWorlds, resolveWorld } from '../../src/world/discover.js';

/** Every character the fast path counts by length: the class, read off the regex itself. */
const fast = Array.from({ length: 0x10000 }, (_, cp) => String.fromCharCode(cp)).filter((c) => ONE_COLUMN.test(c));

describe("column width: string-width's answer, by length for plain prose", () => {
  it('gives every character of the fast class the width string-width gives, and each is a grapheme of its own', () => {
    expect(fast.length).toBeGreaterThan(850);
    const graphemes = new Intl.Segmenter();
    const count = (text: string) => [...graphemes.segment(text)].length;
    for (const c of fast) {
      const name = `U+${c.codePointAt(0)!.toString(16)}`;
      expect(stringWidth(c), name).toBe(1);
      // Neither joins what follows (a mark, a joiner) nor what precedes (a prepend), nor itself (a
      // regional indicator, a Hangul jamo): a text of these is as many graphemes as characters, and
      // string-width adds their widths up.
      expect([count(`a${c}`), count(`${c}a`), count(c + c)], name).toEqual([2, 2, 2]);
    }
    // And string-width itself, on texts of them mixed at random.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % fast.length;
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 1 + (i % 12) }, () => fast[next()]).join('');
      expect(columnWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
    }
  });

  it('answers as string-width does for the characters just outside the class and for real text', async () => {
    const edges = [0x1f, 0x7f, 0x9f, 0xad, 0x200b, 0x200d, 0x200f, 0x2028, 0x202e, 0x202f, 0x205f, 0x2060, 0x24ff, 0x2580, 0x3000, 0xfe0f];
    const texts = edges.flatMap((cp) => {
      const c = String.fromCodePoint(cp);
      return [c, `a${c}b`, `“${c}”`];
    });
    texts.push(
      '',
      'plain',
      '“Quoted,” she said — and left…',
      '‘Wren’s’ ─┼─ · × ½',
      '三人行',
      'e\u0301',
      '👍🏽 ok',
      '‼️',
      '©️',
      '\u001b[31mred\u001b[39m — “x”',
    );
    const packs = await Promise.all((await listWorlds()).map(async (w) => (await resolveWorld(w.id)).pack));
    for (const pack of packs) for (const o of pack.openings) texts.push(...o.text.split('\n'));
    // Replies real models wrote, when the shared corpus is found (tests/support/corpus.ts).
    if (corpusPresent)
      for (const line of readFileSync(CORPUS_FILE, 'utf8').split('\n'))
        if (line.trim()) {
          const { response } = JSON.parse(line) as { response?: unknown };
          if (typeof response === 'string') texts.push(...response.split('\n'));
        }
    for (const text of texts) {
      expect(columnWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
      expect(columnWidth(text, { ambiguousIsNarrow: false }), JSON.stringify(text)).toBe(stringWidth(text, { ambiguousIsNarrow: false }));
      expect(columnWidth(text, { countAnsiEscapeCodes: true }), JSON.stringify(text)).toBe(
        stringWidth(text, { countAnsiEscapeCodes: true }),
      );
    }
    expect(texts.length).toBeGreaterThan(100);
  });
});
