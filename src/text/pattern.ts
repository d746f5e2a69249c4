/**
 * Patterns written by pack and card authors (`/regex/flags` lore keys) run on RE2JS, a port of
 * RE2: matching time is linear in the text whatever the pattern, so `/(a+)+$/` on a line of `a`s
 * costs microseconds instead of minutes at full CPU. What RE2 cannot run in linear time
 * (backreferences, lookahead) runs on a backtracking matcher with a step budget (backtrack.ts):
 * a search that would pass it finds nothing, so no pattern and no text can stall a turn.
 */
import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';
import { compileBounded } from './backtrack.js';
import { boundedMemo } from './memo.js';
import { foldForLiterals, holdsAny, requiredLiterals } from './pattern-literals.js';

/** A compiled author pattern: linear-time search for the first match. */
export interface Pattern {
  readonly source: string;
  readonly flags: string;
  /** The first match as UTF-16 offsets [start, end), or undefined. */
  find(text: string): { start: number; end: number } | undefined;
  test(text: string): boolean;
  /**
   * False when `text` cannot hold a match (it lacks every literal the pattern needs); true is only
   * "maybe". The literals are printable ASCII, so a text joined from parts with control
   * characters between them may match only if one of its parts may.
   */
  mayMatch(text: string): boolean;
  /**
   * Every match left to right (only the first unless `all`), with its groups, at most `limit`:
   * what a replacement needs. Linear in the text like `find`.
   */
  matches(text: string, all: boolean, limit?: number): PatternMatch[];
  /** Set on a pattern RE2 cannot run (lookahead, backreferences): it runs on the step-bounded matcher. */
  readonly bounded?: true;
}

/** One match with its numbered groups (index 0 the whole match) and named groups; an unmatched group is undefined. */
export interface PatternMatch {
  start: number;
  end: number;
  groups: (string | undefined)[];
  named: Record<string, string | undefined>;
}

/** Matches one `matches` call returns at most by default. */
const MAX_MATCHES = 10_000;

/**
 * Steps one search on the bounded matcher may take (a few milliseconds); a replacement's searches
 * over one text share `BOUNDED_STEPS_PER_TEXT`. Past them the search finds nothing.
 */
export const BOUNDED_STEPS = 100_000;
export const BOUNDED_STEPS_PER_TEXT = 400_000;

/** `validJs: true` when the pattern is valid JS but cannot run in bounded time (a flag neither engine takes, a program too large). */
export type PatternResult = { ok: true; pattern: Pattern } | { ok: false; reason: string; validJs?: boolean };

/** `/body/flags`, the way packs and cards write a regex key. */
export const PATTERN_KEY = /^\/(.+)\/([a-z]*)$/s;

let engine: typeof RE2JS | undefined;

/**
 * RE2JS, loaded by the first pattern compiled: ~0.28 MB that a start whose pack has no regex key,
 * and every TUI first frame, need not parse (lore is compiled after that frame). Loaded
 * synchronously, so compiling stays a plain call; the loader is not called `require` so the
 * bundler leaves the package to be loaded at run time (as src/engine/tokens.ts loads the tokenizer).
 */
function re2(): typeof RE2JS {
  return (engine ??= (createRequire(import.meta.url)('re2js') as typeof import('re2js')).RE2JS);
}

// g and y only keep state between calls in JS; d asks for indices; u is how RE2 reads text anyway.
const IGNORED_FLAGS = new Set(['g', 'y', 'd', 'u']);

// Compiling is cheap but not free, and the same keys are compiled for validation and play.
const cache = new Map<string, PatternResult>();
const CACHE_LIMIT = 2000;
/** Compiled program size allowed per pattern (see compileUncached). */
const MAX_PROGRAM_SIZE = 400;
/** Texts whose result each pattern remembers (a scan covers a few recent messages). */
const RESULTS_KEPT = 16;

/**
 * Compiles a pattern body and JS-style flags, or says in words why it cannot run. With `bounded`,
 * a pattern RE2 refuses (lookahead, backreferences) runs on the step-bounded matcher instead:
 * regex scripts and lore keys ask for it; RE2 keeps every pattern it can run, linear in the text.
 */
export function compilePattern(body: string, flags = '', bounded = false): PatternResult {
  const id = `${bounded ? 'b' : ''}${flags}/${body}`;
  const known = cache.get(id);
  if (known) return known;
  const result = compileUncached(body, flags, bounded);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(id, result);
  return result;
}

