/**
 * Joining a continuation to the reply it extends. A model asked to continue often starts by
 * repeating the end of what it is continuing (the last word it was cut in, the last sentence, or
 * the whole reply): that repeat is stripped, and the two texts are joined with the spacing the
 * boundary needs (none mid-word or between CJK characters, one space between words).
 */

const CJK = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;
/** What opens a word group: a continuation repeating from here starts a word. */
const OPENERS = /["“”'‘([*_—–-]/u;
/** What a continuation may start with that hugs the text before it. */
const CLOSING = /^[.,;:!?…)\]}»’”%]/u;
/** What the reply may end with that hugs the text after it. */
const OPENING_END = /[([{«“‘—–\-/]$/u;

const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);

/** Where a repeat of the reply's end can begin: a word start, or any CJK character. */
function isBoundary(text: string, i: number): boolean {
  if (i === 0) return true;
  const before = text[i - 1];
  return SPACE.test(before) || OPENERS.test(before) || isCjk(text[i]) || isCjk(before);
}

type Match = { kind: 'full'; end: number } | { kind: 'prefix' } | { kind: 'none' };

/**
 * Matches `suffix` against the start of `text`, any run of whitespace in one matching any run in
 * the other: `full` with the index in `text` after the match, `prefix` when `text` ends first.
 */
function matchStart(suffix: string, text: string): Match {
  let i = 0;
  let j = 0;
  while (i < suffix.length) {
    if (j >= text.length) return { kind: 'prefix' };
    const a = suffix[i];
    const b = text[j];
    if (SPACE.test(a) && SPACE.test(b)) {
      while (i < suffix.length && SPACE.test(suffix[i])) i++;
      while (j < text.length && SPACE.test(text[j])) j++;
      continue;
    }
    if (a !== b) return { kind: 'none' };
    i++;
    j++;
  }
  return { kind: 'full', end: j };
}

/** Enough of a repeat to be sure it is one: a letter or digit, and two characters when all CJK. */
function substantial(repeat: string): boolean {
  const chars = [...repeat].filter((ch) => WORD.test(ch));
  if (chars.length === 0) return false;
  return !chars.every(isCjk) || chars.length >= 2;
}

/** A repeat that ended before its suffix did: only a long one (two words, 12 characters) is sure. */
function substantialPrefix(repeat: string): boolean {
  const trimmed = repeat.trim();
  return (
    substantial(trimmed) &&
    (trimmed.length >= 12 || trimmed.split(/\s+/u).length >= 2 || ([...trimmed].every(isCjk) && trimmed.length >= 4))
  );
}

/** How far back a repeat is looked for (a model repeating more than this has written a new reply). */
const LOOK_BACK = 4000;

export type OverlapResult =
  /** The continuation so far could still be a repeat: wait for more text. */
  | { settled: false }
  /** `rest` is the continuation without its repeat; `stripped` the repeated text (may be empty). */
  | { settled: true; rest: string; stripped: string };

/**
 * Strips a repeat of `reply`'s end from the start of `continuation`. The longest suffix of the
 * reply starting at a word boundary that the continuation starts with (whitespace-insensitive,
 * case-sensitive) is the repeat. While `final` is false, a continuation that is still a prefix of
 * such a suffix is unsettled, so a stream can hold it back until it can tell.
 */
export function stripOverlap(reply: string, continuation: string, final = true): OverlapResult {
  const text = continuation.replace(/^\s+/u, '');
  const lead = continuation.length - text.length;
  const end = reply.replace(/\s+$/u, '');
  if (!text || !end) return final || text ? { settled: true, rest: continuation, stripped: '' } : { settled: false };
  const from = Math.max(0, end.length - LOOK_BACK);
  for (let i = from; i < end.length; i++) {
    if (!isBoundary(end, i) || SPACE.test(end[i])) continue;
    const suffix = end.slice(i);
    const match = matchStart(suffix, text);
    if (match.kind === 'prefix') {
      if (!final) return { settled: false };
      if (substantialPrefix(text)) return { settled: true, rest: '', stripped: continuation };
      continue;
    }
    if (match.kind === 'full' && substantial(suffix)) {
      return { settled: true, rest: text.slice(match.end), stripped: continuation.slice(0, lead + match.end) };
    }
  }
  // The reply ends on the quote or *action* it just opened, and the model opens it again.
  const mark = end.slice(-1);
  if ((mark === '*' || mark === '"') && open(end, mark) && text.startsWith(mark)) {
    if (text.length === 1 && !final) return { settled: false };
    if (WORD.test(text.charAt(1))) return { settled: true, rest: text.slice(1), stripped: continuation.slice(0, lead + 1) };
  }
  return { settled: true, rest: continuation, stripped: '' };
}

/** Whether an odd number of `mark` is in `text`: one is open (a quote, an *action*). */
const open = (text: string, mark: '"' | '*'): boolean => (text.split(mark).length - 1) % 2 === 1;
/** The rest of a contraction: "that'" + "s", "I" + "'ve". */
const CLITIC = /^(?:s|ve|re|ll|d|m|t)\b/u;
const CLITIC_APOSTROPHE = /^['’](?:s|ve|re|ll|d|m|t)\b/u;

/**
 * What goes between `reply` (its trailing whitespace dropped) and `rest`: the whitespace either
 * side already has (the one with more line breaks), else nothing at a CJK boundary, before
 * closing punctuation or after an opening one, and one space between words.
 */
export function separator(reply: string, rest: string, afterRepeat = false): string {
  const trail = /\s*$/u.exec(reply)?.[0] ?? '';
  const lead = /^\s*/u.exec(rest)?.[0] ?? '';
  if (trail || lead) return newlines(lead) > newlines(trail) ? lead : trail || lead;
  // After a stripped repeat, the continuation's own text says how it goes on ("do" + "or").
  if (afterRepeat) return '';
  const before = reply.slice(-1);
  const after = rest.slice(0, 1);
  if (!before || !after) return '';
  // CJK text takes no spaces, also across the ASCII punctuation some models write in it.
  if (isCjk(before) || isCjk(after) || isCjk(lastWordChar(reply)) || isCjk(firstWordChar(rest))) return '';
  // A closing single quote ("'Gladiator" + "'."), not an opening one ("'Hello").
  if ((after === "'" || after === '’') && !WORD.test(rest.charAt(1))) return '';
  if (CLOSING.test(after)) return '';
  if ((after === '"' || after === '*') && open(reply, after)) return '';
  if (OPENING_END.test(reply)) return '';
  if ((before === '"' || before === '*') && open(reply, before)) return '';
  if (WORD.test(before) && CLITIC_APOSTROPHE.test(rest)) return '';
  if (/[\p{L}]['’]$/u.test(reply) && CLITIC.test(rest)) return '';
  return ' ';
}

const newlines = (ws: string): number => ws.split('\n').length - 1;

/** The last letter, digit or CJK character of `text`, looking past punctuation at its end. */
function lastWordChar(text: string): string | undefined {
  const m = /([\p{L}\p{N}])[^\p{L}\p{N}\s]*$/u.exec(text);
  return m?.[1];
}

/** The first letter, digit or CJK character of `text`, looking past punctuation at its start. */
function firstWordChar(text: string): string | undefined {
  const m = /^[^\p{L}\p{N}\s]*([\p{L}\p{N}])/u.exec(text);
  return m?.[1];
}

/** The reply and its continuation as one text: the repeat stripped, the boundary spaced. */
export function joinContinuation(reply: string, continuation: string): string {
  const result = stripOverlap(reply, continuation, true);
  const rest = result.settled ? result.rest : continuation;
  const stripped = result.settled && result.stripped !== '';
  const base = reply.replace(/\s+$/u, '');
  if (!rest.trim()) return base;
  return base + separator(reply, rest, stripped) + rest.replace(/^\s+/u, '');
}

/**
 * The streaming form of `joinContinuation`: text pushed as it arrives comes out with the repeat
 * held back and dropped, and the boundary's spacing put in front of the first new words. The
 * pieces it returns, after the reply, add up to what `joinContinuation` makes of the whole.
 */
export class ContinuationJoiner {
  private held = '';
  private rest: string | undefined;
  private stripped = false;
  private flowing = false;

  constructor(private readonly reply: string) {}

  /** Takes the next piece of the continuation; returns what can be shown now (may be empty). */
  push(piece: string): string {
    if (this.flowing) return piece;
    if (this.rest === undefined) {
      this.held += piece;
      const result = stripOverlap(this.reply, this.held, false);
      if (!result.settled) return '';
      this.rest = result.rest;
      this.stripped = result.stripped !== '';
    } else {
      this.rest += piece;
    }
    return this.release();
  }

  /** The stream ended: whatever was held is settled and shown. */
  end(): string {
    if (this.flowing) return '';
    if (this.rest === undefined) {
      const result = stripOverlap(this.reply, this.held, true);
      this.rest = result.settled ? result.rest : this.held;
      this.stripped = result.settled && result.stripped !== '';
    }
    return this.release();
  }

  /** Whether any new text has been shown. */
  get started(): boolean {
    return this.flowing;
  }

  private release(): string {
    const rest = this.rest ?? '';
    // The spacing depends on the first visible character: wait for one.
    if (!rest.trim()) return '';
    this.flowing = true;
    return separator(this.reply, rest, this.stripped) + rest.replace(/^\s+/u, '');
  }
}
