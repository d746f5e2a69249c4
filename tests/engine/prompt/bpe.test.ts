import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countWithTable, RankTable, validUtf8, type TiktokenPieces } from '../../../src/engine/bpe.js';
import { readO200kRanks } from '../../../src/cli/tokenizer-data.js';
import { countTokens, TokenCounter } from '../../../src/engine/tokens.js';
import { CORPUS_FILE, corpusPresent, warnIfCorpusAbsent } from '../../support/corpus.js';

// The tokenizer skald used before (gpt-tokenizer's own o200k encoder): every count must stay equal.
const load = createRequire(import.meta.url);
const reference = load('gpt-tokenizer/cjs/encoding/o200k_base') as {
  countTokens: (text: string, options: { disallowedSpecial: Set<string> }) => number;
};
const referenceCount = (text: string) => reference.countTokens(text, { disallowedSpecial: new Set() });

/** Every text file of the bundled worlds: cards, lore, openings, in several languages. */
function worldTexts(): string[] {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ya?ml|md|txt|json)$/.test(name)) texts.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(import.meta.dirname, '../../../worlds'));
  return texts;
}

/** Pieces that take the rare paths: byte order marks, lone surrogates, emoji, long runs, special-token text. */
const ODD = [
  '\uFEFFusing namespace std;',
  'a\uFEFF\uFEFFb \uFEFF\n\n \uFEFF//x \uFEFF#',
  '\uD800 lone high, lone low \uDC00, pair \uD83D\uDE00 and reversed \uDE00\uD83D',
  '👩‍👩‍👧‍👦 🏳️‍🌈 ‍ ﷽ 𝕳𝖊𝖑𝖑𝖔',
  ' '.repeat(500) + '\n'.repeat(40) + '\t\r\n'.repeat(30),
  'x'.repeat(3000),
  '<|endoftext|> <|im_start|>user<|im_end|> <|fim_prefix|>',
  "don't won't I'LL WE'VE they'Re 1234567 3.14159 ---===>>> http://example.com/a?b=c",
  '出장안마 출장안마 Привет, мир! Γειά σου Κόσμε שלום עולם مرحبا بالعالم नमस्ते दुनिया',
  '\u0000\u0001\u007f\u0080\u00ff\uFFFD\uFFFE\uFFFF',
];

const RANK_FILE = load.resolve('gpt-tokenizer/data/o200k_base.tiktoken');

/** A reader handing out `bytes` in pieces of 1 to `most` bytes (seeded), so pieces end inside lines, base64 groups and ranks. */
function inPieces(bytes: Uint8Array, most: number, seed: number): TiktokenPieces {
  return () => {
    const pieces: Uint8Array[] = [];
    let state = seed;
    for (let at = 0; at < bytes.length;) {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      const size = 1 + (state % most);
      pieces.push(bytes.slice(at, at + size));
      at += size;
    }
    return pieces;
  };
}

/** Built once for the tests that use it. */
function once(build: () => RankTable): () => RankTable {
  let table: RankTable | undefined;
  return () => (table ??= build());
}

const RANK_SOURCES: Array<[string, () => RankTable]> = [
  ['read whole', once(() => RankTable.fromTiktoken(readFileSync(RANK_FILE)))],
  ["read in the CLI's 64 KiB pieces", once(() => RankTable.fromTiktoken(readO200kRanks))],
  ['read in pieces of 1-40 bytes', once(() => RankTable.fromTiktoken(inPieces(readFileSync(RANK_FILE), 40, 5)))],
];