function compileUncached(body: string, flags: string, bounded: boolean): PatternResult {
  const RE2 = re2();
  const flagBits: Record<string, number> = { i: RE2.CASE_INSENSITIVE, m: RE2.MULTILINE, s: RE2.DOTALL };
  let bits = RE2.LOOKBEHINDS;
  for (const flag of new Set(flags)) {
    if (flagBits[flag] !== undefined) bits |= flagBits[flag];
    else if (!IGNORED_FLAGS.has(flag))
      return { ok: false, reason: `the flag "${flag}" is not supported (use i, m, s, g, u)`, validJs: jsCompiles(body, flags) };
  }
  let re: RE2JS;
  try {
    re = RE2.compile(RE2.translateRegExp(body), bits);
  } catch (error) {
    // The bounded matcher checks that JavaScript (ES2025, as the browsers run it) compiles the pattern.
    const fallback = bounded ? boundedPattern(body, flags) : undefined;
    return fallback ?? { ok: false, reason: explain(error), validJs: jsCompiles(body, flags) };
  }
  // Linear time is a constant times the text: the constant is the program's size. A key of forty
  // names is about 250 instructions; `a{1000}a{1000}` is 2,000 and would cost a second a turn.
  if (re.programSize() > MAX_PROGRAM_SIZE) {
    return {
      ok: false,
      reason: `the pattern is too large to run quickly (${re.programSize()} steps per character, at most ${MAX_PROGRAM_SIZE}); use fewer or smaller repeats`,
      validJs: jsCompiles(body, flags),
    };
  }
  // Most keys miss most texts: a text without the pattern's literals is not run through RE2 at all.
  const literals = requiredLiterals(body, flags);
  const folds = flags.includes('i');
  const mayMatch = (text: string) => !literals || holdsAny(folds ? foldedOnce(text) : text, literals);
  // The same messages are scanned turn after turn: remember the last few answers.
  const found = boundedMemo(RESULTS_KEPT, (text: string): { start: number; end: number } | null => {
    // test() runs on RE2's DFA and is several times faster than a matcher; most keys miss.
    if (!mayMatch(text) || !re.test(text)) return null;
    const m = re.matcher(text);
    return m.find() ? { start: m.start(), end: m.end() } : null;
  });
  const find = (text: string) => found(text) ?? undefined;
  const matches = (text: string, all: boolean, limit = MAX_MATCHES): PatternMatch[] => {
    const out: PatternMatch[] = [];
    if (!mayMatch(text)) return out;
    const m = re.matcher(text);
    const count = m.groupCount();
    const names = Object.keys(re.namedGroups());
    while (out.length < limit && m.find()) {
      const groups: (string | undefined)[] = [];
      for (let g = 0; g <= count; g++) groups.push(m.group(g) ?? undefined);
      const named: Record<string, string | undefined> = {};
      for (const name of names) named[name] = m.group(name) ?? undefined;
      out.push({ start: m.start(), end: m.end(), groups, named });
      if (!all) break;
    }
    return out;
  };
  return { ok: true, pattern: { source: body, flags, find, test: (text) => find(text) !== undefined, mayMatch, matches } };
}

/** A pattern RE2 refuses, on the step-bounded matcher; undefined when that cannot run it either. */
function boundedPattern(body: string, flags: string): PatternResult | undefined {
  const compiled = compileBounded(body, flags);
  if (!compiled.ok) return undefined;
  const { pattern } = compiled;
  const found = boundedMemo(RESULTS_KEPT, (text: string): { start: number; end: number } | null => {
    const { match } = pattern.search(text, 0, BOUNDED_STEPS);
    return match ? { start: match.start, end: match.end } : null;
  });
  const find = (text: string) => found(text) ?? undefined;
  const matches = (text: string, all: boolean, limit = MAX_MATCHES): PatternMatch[] => {
    const out: PatternMatch[] = [];
    let left = BOUNDED_STEPS_PER_TEXT;
    let from = 0;
    while (out.length < limit && from <= text.length) {
      const { match, steps, exhausted } = pattern.search(text, from, Math.min(left, BOUNDED_STEPS));
      // Out of steps: none of this text's matches are kept, so a replacement is all or nothing.
      if (exhausted) return [];
      left -= steps;
      if (!match) break;
      const span = (g: number) => (match.spans[2 * g] >= 0 ? text.slice(match.spans[2 * g], match.spans[2 * g + 1]) : undefined);
      const groups: (string | undefined)[] = [];
      for (let g = 0; g <= pattern.groupCount; g++) groups.push(span(g));
      const named: Record<string, string | undefined> = {};
      for (const [name, g] of pattern.names) named[name] = span(g);
      out.push({ start: match.start, end: match.end, groups, named });
      if (!all) break;
      from = match.end > match.start ? match.end : match.end + 1;
    }
    return out;
  };
  return {
    ok: true,
    pattern: { source: body, flags, find, test: (text) => find(text) !== undefined, mayMatch: () => true, matches, bounded: true },
  };
}

// The keys of a lorebook are tried one after another on the same text: fold it once for all of them.
let lastText: string | undefined;
let lastFolded = '';
function foldedOnce(text: string): string {
  if (text !== lastText) {
    lastFolded = foldForLiterals(text);
    lastText = text;
  }
  return lastFolded;
}

/**
 * A `/body/flags` key compiled, undefined for a plain key, or the reason it cannot run. A key RE2
 * refuses (lookahead, backreferences: SillyTavern runs its keys in JavaScript, and lorebooks write
 * `/Elara(?!'s)/`) runs on the step-bounded matcher, whose budget bounds each test of it.
 */
export function parsePatternKey(key: string): PatternResult | undefined {
  const match = PATTERN_KEY.exec(key.trim());
  if (!match) return undefined;
  return compilePattern(match[1], match[2], true);
}

/**
 * A SillyTavern regex script's `findRegex`: `/body/flags`, else the whole string as a pattern with
 * no flags (as SillyTavern reads it). Lookahead and backreferences run on the step-bounded matcher.
 */
export function parseScriptPattern(source: string): PatternResult {
  const match = PATTERN_KEY.exec(source);
  return match ? compilePattern(match[1], match[2], true) : compilePattern(source, '', true);
}

function explain(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, '');
  if (/\\[1-9]|\\k</.test(message)) return `backreferences cannot run in bounded time (${message})`;
  if (/\(\?[=!]/.test(message)) return `lookahead cannot run in bounded time (${message})`;
  return message;
}

/**
 * Whether JS itself would compile the pattern (only to word the error: it is never run by JS);
 * flags inside a group (`(?i:...)`, ES2025, unknown to Node 20) are checked by the bounded matcher's parser.
 */
function jsCompiles(body: string, flags: string): boolean {
  try {
    new RegExp(body, flags);
    return true;
  } catch {
    return /\(\?[ims]*(?:-[ims]+)?:/.test(body) && compileBounded(body, flags).ok;
  }
}
