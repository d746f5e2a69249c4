/**
 * Players who narrate their own character in the third person ("Tamsin sets her bag down.
 * Tamsin's sister Mara runs the ferry.", "软玉的妹妹叫小月") say of that name what others say with
 * "I" and "my". This module rewrites those places in first person, so the fact patterns (anchored
 * on I/my/我) read them, and maps what the patterns match back to the player's own words.
 *
 * Precision first, since a wrong fact sits in every prompt and a missed one can be pinned:
 * - nothing when the player's name is also a name of one of the pack's characters (either could be meant);
 * - nothing for a name that cannot be told from ordinary words (see `usable`);
 * - nothing inside quoted speech: a name there is someone speaking of the player;
 * - nothing at all when the message addresses the player by name ("Tamsin, your sister…"): it is
 *   someone else's line about them, not the player narrating;
 * - a name is read as "I" only where it starts a clause (the subject), and as "my" wherever it is
 *   a possessor (Tamsin's / 软玉的); as an object ("Mara hugs Tamsin") it is left alone.
 */
import { escapeRegExp } from '../../text/regexp.js';

/** One replaced stretch: where it is in the rewritten text and where it came from. */
interface Edit {
  at: number;
  end: number;
  from: number;
  to: number;
}

/** The message in first person, with a map back to the player's text. */
export interface FirstPersonView {
  text: string;
  /** The original span of a rewritten span (an edit touched maps to the whole original stretch). */
  original: (start: number, end: number) => [number, number];
  /** Whether a rewritten span touches a place this view rewrote. */
  touches: (start: number, end: number) => boolean;
  /** Whether a rewritten span lies within one rewritten place (its words are the view's: "hate" for "hates"). */
  inside: (start: number, end: number) => boolean;
}

