/**
 * The lore engine against the engine it replaced (tests/engine/lore/reference): random lorebooks
 * (plain, phrase and regex keys, secondary logic, exclude keys, case and whole-word rules, groups,
 * rolls, sticky/cooldown/delay, recursion flags, odd texts) and random stories, played turn after
 * turn on one compiled lore each, so kept scans are reused, must activate exactly the same.
 */
import { describe, expect, it } from 'vitest';
import { activateLore, compileLore } from '../../../src/engine/lore/index.js';
import { seededRandom } from '../../../src/engine/random.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import type { Random } from '../../../src/engine/types.js';
import type { LoreEntry, SelectiveLogic } from '../../../src/world/types.js';
import * as reference from './reference/index.js';
import { entry, story } from './helpers.js';

const counter = new TokenCounter();

// Words that recur across keys, entry texts and messages, in several cases and spellings: the
// long s and the Kelvin sign fold onto ASCII in RE2, İ and Σ change when lower-cased, 🦊 and 𝒜 are
// surrogate pairs.
const WORDS = [
  'mill',
  'Mill',
  'MILL',
  'miller',
  'wren',
  'Wren',
  'lantern',
  'lanterns',
  'glow',
  'glowworm',
  'worms',
  'river',
  'dark',
  'water',
  'the',
  'of',
  'ſtone',
  'stone',
  'Kiln',
  'kiln',
  'İnn',
  'ΟΔΟΣ',
  'οδος',
  '城',
  '城門',
  'naïve',
  'café',
  'x_y',
  '42',
  '🦊',
  '𝒜da',
];
const PUNCTUATION = [' ', ' ', ' ', ' ', ', ', '. ', '  ', '\n', ' - ', '!', "'s ", '\t', ' (', ') '];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (random: Random, p: number): boolean => random() < p;
const int = (random: Random, n: number): number => Math.floor(random() * n);

function prose(random: Random, words: number): string {
  let text = '';
  for (let i = 0; i < words; i++) text += pick(random, WORDS) + (i + 1 < words ? pick(random, PUNCTUATION) : '');
  return text;
}

/** A small regex body in JS syntax, built from pieces the literal screen reads and pieces it does not. */
function regexBody(random: Random, depth = 0): string {
  const pieces = 1 + int(random, 3);
  let body = '';
  for (let i = 0; i < pieces; i++) {
    const kind = int(random, depth > 1 ? 8 : 14);
    const word = pick(random, WORDS).replace(/[^A-Za-z]/g, '') || 'mill';
    if (kind <= 3) body += word;
    else if (kind === 4) body += `${word}s?`;
    else if (kind === 5) body += pick(random, ['\\b', '^', '$', '.', '.*', '\\s+', '[a-z]+', '\\w*', ' ', '\\.', "'"]);
    else if (kind === 6) body += `${word.slice(0, 2)}{1,2}`;
    else if (kind === 7) body += pick(random, ['[]', '\\x41', '\\u0041', '(?i)', '\\p{L}', '[[:alpha:]]', '\\1']);
    else if (kind <= 9) body += `(${regexBody(random, depth + 1)}|${regexBody(random, depth + 1)})`;
    else if (kind === 10) body += `(?:${regexBody(random, depth + 1)})+`;
    else if (kind === 11) body += `(?<=${word})`;
    else if (kind === 12) body += `(?<name>${regexBody(random, depth + 1)})?`;
    else body += `${word}|${regexBody(random, depth + 1)}`;
  }
  return body;
}

function key(random: Random): string {
  const roll = random();
  if (roll < 0.15) return `/${regexBody(random)}/${pick(random, ['', 'i', 'i', 'im', 's', 'is', 'gi'])}`;
  if (roll < 0.3) return `${pick(random, WORDS)} ${pick(random, WORDS)}`;
  // U+0000 is the recursion pass's separator: such keys match across two entries' texts.
  if (roll < 0.32) return pick(random, ['\u0000', 'mill \u0000 wren', 'l \u0000 W']);
  return pick(random, WORDS);
}

function keys(random: Random, n: number): string[] {
  return Array.from({ length: n }, () => key(random));
}

