/**
 * The literals an author pattern needs: what they are for common shapes, nothing for syntax the
 * reader is unsure of, and, over random patterns and texts, never a text screened out that RE2
 * would have matched (the screened pattern finds exactly what the unscreened one finds).
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/engine/random.js';
import type { Random } from '../../src/engine/types.js';
import { compilePattern } from '../../src/text/pattern.js';
import { foldForLiterals, requiredLiterals } from '../../src/text/pattern-literals.js';
import { compilePattern as unscreened } from '../engine/lore/reference/pattern.js';

describe('requiredLiterals', () => {
  it('names the literals every match holds', () => {
    expect(requiredLiterals('kadorwyns?', 'i')).toEqual(['kadorwyn']);
    expect(requiredLiterals('\\b(Kiss|hug)(es|s)?\\b', 'i')).toEqual(['kiss', 'hug']);
    expect(requiredLiterals('\\b(Kiss|hug)(es|s)?\\b', '')).toEqual(['Kiss', 'hug']);
    expect(requiredLiterals('colou?r', '')).toEqual(['colour', 'color']);
    expect(requiredLiterals('glow ?worms?', 'i')).toEqual(['glow worm', 'glowworm']);
    expect(requiredLiterals('(?<=old )mill(er)?', '')).toEqual(['mill']);
    expect(requiredLiterals('a.*lantern\\.', '')).toEqual(['lantern.']);
    expect(requiredLiterals('(?:ab)+cde[xy]', '')).toEqual(['cde']);
  });

  it('names none when a match may hold none, or the syntax is not read with confidence', () => {
    for (const body of [
      'mills?|.*',
      'a*',
      '(mill)?',
      '[a-z]+',
      '\\x41bc',
      '\\u0041',
      '[]a]bc',
      '[[:alpha:]]x',
      '(?i)mill',
      'a{',
      '\\1mill',
      'é',
    ])
      expect(requiredLiterals(body, ''), body).toBeUndefined();
  });

  it('folds the text as RE2 folds ASCII letters: the long s and the Kelvin sign', () => {
    expect(foldForLiterals('ſtone KILN')).toBe('stone kiln');
    const pattern = compilePattern('stone kiln', 'i');
    if (!pattern.ok) throw new Error(pattern.reason);
    expect(pattern.pattern.find('a ſtone KILN')).toEqual({ start: 2, end: 12 });
    expect(pattern.pattern.mayMatch('a stone kilt')).toBe(false);
  });
});

const ATOMS = ['mill', 'Mill', 'ſ', 'K', 'kiss', 'a', 'b', 'ab', ' ', '\\.', '.', '\\b', '^', '$', '\\s', '\\w', '[a-c]', '[^b]', "'", '-'];
const TEXT_PARTS = ['mill', 'MILL', 'miLL', 'ſtone', 'Kiss', 'kiss', 'KISS', 'a', 'b', 'ab', 'BA', ' ', '.', '\n', "'", '-', 'é', 'İ'];

function body(random: Random, depth = 0): string {
  let out = '';
  for (let i = 0, n = 1 + Math.floor(random() * 4); i < n; i++) {
    const roll = random();
    let piece: string;
    if (roll < 0.6 || depth > 2) piece = ATOMS[Math.floor(random() * ATOMS.length)];
    else if (roll < 0.75) piece = `(${body(random, depth + 1)}|${body(random, depth + 1)})`;
    else if (roll < 0.85) piece = `(?:${body(random, depth + 1)})`;
    else if (roll < 0.9) piece = `(?<=${body(random, depth + 1)})`;
    else piece = `(?<g${depth}${i}>${body(random, depth + 1)})`;
    out += piece + ['', '', '', '?', '*', '+', '{2}', '{0,2}', '{1,}', '+?'][Math.floor(random() * 10)];
  }
  return random() < 0.1 ? `${out}|${body(random, depth + 1)}` : out;
}

describe('screened patterns', () => {
  it('find what the unscreened pattern finds, over 2,000 random patterns and texts', () => {
    const random = seededRandom(16);
    let screened = 0;
    let matched = 0;
    for (let i = 0; i < 2000; i++) {
      const source = body(random);
      const flags = ['', 'i', 'im', 's'][Math.floor(random() * 4)];
      const fast = compilePattern(source, flags);
      const slow = unscreened(source, flags);
      expect(fast.ok, source).toBe(slow.ok);
      if (!fast.ok || !slow.ok) continue;
      if (requiredLiterals(source, flags)) screened++;
      for (let t = 0; t < 8; t++) {
        const text = Array.from({ length: 1 + Math.floor(random() * 8) }, () => TEXT_PARTS[Math.floor(random() * TEXT_PARTS.length)]).join(
          random() < 0.5 ? ' ' : '',
        );
        const want = slow.pattern.find(text);
        expect(fast.pattern.find(text), `/${source}/${flags} on ${JSON.stringify(text)}`).toEqual(want);
        if (want) {
          matched++;
          expect(fast.pattern.mayMatch(text)).toBe(true);
        }
      }
    }
    expect(screened).toBeGreaterThan(600);
    expect(matched).toBeGreaterThan(1500);
  });
});

describe('hostile patterns', () => {
  it('names no literals for groups nested past the limit, without exhausting the stack', () => {
    expect(requiredLiterals(`${'('.repeat(5000)}mill${')'.repeat(5000)}`, '')).toBeUndefined();
    expect(requiredLiterals(`${'(?:'.repeat(20)}mill${')'.repeat(20)}`, '')).toEqual(['mill']);
  });
});