describe('the compact o200k tokenizer', () => {
  it.each(RANK_SOURCES)('keeps each rank as gpt-tokenizer keeps it: text or bytes, the same 199,998 of them (%s)', (_, build) => {
    const ranks = (load('gpt-tokenizer/cjs/bpeRanks/o200k_base') as { default: Array<string | number[]> }).default;
    const table = build();
    expect(table.size).toBe(ranks.length);
    const encoder = new TextEncoder();
    const wrong: number[] = [];
    let asText = 0;
    ranks.forEach((value, rank) => {
      const bytes = typeof value === 'string' ? encoder.encode(value) : Uint8Array.from(value);
      // A text rank is found by its text; a byte rank only while merging, where its bytes are not UTF-8.
      if (typeof value === 'string') {
        asText += 1;
        if (table.textRank(bytes, 0, bytes.length) !== rank) wrong.push(rank);
      } else if (!validUtf8(bytes, 0, bytes.length) && table.rankOf(bytes, 0, bytes.length) !== rank) {
        wrong.push(rank);
      }
    });
    expect(wrong).toEqual([]);
    expect(asText).toBeGreaterThan(ranks.length * 0.99);
  });

  it('counts the bundled worlds exactly as gpt-tokenizer does, whole and line by line', () => {
    const texts = worldTexts();
    expect(texts.length).toBeGreaterThan(5);
    let compared = 0;
    for (const text of texts) {
      for (const sample of [text, ...text.split('\n')]) {
        expect(new TokenCounter().count(sample), sample.slice(0, 80)).toBe(referenceCount(sample));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it.runIf(corpusPresent)('counts real model replies and chat histories exactly as gpt-tokenizer does', () => {
    const lines = readFileSync(CORPUS_FILE, 'utf8').split('\n').filter(Boolean);
    for (const line of lines) {
      const item = JSON.parse(line) as { response: string; history: Array<{ content: string }> };
      for (const text of [item.response, ...item.history.map((m) => m.content)]) {
        expect(new TokenCounter().count(text), text.slice(0, 80)).toBe(referenceCount(text));
      }
    }
  });
  warnIfCorpusAbsent('the tokenizer comparison on real replies');

  it('counts byte order marks, lone surrogates, emoji, long runs and special-token text as gpt-tokenizer does', () => {
    for (const text of ODD) expect(countTokens(text), JSON.stringify(text.slice(0, 40))).toBe(referenceCount(text));
  });

  it('matches on shuffled mixtures of those pieces (seeded)', () => {
    const alphabet = [...ODD.join(''), ...worldTexts().join('').slice(0, 20_000)];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let round = 0; round < 400; round++) {
      let text = '';
      const length = 1 + (next() % 200);
      for (let i = 0; i < length; i++) text += alphabet[next() % alphabet.length];
      expect(new TokenCounter().count(text), JSON.stringify(text)).toBe(referenceCount(text));
    }
  });

  it('remembers the count of a piece for its own table only', () => {
    const split = (load('gpt-tokenizer/cjs/encodingParams/constants') as { O200K_TOKEN_SPLIT_REGEX: RegExp }).O200K_TOKEN_SPLIT_REGEX;
    const o200k = RankTable.fromTiktoken(readFileSync(load.resolve('gpt-tokenizer/data/o200k_base.tiktoken')));
    // A table of three tokens (a, b, ab): " ab" is a space and "ab" there, one token in o200k.
    const tiny = RankTable.fromTiktoken(new TextEncoder().encode('YQ== 0\nYg== 1\nYWI= 2\n'));
    const text = 'ab ab ab';
    expect(countWithTable(o200k, split, text)).toBe(referenceCount(text));
    expect(countWithTable(o200k, split, text)).toBe(referenceCount(text));
    expect(countWithTable(tiny, split, text)).toBe(5);
    expect(countWithTable(o200k, split, text)).toBe(referenceCount(text));
  });

  it('counts a large mixed text (CJK, emoji, scripts, the bundled worlds) the same whether the table was read whole or in pieces', () => {
    const split = (load('gpt-tokenizer/cjs/encodingParams/constants') as { O200K_TOKEN_SPLIT_REGEX: RegExp }).O200K_TOKEN_SPLIT_REGEX;
    const scripts = [
      '春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。',
      '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。カタカナ、ひらがな。',
      '나는 고양이로소이다. 이름은 아직 없다.',
      '🙂😂🤖🧙‍♀️👨‍👩‍👧 🇯🇵🇫🇷 ✨🔥💧 1️⃣2️⃣',
      'Съешь же ещё этих мягких французских булок, да выпей чаю. Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.',
      'عربي فارسی עברית हिन्दी ภาษาไทย ქართული Հայերեն',
    ];
    const alphabet = [...scripts.join(' '), ...ODD.join(''), ...worldTexts().join('').slice(0, 40_000)];
    let seed = 11;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const texts = [...scripts, worldTexts().join('\n')];
    for (let round = 0; round < 120; round++) {
      let text = '';
      const length = 50 + (next() % 2_000);
      // Runs of one script with spaces, as text is written, more than single mixed characters.
      while (text.length < length) {
        const from = next() % alphabet.length;
        text += alphabet.slice(from, from + 1 + (next() % 30)).join('') + (next() % 4 === 0 ? ' ' : '');
      }
      texts.push(text);
    }
    const tables = RANK_SOURCES.map(([, build]) => build());
    let characters = 0;
    for (const text of texts) {
      const expected = referenceCount(text);
      for (const table of tables) expect(countWithTable(table, split, text), JSON.stringify(text.slice(0, 60))).toBe(expected);
      characters += text.length;
    }
    expect(characters).toBeGreaterThan(150_000);
  });

  it('refuses a malformed rank file with the byte where it went wrong, wherever the pieces end', () => {
    const encoder = new TextEncoder();
    const cases: Array<[string, string]> = [
      ['YQ== 0\nYg==\nYWI= 2\n', 'a line without a rank (byte 7)'],
      ['YQ== 0\n\nYWI= 2\n', 'a line without a rank (byte 7)'],
      ['YQ== 0\nYg== 1x\n', 'a rank that is not a number (byte 13)'],
      ['YQ== 0\nY!== 1\n', 'a character that is not base64 (byte 8)'],
      ['YQ== 0\nYWI=', 'a line without a rank (byte 7)'],
    ];
    for (const [text, message] of cases) {
      const bytes = encoder.encode(text);
      expect(() => RankTable.fromTiktoken(bytes), text).toThrow(message);
      for (let seed = 1; seed <= 20; seed++) expect(() => RankTable.fromTiktoken(inPieces(bytes, 3, seed)), text).toThrow(message);
    }
    // A last line without its newline is still a line.
    const table = RankTable.fromTiktoken(inPieces(encoder.encode('YQ== 0\nYg== 1\nYWI= 2'), 2, 3));
    expect(table.size).toBe(3);
    expect(table.textRank(encoder.encode('ab'), 0, 2)).toBe(2);
  });

  it('refuses a rank file that changes between its two passes', () => {
    const encoder = new TextEncoder();
    const versions = ['YQ== 0\nYg== 1\n', 'YQ== 0\nYg== 1\nYWI= 2\n'];
    for (const order of [versions, [...versions].reverse()]) {
      let call = 0;
      expect(() => RankTable.fromTiktoken(() => [encoder.encode(order[Math.min(call++, 1)])])).toThrow('changed while it was read');
    }
  });
});