function lorebook(random: Random): LoreEntry[] {
  const n = 4 + int(random, 40);
  const logics: SelectiveLogic[] = ['and_any', 'and_all', 'not_any', 'not_all'];
  return Array.from({ length: n }, (_, i) => {
    const e = entry(`e${i}`, {
      keys: keys(random, 1 + int(random, 3)),
      secondary: chance(random, 0.3) ? keys(random, 1 + int(random, 2)) : [],
      selectiveLogic: pick(random, logics),
      // Empty, blank and one-character texts too: the recursion pass must map hits past them.
      text: chance(random, 0.05)
        ? ''
        : chance(random, 0.05)
          ? pick(random, ['   ', '\n', '\t \n'])
          : chance(random, 0.04)
            ? pick(random, ['a', '城', '🦊', 'İ'])
            : `${prose(random, 3 + int(random, 25))}`,
      constant: chance(random, 0.08),
      priority: int(random, 4),
      enabled: !chance(random, 0.05),
      caseSensitive: chance(random, 0.25),
      wholeWords: !chance(random, 0.3),
      excludeKeys: chance(random, 0.15) ? keys(random, 1) : [],
    });
    if (chance(random, 0.1)) e.scanDepth = int(random, 6);
    if (chance(random, 0.05)) e.activateOnlyAfter = int(random, 4);
    if (chance(random, 0.05)) e.activateOnlyEvery = 1 + int(random, 3);
    if (chance(random, 0.15)) e.probability = int(random, 101);
    if (chance(random, 0.15)) e.sticky = int(random, 4);
    if (chance(random, 0.15)) e.cooldown = int(random, 4);
    if (chance(random, 0.1)) e.delay = int(random, 8);
    if (chance(random, 0.2)) e.group = pick(random, ['a', 'b', 'a, b', 'c']);
    if (chance(random, 0.1)) e.groupWeight = int(random, 200);
    if (chance(random, 0.1)) e.groupOverride = true;
    if (chance(random, 0.1)) e.groupScoring = true;
    if (chance(random, 0.1)) e.preventRecursion = true;
    if (chance(random, 0.1)) e.excludeRecursion = true;
    // delayUntilRecursion is left out: since recursion follows SillyTavern (levels, the story
    // scanned in a recursion pass) a delayed entry reads differently from the reference's.
    if (chance(random, 0.03)) e.text = `@@activate_only_after 1\n${e.text}`;
    return e;
  });
}

describe('lore activation against the engine it replaced', () => {
  it('activates the same entries, for the same reasons, on 300 random lorebooks played for 12 turns each', () => {
    const random = seededRandom(20261206);
    let fired = 0;
    let recursed = 0;
    let regexFired = 0;
    for (let book = 0; book < 300; book++) {
      const entries = lorebook(random);
      const fast = compileLore(entries);
      const oracle = reference.compileLore(entries);
      const messages: string[] = [];
      const lastFired = new Map<string, number>();
      for (let turn = 1; turn <= 12; turn++) {
        // Usually a new message or two; sometimes an edit of the newest one (a new text in its place).
        if (chance(random, 0.2) && messages.length > 0) messages[messages.length - 1] = prose(random, 2 + int(random, 20));
        else for (let m = 0, n = 1 + int(random, 2); m < n; m++) messages.push(prose(random, 2 + int(random, 20)));
        const seed = int(random, 1_000_000);
        // Without a source of rolls, rolls pass and groups take their first member.
        const rolls = chance(random, 0.8);
        const input = {
          messages: story(messages),
          turn,
          budget: pick(random, [40, 120, 10_000]),
          counter,
          scanDepth: chance(random, 0.2) ? int(random, 6) : undefined,
          lastFired: new Map(lastFired),
          messageCount: messages.length,
        };
        // The reference follows one level of recursion: two scans in all.
        const got = activateLore(fast, { ...input, maxRecursionSteps: 2, random: rolls ? seededRandom(seed) : undefined });
        const want = reference.activateLore(oracle, { ...input, random: rolls ? seededRandom(seed) : undefined });
        expect(got, `lorebook ${book}, turn ${turn}`).toEqual(want);
        for (const f of want.fired) {
          fired++;
          if (f.key.startsWith('recursion:')) recursed++;
          if (f.key.startsWith('/')) regexFired++;
          if (f.key !== 'sticky' && chance(random, 0.7)) lastFired.set(f.id, messages.length);
        }
      }
    }
    // The random books must reach what they are for: firings, recursion and regex keys.
    expect(fired).toBeGreaterThan(10_000);
    expect(recursed).toBeGreaterThan(1000);
    expect(regexFired).toBeGreaterThan(500);
  });
});
