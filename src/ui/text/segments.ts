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

/** Cached per name list: the regex that finds any of the names as a whole word. */
const namePatterns = new WeakMap<NameColor[], { pattern: RegExp; colors: Map<string, string> } | null>();

function namePattern(names: NameColor[]) {
  const known = namePatterns.get(names);
  if (known !== undefined) return known;
  if (names.length === 0) {
    namePatterns.set(names, null);
    return null;
  }
  // Word boundaries only for names that start/end with a letter of a spaced script; CJK names match anywhere.
  const alternatives = names.map((n) => {
    const body = escapeRegExp(n.name);
    return /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(n.name)
      ? body
      : `(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`;
  });
  const entry = { pattern: new RegExp(alternatives.join('|'), 'gu'), colors: new Map(names.map((n) => [n.name, n.color])) };
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
