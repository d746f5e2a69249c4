/**
 * Word wrapping of styled runs to a column width, measuring with `string-width` so CJK and emoji
 * take their real two columns. The TUI wraps itself (rather than letting Ink wrap) because it needs
 * each block's height in lines to keep the live area shorter than the terminal.
 */
import { columnWidth } from './width.js';
import type { Segment } from './segments.js';

export type Line = Segment[];

// A token is a word with its trailing spaces, a run of spaces, a newline, or one wide character
// (CJK text has no spaces and may break between any two characters).
const TOKEN =
  /\n|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef][^\S\n]*|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]+[^\S\n]*|[^\S\n]+/gu;

const CLOSING = /^[，。、：；！？」』）》〉】”’…,.!?:;)]/u;

/** Removes and returns the last character of a line (for the closing-mark rule). */
function takeLastChar(line: Line): { seg: Segment; char: string } | undefined {
  const seg = line[line.length - 1];
  if (!seg) return undefined;
  const chars = Array.from(seg.text);
  const char = chars.pop();
  if (!char || /\s/.test(char) || line.reduce((n, s) => n + s.text.length, 0) <= char.length) return undefined;
  seg.text = chars.join('');
  if (!seg.text) line.pop();
  return { seg: { ...seg }, char };
}

// `string-width` segments graphemes, and was most of the cost of wrapping a resumed story's history
// before its first frame: text of one-column characters that are each their own grapheme (ASCII,
// Latin-1, the punctuation of prose, arrows, box drawing) is measured by its length (width.ts;
// tests/ui/width.test.ts and printed-history.test.tsx check them against string-width).
/** The display width of text in terminal columns. */
export function textWidth(text: string): number {
  return columnWidth(text);
}

function pushRun(line: Line, seg: Segment, text: string): void {
  const last = line[line.length - 1];
  if (last && last.kind === seg.kind && last.color === seg.color) last.text += text;
  else line.push({ ...seg, text });
}

/** Splits a token wider than the line into pieces that fit. */
function hardBreak(token: string, width: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const ch of token) {
    if (current && textWidth(current + ch) > width) {
      pieces.push(current);
      current = '';
    }
    current += ch;
  }
  if (current) pieces.push(current);
  return pieces;
}

interface Piece {
  seg: Segment;
  text: string;
}

const SPACED_WORD = /^[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

// A mark that opens what follows (an action's `*`, a quote, a bracket) never ends a line.
const OPENING = /[*"'“‘「『（《〈【([]$/u;

/**
 * The tokens of all runs, where a word that spans two runs (the `*` of an action before a coloured
 * name, a quote mark before one) stays one token, and an opening mark stays with the character
 * after it (CJK too), so a line never breaks inside them.
 */
function words(segments: Segment[]): Piece[][] {
  const out: Piece[][] = [];
  let last = ''; // the previous token, when nothing (no space, no newline) separates it from the next
  for (const seg of segments) {
    for (const match of seg.text.matchAll(TOKEN)) {
      const text = match[0];
      const glue = last !== '' && !startsWithSpace(text) && ((isSpacedWord(last) && isSpacedWord(text)) || endsOpening(last));
      if (glue) out[out.length - 1].push({ seg, text });
      else out.push([{ seg, text }]);
      last = endsWithSpace(text) ? '' : text;
    }
  }
  return out;
}

// The character tests below run once or more per word of every line a resumed history wraps
// before its first frame, mostly on ASCII: that is answered from the character code, anything
// else by the regular expression that defines the test (tests/ui/text.test.ts holds the two to
// the same answer for every character of the Basic Multilingual Plane).

/** ASCII whitespace as `\s` matches it: tab, newline, vertical tab, form feed, carriage return, space. */
const isAsciiSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13);

/** Whether `text` starts with whitespace (`/^\s/`). */
export function startsWithSpace(text: string): boolean {
  const code = text.charCodeAt(0);
  return code < 128 ? isAsciiSpace(code) : /^\s/.test(text);
}

/** Whether `text` ends with whitespace (`/\s$/`). */
export function endsWithSpace(text: string): boolean {
  const code = text.charCodeAt(text.length - 1);
  return code < 128 ? isAsciiSpace(code) : /\s$/.test(text);
}

/** Whether `text` starts as a word of a spaced script does (`SPACED_WORD`). */
export function isSpacedWord(text: string): boolean {
  const code = text.charCodeAt(0);
  return code < 128 ? !isAsciiSpace(code) : SPACED_WORD.test(text);
}

/** Whether `text` ends with an opening mark (`OPENING`). */
export function endsOpening(text: string): boolean {
  const code = text.charCodeAt(text.length - 1);
  // * " ' ( [
  return code < 128 ? code === 42 || code === 34 || code === 39 || code === 40 || code === 91 : OPENING.test(text);
}

/** `text` without its trailing whitespace other than newlines (`text.replace(/[^\S\n]+$/, '')`). */
export function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0) {
    const code = text.charCodeAt(end - 1);
    if (code >= 128) return text.slice(0, end).replace(/[^\S\n]+$/, '');
    if (code === 10 || !isAsciiSpace(code)) break;
    end--;
  }
  return end === text.length ? text : text.slice(0, end);
}

