/**
 * Splits story text into styled runs: `*actions*`, "dialogue" (straight, curly and CJK quotes) and
 * character names in their colours. The text must already be neutralised; styling is skald's only.
 */
import type { NameColor } from './colors.js';
import { escapeRegExp } from '../../text/regexp.js';

export type SegmentKind = 'plain' | 'action' | 'dialogue' | 'name' | 'player' | 'meta' | 'error' | 'notice';

export interface Segment {
  text: string;
  kind: SegmentKind;
  color?: string;
}

const ACTION = /\*[^*\n]+\*/g;
const DIALOGUE = /"[^"\n]*"|“[^”\n]*”|「[^」\n]*」|『[^』\n]*』|«[^»\n]*»/g;

function splitBy(segments: Segment[], pattern: RegExp, kind: SegmentKind, only: SegmentKind[]): Segment[] {
  const out: Segment[] = [];
  for (const seg of segments) {
    if (!only.includes(seg.kind)) {
      out.push(seg);
      continue;
    }
    let last = 0;
    for (const m of seg.text.matchAll(pattern)) {
      if (m.index > last) out.push({ ...seg, text: seg.text.slice(last, m.index) });
      out.push({ text: m[0], kind });
      last = m.index + m[0].length;
    }
    if (last < seg.text.length) out.push({ ...seg, text: seg.text.slice(last) });
  }
  return out;
}

const CJK_START = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * One regex for a list of names (longest first): names that start with a letter of a spaced script
 * match as whole words, CJK names anywhere.
 */
export function nameRegex(names: readonly { name: string }[]): RegExp {
  const cjk = names.filter((n) => CJK_START.test(n.name)).map((n) => escapeRegExp(n.name));
  const spaced = names.filter((n) => !CJK_START.test(n.name)).map((n) => escapeRegExp(n.name));
  // One pair of look-arounds for all the spaced names, not a pair each: V8 compiles every
  // \p{L}\p{N} class into the regex, ~10 ms of the first frame for a cast of nine. The matches are
  // the same: a name that starts with a CJK character and one that does not never match at one
  // place, and each group keeps the list's order, which decides between those that do.
  const alternatives = [...cjk, ...(spaced.length > 0 ? [`(?<![\\p{L}\\p{N}])(?:${spaced.join('|')})(?![\\p{L}\\p{N}])`] : [])];
  return new RegExp(alternatives.join('|'), 'gu');
}

/** Cached per name list: the regex that finds any of the names as a whole word. */
const namePatterns = new WeakMap<NameColor[], { pattern: RegExp; colors: Map<string, string> } | null>();

function namePattern(names: NameColor[]) {
  const known = namePatterns.get(names);
  if (known !== undefined) return known;
  if (names.length === 0) {
    namePatterns.set(names, null);
    return null;
  }
  const entry = { pattern: nameRegex(names), colors: new Map(names.map((n) => [n.name, n.color])) };
  namePatterns.set(names, entry);
  return entry;
}

/** Styles one reply or opening: actions, dialogue, then names inside any of them. */
export function styleStory(text: string, names: NameColor[]): Segment[] {
  let segments: Segment[] = [{ text, kind: 'plain' }];
  segments = splitBy(segments, ACTION, 'action', ['plain']);
  segments = splitBy(segments, DIALOGUE, 'dialogue', ['plain']);
  const entry = namePattern(names);
  if (!entry) return segments;
  const out: Segment[] = [];
  for (const seg of segments) {
    let last = 0;
    for (const m of seg.text.matchAll(entry.pattern)) {
      if (m.index > last) out.push({ ...seg, text: seg.text.slice(last, m.index) });
      out.push({ text: m[0], kind: 'name', color: entry.colors.get(m[0]) });
      last = m.index + m[0].length;
    }
    if (last < seg.text.length) out.push({ ...seg, text: seg.text.slice(last) });
  }
  return out;
}