const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Names that are also ordinary words, so a capitalised sentence opener could be either ("Will has
 * a dog", "Hope is a…"), and the placeholder names players are given before they pick one. The
 * rule: a Latin name is read when it has at least two letters and its first word is not one of
 * these; a Chinese (CJK) name needs at least two characters, since one character ("睿", "明")
 * sits inside ordinary words (睿智, 明天) and text has no spaces to tell them apart.
 */
const COMMON = new Set(
  (
    'a an the i me my you your he him his she her it its we us our they them their this that these those ' +
    'am is are was be been do does did has have had will would shall should may might can could must ' +
    'and or but if so as at by in on of to up no not yes ok oh hey hi go ' +
    'player user you traveller traveler stranger guest hero narrator someone anon anonymous ' +
    'hope faith grace joy rose lily ivy daisy dawn summer autumn winter spring june april august sky river storm rain ' +
    'sunny bill jack mark frank pat sue rob ray ruby amber crystal honey angel king prince major drew chase hunter ' +
    'mason guy art sage hazel iris heather holly robin jay wren lark finch penny destiny harmony melody trinity'
  ).split(' '),
);

/** Whether `name` can be looked for in a text without matching ordinary words. */
function usable(name: string): boolean {
  if (HAN.test(name)) return [...name.replace(/\s+/g, '')].length >= 2;
  const first = name.split(/\s+/)[0] ?? '';
  return /\p{L}.*\p{L}/u.test(first) && !COMMON.has(first.toLowerCase());
}

/** The forms a text names the player by: the whole name, and its first word when it has several. */
function forms(name: string): string[] {
  const whole = name.trim().replace(/\s+/g, ' ');
  const first = whole.split(' ')[0];
  return [whole, ...(first && first !== whole ? [first] : [])].filter(usable);
}

/** A player named like a pack character (or a part of one's name) is ambiguous. */
function ambiguous(mine: string[], characters: readonly string[]): boolean {
  const theirs = characters.flatMap((c) => [c.trim(), c.trim().split(/\s+/)[0] ?? '']).filter(Boolean);
  return mine.some((m) =>
    theirs.some((c) => (HAN.test(m) || HAN.test(c) ? c.includes(m) || m.includes(c) : c.toLowerCase() === m.toLowerCase())),
  );
}

/** Spans inside quotation marks: “…”, «…», 「…」, 『…』 and straight double quotes in pairs. */
function quoted(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(/“[^”]*”|「[^」]*」|『[^』]*』|«[^»]*»|"[^"\n]*"/gu)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** Verbs whose third person is not the first person plus -s. */
const IRREGULAR: Record<string, string> = {
  is: 'am',
  has: 'have',
  does: 'do',
  goes: 'go',
  "isn't": 'am not',
  "hasn't": "haven't",
  "doesn't": "don't",
};

/** "lives" to "live", "carries" to "carry", "wishes" to "wish"; past tenses and modals stay. */
function firstPersonVerb(verb: string): string {
  const lower = verb.toLowerCase();
  if (IRREGULAR[lower]) return IRREGULAR[lower];
  if (/[^aeiou]ies$/.test(lower)) return lower.replace(/ies$/, 'y');
  if (/(?:ss|sh|ch|x|z|o)es$/.test(lower)) return lower.replace(/es$/, '');
  if (/[^su]s$/.test(lower)) return lower.replace(/s$/, '');
  return lower;
}

/** Words a clause may start with before its subject ("and Tamsin lives…", "when Tamsin…"). */
const OPENERS = 'and|but|then|so|while|when|as|because|before|after|until|once|though|although|since|if';
/** Adverbs between a subject and its verb ("Tamsin really hates…"). */
const ADVERBS = '(?:(?:really|truly|also|just|still|always|never|absolutely|simply|especially|even|only|deeply|secretly)\\s+)*';

/** English: the name as a possessor anywhere, or as a clause's subject followed by its verb. */
function englishEdits(text: string, name: string): Array<{ from: number; to: number; put: string }> {
  const n = escapeRegExp(name);
  const edits: Array<{ from: number; to: number; put: string }> = [];
  for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}_'’])${n}['’]s(?=\\s+\\p{L})`, 'gu'))) {
    edits.push({ from: m.index, to: m.index + m[0].length, put: 'my' });
  }
  const subject = new RegExp(
    `(?:^|(?<=[.!?;:*(—–\\n]\\s*)|(?<=,\\s*)|(?<=\\b(?:${OPENERS})\\s+))${n}\\s+(${ADVERBS})([a-z][a-z'’]*)\\b`,
    'giu',
  );
  for (const m of text.matchAll(subject)) {
    // Case-sensitive on the name (the flag is for the openers): "tamsin" is not the name "Tamsin".
    if (text.slice(m.index, m.index + name.length) !== name) continue;
    if (!/^\p{Ll}/u.test(m[2])) continue;
    edits.push({ from: m.index, to: m.index + m[0].length, put: `I ${m[1]}${firstPersonVerb(m[2])}` });
  }
  return edits;
}

/** Chinese: 软玉的 as 我的 anywhere; 软玉 as 我 where it opens a clause and a predicate follows. */
function chineseEdits(text: string, name: string): Array<{ from: number; to: number; put: string }> {
  const n = escapeRegExp(name);
  const boundary =
    '(?:^|(?<=[\\s，。！？、；：,.!?;:*（(—…~]|当|和|而|但|便|于是|然后|可是|但是|因为|所以|如果|虽然|只是|不过|随后|接着|这时|此时|后来))';
  const edits: Array<{ from: number; to: number; put: string }> = [];
  for (const m of text.matchAll(new RegExp(`${n}(?=的)|${boundary}${n}(?=[^\\s，。！？、；：,.!?;:“”"「」（）()…~])`, 'gu'))) {
    edits.push({ from: m.index, to: m.index + m[0].length, put: '我' });
  }
  return edits;
}

/** A message that speaks to the player by name ("Tamsin, your…", "软玉，你…") is someone else's line. */
function addressed(text: string, name: string): boolean {
  const n = escapeRegExp(name);
  const en = new RegExp(`(?<![\\p{L}\\p{N}_])${n}\\s*[,!][^.!?\\n]*\\b(?:you|your|yours)\\b`, 'iu');
  const zh = new RegExp(`${n}\\s*[，,！!][^。！？!?\\n]*[你您]`, 'u');
  return en.test(text) || zh.test(text);
}

/**
 * `text` rewritten in first person where the player narrates themselves as `playerName`, or
 * undefined when there is nothing to rewrite or the reading is unsafe (see the module comment).
 * `characters` are the pack's character names and aliases.
 */
export function firstPersonView(text: string, playerName: string, characters: readonly string[]): FirstPersonView | undefined {
  const names = forms(playerName);
  if (names.length === 0 || ambiguous(names, characters)) return undefined;
  if (names.some((name) => addressed(text, name))) return undefined;
  const quotes = quoted(text);
  const inQuotes = (at: number) => quotes.some(([s, e]) => at >= s && at < e);
  const found = names
    .flatMap((name) => (HAN.test(name) ? chineseEdits(text, name) : englishEdits(text, name)))
    .filter((e) => !inQuotes(e.from))
    .sort((a, b) => a.from - b.from || b.to - a.to);
  const chosen: typeof found = [];
  for (const e of found) if (!chosen.some((c) => e.from < c.to && c.from < e.to)) chosen.push(e);
  if (chosen.length === 0) return undefined;

  let rewritten = '';
  let last = 0;
  const edits: Edit[] = [];
  for (const e of chosen) {
    rewritten += text.slice(last, e.from);
    edits.push({ at: rewritten.length, end: rewritten.length + e.put.length, from: e.from, to: e.to });
    rewritten += e.put;
    last = e.to;
  }
  rewritten += text.slice(last);

  // Positions outside edits shift by the length change of the edits before them.
  const back = (pos: number, end: boolean): number => {
    let shift = 0;
    for (const e of edits) {
      if (pos <= e.at) break;
      if (pos < e.end) return end ? e.to : e.from;
      shift = e.to - e.end;
    }
    return pos + shift;
  };
  return {
    text: rewritten,
    original: (start, end) => [back(start, false), Math.max(back(start, false), back(end, true))],
    touches: (start, end) => edits.some((e) => start < e.end && e.at < end),
    inside: (start, end) => edits.some((e) => e.at <= start && end <= e.end),
  };
}