/** Wraps styled runs to `width` columns; newlines in the text start new lines. */
export function wrapSegments(segments: Segment[], width: number): Line[] {
  const max = Math.max(4, width);
  const lines: Line[] = [[]];
  let used = 0;
  // Indentation at the start of a line of the text is kept; a wrapped line starts at its first word.
  let hardStart = true;
  const newLine = () => {
    const line = lines[lines.length - 1];
    // Trailing spaces are invisible and would only confuse the width maths.
    const tail = line[line.length - 1];
    if (tail) tail.text = trimSpacesEnd(tail.text);
    lines.push([]);
    used = 0;
  };
  for (const word of words(segments)) {
    const token = word.length === 1 ? word[0].text : word.map((p) => p.text).join('');
    if (token === '\n') {
      newLine();
      hardStart = true;
      continue;
    }
    const bare = trimSpacesEnd(token);
    const w = textWidth(bare);
    if (used > 0 && used + w > max) {
      // CJK line-breaking: a closing mark never starts a line; it takes the character before it
      // along, and that one's own closing marks before it ("办？" of "办？”").
      const carried: Array<{ seg: Segment; char: string }> = [];
      if (CLOSING.test(bare)) {
        const line = lines[lines.length - 1];
        for (let c = takeLastChar(line); c; c = CLOSING.test(c.char) && carried.length < 4 ? takeLastChar(line) : undefined) {
          carried.unshift(c);
        }
      }
      newLine();
      for (const c of carried) {
        pushRun(lines[lines.length - 1], c.seg, c.char);
        used += textWidth(c.char);
      }
    }
    if (used === 0 && bare === '' && !hardStart) continue; // no leading spaces on a wrapped line
    hardStart = false;
    if (w > max) {
      // Too wide for any line: its pieces break wherever the width runs out.
      for (const { seg, text } of word) {
        const pieces = hardBreak(text.replace(/[^\S\n]+$/, ''), max);
        for (const piece of pieces) {
          if (used > 0 && used + textWidth(piece) > max) newLine();
          pushRun(lines[lines.length - 1], seg, piece);
          used += textWidth(piece);
        }
      }
      continue;
    }
    const tokenWidth = token === bare ? w : textWidth(token);
    const fits = used + tokenWidth <= max;
    for (let i = 0; i < word.length; i++) {
      const { seg, text } = word[i];
      const piece = fits || i < word.length - 1 ? text : trimSpacesEnd(text);
      if (piece) pushRun(lines[lines.length - 1], seg, piece);
    }
    used += fits ? tokenWidth : w;
  }
  return lines;
}

/** Plain text wrapped to width (for the debug pane and overlays). */
export function wrapText(text: string, width: number, kind: Segment['kind'] = 'plain'): Line[] {
  return wrapSegments([{ text, kind }], width);
}

/**
 * Runs on one line, cut to `width` columns with an ellipsis when they are wider, as Ink's
 * `wrap="truncate-end"` cuts the live area's one-line texts (the header), so a line printed into
 * the history reads as the same line did live.
 */
export function truncateSegments(segments: readonly Segment[], width: number): Line {
  const total = segments.reduce((n, seg) => n + textWidth(seg.text), 0);
  if (total <= width) return segments.filter((seg) => seg.text).map((seg) => ({ ...seg }));
  const line: Line = [];
  let room = Math.max(0, width - 1);
  for (const seg of segments) {
    let kept = '';
    for (const ch of seg.text) {
      const w = textWidth(ch);
      if (w > room) break;
      kept += ch;
      room -= w;
    }
    if (kept) line.push({ ...seg, text: kept });
    if (kept.length < seg.text.length) break;
  }
  const last = line[line.length - 1];
  if (last) last.text += '…';
  else line.push({ ...(segments[0] ?? { kind: 'plain' }), text: width > 0 ? '…' : '' });
  return line;
}
