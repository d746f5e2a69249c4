/**
 * Patterns written by pack and card authors (`/regex/flags` lore keys) run on RE2JS, a port of
 * RE2: matching time is linear in the text whatever the pattern, so `/(a+)+$/` on a line of `a`s
 * costs microseconds instead of minutes at full CPU. A key RE2 cannot run (backreferences,
 * lookahead) runs here on JavaScript's own RegExp, as SillyTavern runs it: the oracle that skald's
 * step-bounded matcher is checked against (the random keys here are small, so none runs long).
 */
import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';

/** A compiled author pattern: linear-time search for the first match. */
export interface Pattern {
  readonly source: string;
  readonly flags: string;
  /** The first match as UTF-16 offsets [start, end), or undefined. */
  find(text: string): { start: number; end: number } | undefined;
  test(text: string): boolean;
}

/** `validJs: true` when the pattern is valid JS but cannot run in linear time (backreferences, lookahead). */
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

/** Compiles a pattern body and JS-style flags, or says in words why it cannot run. */
export function compilePattern(body: string, flags = '', inJs = false): PatternResult {
  const id = `${inJs ? 'j' : ''}${flags}/${body}`;
  const known = cache.get(id);
  if (known) return known;
  const result = compileUncached(body, flags, inJs);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(id, result);
  return result;
}

function compileUncached(body: string, flags: string, inJs: boolean): PatternResult {
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
    if (inJs && jsCompiles(body, flags)) return jsPattern(body, flags);
    return { ok: false, reason: explain(error), validJs: jsCompiles(body, flags) };
  }
  // The same messages are scanned turn after turn: remember the last few answers.
  const seen = new Map<string, { start: number; end: number } | null>();
  // Linear time is a constant times the text: the constant is the program's size. A key of forty
  // names is about 250 instructions; `a{1000}a{1000}` is 2,000 and would cost a second a turn.
  if (re.programSize() > MAX_PROGRAM_SIZE) {
    return {
      ok: false,
      reason: `the pattern is too large to run quickly (${re.programSize()} steps per character, at most ${MAX_PROGRAM_SIZE}); use fewer or smaller repeats`,
      validJs: jsCompiles(body, flags),
    };
  }
  const find = (text: string) => {
    const known = seen.get(text);
    if (known !== undefined) return known ?? undefined;
    let found: { start: number; end: number } | null = null;
    // test() runs on RE2's DFA and is several times faster than a matcher; most keys miss.
    if (re.test(text)) {
      const m = re.matcher(text);
      if (m.find()) found = { start: m.start(), end: m.end() };
    }
    const oldest = seen.size >= RESULTS_KEPT ? seen.keys().next() : undefined;
    if (oldest && !oldest.done) seen.delete(oldest.value);
    seen.set(text, found);
    return found ?? undefined;
  };
  return { ok: true, pattern: { source: body, flags, find, test: (text) => find(text) !== undefined } };
}

/** A `/body/flags` key compiled, undefined for a plain key, or the reason it cannot run. */
export function parsePatternKey(key: string): PatternResult | undefined {
  const match = PATTERN_KEY.exec(key.trim());
  if (!match) return undefined;
  return compilePattern(match[1], match[2], true);
}

/** A pattern RE2 refuses, on JavaScript's RegExp. */
function jsPattern(body: string, flags: string): PatternResult {
  const re = new RegExp(body, flags.replace(/[gy]/g, ''));
  const find = (text: string) => {
    const m = re.exec(text);
    return m ? { start: m.index, end: m.index + m[0].length } : undefined;
  };
  return { ok: true, pattern: { source: body, flags, find, test: (text) => find(text) !== undefined } };
}

function explain(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, '');
  if (/\\[1-9]|\\k</.test(message)) return `backreferences cannot run in bounded time (${message})`;
  if (/\(\?[=!]/.test(message)) return `lookahead cannot run in bounded time (${message})`;
  return message;
}

/** Whether JS itself would compile the pattern (only to word the error: it is never run by JS). */
function jsCompiles(body: string, flags: string): boolean {
  try {
    new RegExp(body, flags);
    return true;
  } catch {
    return false;
  }
}
