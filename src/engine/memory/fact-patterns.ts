/** What a fact pattern is, shared by the English and Chinese pattern lists. */
import type { FactKind } from '../types.js';

/** A fact a pattern found: its sentence, and what it is about (for contradiction checks). */
export interface Found {
  text: string;
  /** Who or what the fact is about: a name, `home`, `occupation`, a liked thing ... */
  subject: string;
  /** What it says of the subject; a later fact with the same kind and subject and another value replaces it. */
  value: string;
}

export interface Pattern {
  kind: FactKind;
  regex: RegExp;
  /** The fact for a match, or undefined when the match is a look-alike. */
  render: (m: RegExpExecArray, player: string) => Found | undefined;
}

/** The first `words` words of `text`, without trailing separators. */
export function trimClause(text: string, words = 8): string {
  return text
    .trim()
    .split(/\s+/)
    .slice(0, words)
    .join(' ')
    .replace(/[\s,;:]+$/, '');
}

/** At most 24 words, marked when cut. */
export function trimSentence(text: string): string {
  const words = text.trim().split(/\s+/);
  return words.length > 24 ? `${words.slice(0, 24).join(' ')}…` : words.join(' ');
}

/** Lower-case with single spaces, for relations written "Older  Brother". */
export function fold(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}
