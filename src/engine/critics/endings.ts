/**
 * How a reply ends, for the critics that read its last words (formatting, no-hook, ignores-user).
 * Chat replies often close on an emoji, a kaomoji or a sign-off ("Bibi xx", a letter's "Sincerely,"
 * and signature), and transcripts
 * leave template debris after the text; none of that is the end of the prose, so it is peeled off
 * before asking whether the reply stops mid-sentence or leaves the player anything to answer.
 */
import { LEFTOVER_TAG, SENTENCE_END } from './markup.js';
import { CJK } from './text.js';

const EMOJI = /(?:[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}]|\uFE0F|\u200D|\u20E3)+$/u;
// Western and eastern emoticons: ":)", ";-D", "<3", "^_^", "xD", "uwu", "(｡◕‿◕｡)" (a bracket with no letters of a script in it).
const KAOMOJI =
  /(?:[:;=8][-~'^]?[)(DPpOo3\][|/\\*]+|<3+|\^[_\-.ω]?\^|\b[xX]D+|\b(?:uwu|owo|UwU|OwO)|[(（][^()（）\p{Script=Latin}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Greek}\p{Script=Cyrillic}]{1,12}[)）])\s*$/u;
// A sign-off after the last sentence: "Bibi xx", "Your fan, xx", "Love, Mara", "- Bianca", "xoxo".
const KISS = String.raw`(?<![\p{L}])(?:x{1,4}|X{1,4}|xo(?:xo)*|XO(?:XO)*)`;
const NAME = String.raw`(?:\p{Lu}[\p{L}'’.]*[ \t]*){0,2}`;
const SIGN_OFF = new RegExp(
  String.raw`(?:^|(?<=[.!?。！？…~)\]*"”’'\n]))[ \t]*(?:(?:[-–—~]|[Ll]ove|[Yy]ours|[Cc]heers|[Hh]ugs|[Kk]isses|[Rr]egards|[Bb]est|[Yy]our[ \t]+\p{Ll}+)(?:[ \t]+\p{Ll}+)?[ \t]*[,!]?[ \t]*${NAME}(?:${KISS})?|${NAME}${KISS})[ \t]*$`,
  'u',
);
// A letter's close: the valediction on its own line, then the signature ("Respectfully,\nThe Old
// Oak and the Forest"), however many words the signer's name or title runs to.
const LETTER_CLOSE =
  /\n[ \t]*(?:(?:[Yy]ours|[Vv]ery|[Mm]ost)[ \t]+)?(?:[Rr]espectfully|[Ss]incerely|[Tt]ruly|[Ff]aithfully|[Cc]ordially|[Ww]armly|[Gg]ratefully|(?:(?:[Bb]est|[Kk]ind|[Ww]arm(?:est)?)[ \t]+)?[Rr]egards|[Bb]est[ \t]+wishes|[Ww]ith[ \t]+(?:love|gratitude|respect)|[Yy]ours)[ \t]*,[ \t]*\n[^\n.!?]{1,80}$/u;
// An attribution on its own last line: a dash, a name, and after a comma who they are or the work quoted ("- Mara
// Quill, a clerk of the guild", "— Marcus Aurelius, Meditations"). A caption, not a sentence, so it needs no stop;
// words of a clause after the comma ("— Wren, the river is rising and we ...") are dialogue, read for a cut.
const ATTRIBUTION =
  /\n[ \t]*[-–—][ \t]*\p{Lu}[\p{L}'’.]*(?:[ \t]+\p{Lu}[\p{L}'’.]*){0,2}[ \t]*,[ \t]*(?:(?:an?|the|your|his|her|my|our|their)[ \t](?![^\n]*\b(?:I|we|you|he|she|they|is|are|was|were|am|be|has|have|had|will|would|can|could|must|to)\b)[^\n.!?]{1,60}|\p{Lu}[\p{L}'’]*(?:[ \t]+(?:of|the|and|in|on|for|\p{Lu}[\p{L}'’]*)){0,5})[ \t]*$/u;
// A transcript prefix left dangling on the last line ("Man (speaking)") with nothing after it.
const DANGLING_PREFIX =
  /\n[ \t]*\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,2}[ \t]*[(（][\p{Ll}\p{Script=Han} ]{1,20}[)）][ \t]*[:：]?[ \t]*$/u;
// A lone pipe closing a line of prose ("... let's just say I'm rather fond of these ... wel |"): the seam of pieces
// spliced together, not an end mark. A table row opens on a pipe and a status line holds several, so a line with one
// pipe, at its end, after a word, is the only shape read.
const DANGLING_PIPE = /(?<=\n|^)([^|\n]*[\p{L}\p{N},;:])[ \t]+\|[ \t]*$/u;

