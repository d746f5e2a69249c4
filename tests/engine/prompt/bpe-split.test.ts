import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLAIN_TEXT, plainForm, splitterFor } from '../../../src/engine/bpe-split.js';
import { countTokens } from '../../../src/engine/tokens.js';
import { seededRandom } from '../../../src/engine/random.js';
import { CORPUS_FILE, corpusPresent, warnIfCorpusAbsent } from '../../support/corpus.js';

const load = createRequire(import.meta.url);
const split = (load('gpt-tokenizer/cjs/encodingParams/constants') as { O200K_TOKEN_SPLIT_REGEX: RegExp }).O200K_TOKEN_SPLIT_REGEX;
const reference = load('gpt-tokenizer/cjs/encoding/o200k_base') as {
  countTokens: (text: string, options: { disallowedSpecial: Set<string> }) => number;
};

const pieces = (re: RegExp, text: string): string[] => [...text.matchAll(new RegExp(re.source, re.flags))].map((m) => m[0]);

/** Every code unit PLAIN_TEXT admits. */
const covered: string[] = [];
for (let c = 0; c < 0x10000; c++) if (PLAIN_TEXT.test(String.fromCharCode(c))) covered.push(String.fromCharCode(c));

/** Every text file of the bundled worlds, line by line, and the real replies of the critics corpus. */
function realTexts(): string[] {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ya?ml|md|txt|json)$/.test(name)) texts.push(...readFileSync(path, 'utf8').split('\n'));
    }
  };
  walk(join(import.meta.dirname, '../../../worlds'));
  if (corpusPresent) {
    for (const line of readFileSync(CORPUS_FILE, 'utf8').split('\n').filter(Boolean)) {
      const { response, history } = JSON.parse(line) as { response: string; history: Array<{ content: string }> };
      texts.push(response, ...history.map((m) => m.content));
    }
  }
  return texts;
}

describe('the plain form of the o200k pre-tokenizer', () => {
  const plain = plainForm(split);

  it('is made from the encoding’s own pattern, every Unicode class replaced', () => {
    expect(plain).toBeDefined();
    expect(plain!.flags).toBe('g');
    expect(plain!.source).not.toMatch(/\\[pP]/);
  });

  it('covers only characters each of the pattern’s classes sees as its plain range does', () => {
    expect(covered.length).toBe(128 + 24 + 47);
    const classes: Array<[RegExp, RegExp]> = [
      [/\p{L}/u, /[A-Za-z]/],
      [/\p{N}/u, /[0-9]/],
      [/[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]/u, /[A-Z]/],
      [/[\p{Ll}\p{Lm}\p{Lo}\p{M}]/u, /[a-z]/],
      [/\s/u, /\s/],
    ];
    const wrong = covered.filter((c) => classes.some(([unicode, ascii]) => unicode.test(c) !== ascii.test(c)));
    expect(wrong.map((c) => c.charCodeAt(0).toString(16))).toEqual([]);
  });

  it('splits real text into the same pieces as the encoding’s regex, and falls back on the rest', () => {
    const splitter = splitterFor(split);
    let plainTexts = 0;
    for (const text of realTexts()) {
      const chosen = splitter(text);
      if (chosen === split) continue;
      plainTexts += 1;
      expect(pieces(chosen, text)).toEqual(pieces(split, text));
    }
    expect(plainTexts).toBeGreaterThan(500);
    expect(splitter('Élodie waits')).toBe(split);
    expect(splitter('林风说')).toBe(split);
    expect(splitter('a\u00a0b')).toBe(split);
    expect(splitter('“Wait—here…” she said.')).not.toBe(split);
  });
  warnIfCorpusAbsent('the plain split on the real replies (the bundled worlds still run)');

  it('splits random strings of the covered characters (seeded) into the same pieces, and counts them the same', () => {
    const random = seededRandom(16);
    // Weighted toward what the pattern branches on: letters of both cases, digits, apostrophes, spaces, newlines.
    const common = [..."aAzZ '’sSdDtTlLvVeErR09\n\r\t/-.“”—…"];
    for (let round = 0; round < 3000; round++) {
      const length = 1 + Math.floor(random() * 40);
      let text = '';
      for (let i = 0; i < length; i++) {
        const pool = random() < 0.7 ? common : covered;
        text += pool[Math.floor(random() * pool.length)];
      }
      expect(pieces(plain!, text), JSON.stringify(text)).toEqual(pieces(split, text));
      expect(countTokens(text), JSON.stringify(text)).toBe(reference.countTokens(text, { disallowedSpecial: new Set() }));
    }
  });

  it('leaves a pattern it does not know as it is', () => {
    expect(plainForm(/\p{Sc}+|\s+/gu)).toBeUndefined();
    expect(plainForm(/[a-z]+/g)).toBeUndefined();
    const other = /\p{Sc}+/gu;
    expect(splitterFor(other)('plain text')).toBe(other);
  });
});
