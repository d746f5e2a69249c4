import { parsePatternKey, type Pattern } from '../../text/pattern.js';

/**
 * Text helpers shared by lore compilation and scanning: whitespace folding, lower-casing that keeps
 * UTF-16 offsets, word boundaries that treat CJK as boundary-free, and short excerpts.
 */

/** Han, kana and Hangul: scripts written without spaces between words, so keys match as substrings. */
const NO_SPACE_SCRIPT = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
const WORD_UNIT = /[\p{L}\p{N}_\p{M}]/u;

/** True when `text` contains a character of a script written without spaces. */
export function hasNoSpaceScript(text: string): boolean {
  return NO_SPACE_SCRIPT.test(text);
}

/** Collapses whitespace runs to one space, so "mill  town" and "mill\ntown" match "mill town". */
export function foldSpace(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Lower-cases without changing the length, so offsets in the result are offsets in the input. */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let result = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    result += l.length === ch.length ? l : ch;
  }
  return result;
}

/**
 * Whether the UTF-16 unit at `index` belongs to a word. CJK is not a word unit here: in
 * "我叫Wren。" the name is still a whole word.
 */
export function isWordUnit(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  }
  // Surrogate halves: judge the whole code point.
  let ch = text[index];
  if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) ch = text.slice(index, index + 2);
  else if (code >= 0xdc00 && code <= 0xdfff && index > 0) ch = text.slice(index - 1, index + 1);
  if (NO_SPACE_SCRIPT.test(ch)) return false;
  return WORD_UNIT.test(ch);
}

/** True when [start, end) in `text` is not glued to word characters on either side. */
export function onWordBoundaries(text: string, start: number, end: number): boolean {
  const startsWord = isWordUnit(text, start);
  const endsWord = isWordUnit(text, end - 1);
  if (startsWord && isWordUnit(text, start - 1)) return false;
  if (endsWord && isWordUnit(text, end)) return false;
  return true;
}

/** A short excerpt of about `radius` characters either side of [start, end). */
export function excerptAround(text: string, start: number, end: number, radius = 30): string {
  const from = Math.max(0, start - radius);
  const to = Math.min(text.length, end + radius);
  const body = foldSpace(text.slice(from, to)).trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

/** Parses a `/regex/flags` key into a bounded pattern (linear-time where RE2 runs it); undefined for a plain key or one that cannot run. */
export function parseRegexKey(key: string): Pattern | undefined {
  const parsed = parsePatternKey(key);
  return parsed?.ok ? parsed.pattern : undefined;
}
