import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { columnWidth } from '../../src/ui/text/width.js';
import { listWorlds, resolveWorld } from '../../src/world/discover.js';

/** Every character the fast path counts by length (the class in src/ui/text/width.ts). */
const RANGES: Array<[number, number]> = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0xff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2500, 0x257f],
];
const fast = RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)));

describe("column width: string-width's answer, by length for plain prose", () => {
  it('gives every character of the fast class, alone and beside every other, the width string-width gives', () => {
    expect(fast.length).toBeGreaterThan(350);
    for (const a of fast) {
      expect(stringWidth(a), `U+${a.codePointAt(0)!.toString(16)}`).toBe(1);
      // Each is a grapheme of its own next to any other (no joining, no marks): a pair is two columns.
      for (const b of fast)
        if (stringWidth(a + b) !== 2) expect(`U+${a.codePointAt(0)!.toString(16)} U+${b.codePointAt(0)!.toString(16)}`).toBe('2 columns');
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
    // Replies real models wrote, when the shared corpus is beside the checkout.
    const corpus = process.env.SKALD_CRITICS_CORPUS;
    if (corpus && existsSync(join(corpus, 'cases.jsonl')))
      for (const line of readFileSync(join(corpus, 'cases.jsonl'), 'utf8').split('\n'))
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
