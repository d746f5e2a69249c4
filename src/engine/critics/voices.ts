/**
 * Who is talking where in a reply. Role-play replies come in a few shapes: prose with quoted
 * dialogue (the narration is outside the quotes), asterisk style (`*she sighs* Fine.`: the actions
 * are inside the stars, the speech is plain), stage directions in brackets (`（微笑）好啊。`), and
 * plain text, which is a chat message or a narration with no dialogue. The critics about who acts
 * and who speaks need to know which parts narrate and which parts are a character talking.
 */
import { blankFences, quoteRangesOf } from './text.js';
import { boundedMemo } from '../../text/memo.js';
import { execAll } from '../../text/regexp.js';

export type Range = [number, number];
export type ReplyShape = 'quotes' | 'asterisks' | 'brackets' | 'plain';

export interface Voices {
  shape: ReplyShape;
  /** Text that narrates (actions, descriptions); for `plain`, the whole reply. */
  narration: Range[];
  /** Text a character says; for `plain`, the whole reply too (it may be either). */
  speech: Range[];
}

const STAR_SPAN = /(?<!\*)\*(?!\*)[^*\n]+\*(?!\*)/g;
const BRACKET_SPAN = /（[^）\n]*）|\((?=[^)\n]*[\p{Script=Han}])[^)\n]*\)/gu;

function spans(text: string, re: RegExp): Range[] {
  const out: Range[] = [];
  for (const m of execAll(re, text)) out.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  return out;
}

/** The parts of [0, length) not covered by `ranges` (sorted, non-overlapping) that hold a letter. */
function complement(text: string, ranges: Range[]): Range[] {
  const out: Range[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at && /[\p{L}]/u.test(text.slice(at, s))) out.push([at, s]);
    at = Math.max(at, e);
  }
  if (at < text.length && /[\p{L}]/u.test(text.slice(at))) out.push([at, text.length]);
  return out;
}

/**
 * Splits a reply into narration and speech by its shape. A fenced block (a card's status bar) is
 * neither: a bracket or a quote inside it says nothing about how the story is told.
 */
export function replyVoices(raw: string): Voices {
  const text = blankFences(raw);
  const quotes = quoteRangesOf(text).filter(([s, e]) => e - s > 2);
  if (quotes.length > 0) return { shape: 'quotes', narration: complement(text, quotes), speech: quotes };
  const stars = spans(text, STAR_SPAN);
  if (stars.length > 0) {
    const rest = complement(text, stars);
    if (rest.length > 0) return { shape: 'asterisks', narration: stars, speech: rest };
  }
  const brackets = spans(text, BRACKET_SPAN);
  if (brackets.length > 0) return { shape: 'brackets', narration: brackets, speech: complement(text, brackets) };
  const whole: Range[] = text === raw ? [[0, text.length]] : complement(text, []);
  return { shape: 'plain', narration: whole, speech: whole };
}

// A speaking character talks of themself or asks, calls out or exclaims; narration of the player does not.
const SPOKEN = /\b(?:I|I['’](?:m|ll|d|ve)|me|my|mine|myself|we|us|our|ours)\b|[?!？！]/u;
// "You" opening a sentence: narration's way of telling the player's moves ("You grab your sword.").
const YOU_OPENS = /(?:^|[.…]["”’]?\s+)You\s+\p{Ll}/u;

/**
 * The plain spans of an asterisk-style reply that narrate rather than speak: a model that drifts
 * out of the stars tells the player's moves in plain text (`You grab your sword and charge. *She
 * follows.*`). A span counts only when a sentence in it opens with "You" and nothing in it sounds
 * spoken (no first person, no question or exclamation), so a character's plain lines stay speech.
 */
export function narratedSpeech(raw: string, voices: Voices): Range[] {
  if (voices.shape !== 'asterisks') return [];
  return voices.speech.filter(([s, e]) => {
    const span = raw.slice(s, e);
    return YOU_OPENS.test(span.trimStart()) && !SPOKEN.test(span);
  });
}

// What stands before a star span inside a running sentence: a word or a comma, then a space on the same line.
const IN_SENTENCE = /[\p{L}\p{N},;][ \t]+$/u;

/**
 * The voices of a reply whose stars only stress a word or mark a sound inside its sentences ("with a soft *whump*",
 * "They are *calculating*.") read as plain prose: such stars are no asterisk-style actions (those stand between
 * sentences, "*sighs* Fine."), so the plain text around them is the narration, not a character's lines.
 */
export function withStressRead(raw: string, voices: Voices): Voices {
  if (voices.shape !== 'asterisks' || !voices.narration.every(([s]) => IN_SENTENCE.test(raw.slice(Math.max(0, s - 40), s)))) return voices;
  const whole: Range[] = [[0, raw.length]];
  return { shape: 'plain', narration: whole, speech: whole };
}

/** `replyVoices`, remembered for the last few texts (read-only: the ranges are shared). */
export const voicesOf = boundedMemo(8, replyVoices);

/** True when `pos` falls inside one of `ranges`. */
export function within(pos: number, ranges: readonly Range[]): boolean {
  for (const [s, e] of ranges) if (pos >= s && pos < e) return true;
  return false;
}