// Chinese sentences often lack a final stop, so only a dangling connective, particle or comma shows a cut.
const CJK_DANGLING =
  /(?:但是|可是|不过|而且|并且|因为|所以|如果|虽然|然后|或者|以及|还有|和|与|跟|地|把|被|将|从|向|对于|为了|[，、：；,:;])$/u;

// A line that is a bullet or numbered item of a list: "- Adding a layer", "2. Fine-tuning".
const LIST_LINE = /^[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+\S/u;
// An item that closes on a stop, inside a quote or bracket or not: a closing bracket or quote alone ("- Guards
// approaching (2)", "- The word “cargo”") ends a phrase, not a sentence.
const ITEM_STOP = /[.!?。！？…][)）」』"'”’*\]】]*\s*$/u;

/**
 * The text ends on a list of two or more items none of which closes on a sentence mark: the list is
 * written without stops, so its last item stopping on a word is the list's style, not surely a cut.
 */
function unpunctuatedList(body: string): boolean {
  const lines = body.split('\n');
  let items = 0;
  for (let i = lines.length - 1; i >= 0 && LIST_LINE.test(lines[i]); i--) {
    if (i < lines.length - 1 && ITEM_STOP.test(lines[i])) return false;
    items++;
  }
  return items >= 2;
}

/** Tags become spaces of the same length, so offsets into the prose stay offsets into the reply. */
const blank = (m: string): string => ' '.repeat(m.length);

/** Only the tail is read: an ending lives in the last lines, and end-anchored patterns cost per character scanned. */
const TAIL = 240;

export interface Ending {
  /** Offset where the prose ends, before a closing fenced block and after trailing emoji, sign-offs, debris and a dangling prefix. */
  proseEnd: number;
  /** The reply's last mark is an emoji or emoticon (a chat message's full stop). */
  emoji: boolean;
  /** Where the prose stops mid-sentence, and whether that is sure, or null. */
  cut: { end: number; sure: boolean } | null;
}

/**
 * Where the prose stops when the reply closes on a fenced block (a game's state JSON, a stat block): the block is
 * data, not the last words, so the ending is read before it. The whole reply when it does not.
 */
function beforeFence(text: string): number {
  const t = text.trimEnd();
  if (!t.endsWith('```')) return text.length;
  const open = t.lastIndexOf('```', t.length - 4);
  if (open < 0) return text.length;
  const line = t.lastIndexOf('\n', open - 1) + 1;
  return t.slice(line, open).trim() === '' ? line : text.length;
}

function readEnding(text: string): Ending {
  const limit = beforeFence(text);
  const from = Math.max(0, limit - TAIL);
  const raw = text.slice(from, limit).replace(LEFTOVER_TAG, blank).trimEnd();
  const emoji = EMOJI.test(raw) || KAOMOJI.test(raw);
  let body = raw;
  for (let i = 0; i < 6; i++) {
    const before = body;
    body = body.replace(DANGLING_PREFIX, '').replace(EMOJI, '').replace(KAOMOJI, '').trimEnd();
    if (SIGN_OFF.test(body)) body = body.replace(SIGN_OFF, '').trimEnd();
    body = body.replace(LETTER_CLOSE, '').replace(ATTRIBUTION, '').trimEnd();
    body = body.replace(DANGLING_PIPE, '$1').trimEnd();
    if (body === before) break;
  }
  const end = from + body.length;
  let cut: Ending['cut'] = null;
  if (!emoji && body.length > 0 && !SENTENCE_END.test(body)) {
    const last = body.at(-1) ?? '';
    if (CJK.test(last)) cut = { end, sure: CJK_DANGLING.test(body) };
    else if (/[\p{L}\p{N}，、：；,:;]$/u.test(body)) cut = { end, sure: !unpunctuatedList(body) };
  }
  return { proseEnd: end, emoji, cut };
}

// The critics of one candidate read the same text in turn: remember the last answer.
let memo: { text: string; ending: Ending } | undefined;

/** How `text` ends (memoised for the last text asked about). */
export function ending(text: string): Ending {
  if (memo?.text !== text) memo = { text, ending: readEnding(text) };
  return memo.ending;
}

/** The reply with trailing emoji, emoticons, sign-offs, template debris and a dangling transcript prefix removed. */
export function proseEnd(text: string): string {
  return text.slice(0, ending(text).proseEnd);
}

/**
 * Where the reply stops without finishing its sentence, or null. English prose must end on a
 * sentence mark (an emoji or sign-off counts as an end); Chinese prose only counts as cut when it
 * stops on a connective, a particle that needs more, or a comma.
 */
export function cutOff(text: string): { end: number; sure: boolean } | null {
  return ending(text).cut;
}
