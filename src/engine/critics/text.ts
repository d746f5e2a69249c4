/**
 * Text helpers the critics share. Chinese and Japanese have no spaces between words, so
 * "content words" there are character bigrams of Han/kana runs; Latin text uses lower-cased
 * words minus stop words with a crude suffix strip, enough to see that "lamps" and "lamp" agree.
 */
import type { CriticEvidence, CriticId, CriticResult } from '../types.js';
import { escapeRegExp, execAll } from '../../text/regexp.js';
import { boundedMemo } from '../../text/memo.js';

export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const LATIN_WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** True when the pack's language is written without spaces (zh, ja, ko handled alike). */
export function isCjkLanguage(language: string): boolean {
  return /^(zh|ja|ko|yue|wuu|cmn)\b/i.test(language);
}

/**
 * A regex source matching `phrase` on word boundaries; CJK phrases have no boundaries, so they
 * match anywhere. Spaces in a phrase match any run of whitespace.
 */
export function boundedSource(phrase: string): string {
  const body = escapeRegExp(phrase.trim()).replace(/\s+/g, '\\s+');
  if (CJK.test(phrase)) return body;
  return `(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`;
}

/**
 * A cheap first test for `phraseRegex(phrases)`: the phrases without their word-boundary look-arounds,
 * with the same flags (so the same case folding). Every match of the full regex holds a match of
 * this one, so a text it does not match needs no full scan.
 */
export function phraseHint(phrases: readonly string[]): RegExp {
  const list = phrases.map((p) => p.trim()).filter((p) => p.length > 0);
  if (list.length === 0) return /(?!)/u;
  return new RegExp(list.map((p) => escapeRegExp(p).replace(/\s+/g, '\\s+')).join('|'), 'iu');
}

/** One case-insensitive, unicode regex for a list of phrases (longest first), or null if empty. */
export function phraseRegex(phrases: readonly string[]): RegExp | null {
  const list = [...new Set(phrases.map((p) => p.trim()).filter((p) => p.length > 0))];
  if (list.length === 0) return null;
  list.sort((a, b) => b.length - a.length);
  return new RegExp(list.map(boundedSource).join('|'), 'giu');
}

const STOP = new Set(
  (
    'a an the and or but if then than so of to in on at by for with from into onto over under about as is are was were be been ' +
    "being am do does did done have has had having it its it's this that these those there here he him his she her hers they them " +
    'their theirs we us our ours you your yours i me my mine not no nor yes too very can could will would shall should may might must ' +
    'just only also still again even ever now up down out off away back what which who whom whose when where why how all any both ' +
    'each few more most other some such own same one ones like some into through while after before until because upon against ' +
    'between himself herself themselves yourself itself myself let lets get gets got go goes went come comes came say says said ' +
    'ask asks asked tell tells told make makes made take takes took know knows knew see sees saw look looks looked want wants thing things'
  ).split(/\s+/),
);

function stem(word: string): string {
  let w = word.endsWith("'s") || word.endsWith('’s') ? word.slice(0, -2) : word;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('es') && !w.endsWith('ses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w;
}

/** Content tokens: stemmed non-stop Latin words and CJK character bigrams (single chars for one-char runs). */
export function contentTokens(text: string): string[] {
  const out: string[] = [];
  // Most replies hold no CJK at all: then no word needs the test, and there are no runs.
  const cjk = CJK.test(text);
  for (const m of execAll(LATIN_WORD, text)) {
    const w = m[0].toLowerCase();
    if (cjk && CJK.test(w)) continue;
    if (w.length < 3 || STOP.has(w)) continue;
    const s = stem(w);
    if (!STOP.has(s)) out.push(s);
  }
  for (const m of cjk ? execAll(CJK_RUN, text) : []) {
    const run = m[0];
    if (run.length === 1) {
      out.push(run);
      continue;
    }
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/** Lower-cased word tokens with their offsets (Latin) or single characters (CJK), for n-grams. */
export interface Token {
  t: string;
  start: number;
  end: number;
}

// A dotted initialism ("A.L.I.C.E.", "U.S.", "e.g.", with its possessive) is one word, not a run of one-letter words: a
// character so named would otherwise make every mention of them a five-word phrase.
const INITIALISM = String.raw`(?<![\p{L}\p{N}])(?:\p{L}\.){2,}(?:['’]\p{L}+)?`;

const TOKEN = new RegExp(
  String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|${INITIALISM}|[\p{L}\p{N}][\p{L}\p{N}'’-]*`,
  'gu',
);

const FIRST_TOKEN = new RegExp(TOKEN.source, 'u');

/** The first of `tokens(text)`, lower-cased, without tokenizing the rest. */
export function firstToken(text: string): string | undefined {
  return FIRST_TOKEN.exec(text)?.[0].toLowerCase();
}

export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of execAll(TOKEN, text)) {
    const start = m.index ?? 0;
    out.push({ t: m[0].toLowerCase(), start, end: start + m[0].length });
  }
  return out;
}

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

// A sentence ends at terminal punctuation plus any closing quotes/asterisks, or at a blank line. The dots inside a dotted
// initialism do not end it, nor the one after it when a possessive or a lower-case word follows ("A.L.I.C.E.'s
// terminal", "A.L.I.C.E. says"); before a capital ("... to A.L.I.C.E. She turns") it may, as any full stop. Nor does the
// dot of a title before a name ("Dr. Malevola", "For Dr. M, this ..."), nor a decimal point ("1.3 seconds").
const DECIMAL = String.raw`(?<=\p{N})\.(?=\p{N})`;
const TITLE = String.raw`(?<=(?<![\p{L}\p{N}])(?:Mr|Mrs|Ms|Dr|Prof|Capt|Lt|Col|Gen|Sgt|Rev|St))\.(?=[ \t]+\p{Lu})`;
const SENTENCE = new RegExp(
  String.raw`(?:[^.!?。！？…\n]+|${DECIMAL}|${TITLE}|(?<=(?<![\p{L}\p{N}])(?:\p{L}\.)*\p{L})\.(?=\p{L}\.)|(?<=(?<![\p{L}\p{N}])(?:\p{L}\.)+\p{L})\.(?=['’]\p{L}|[ \t]+\p{Ll}))+(?:[.!?。！？…]+["'”’」』*)）]*|\n|$)`,
  'gu',
);

/**
 * Fenced blocks (```...```) blanked to spaces, offsets kept: a status bar or sheet that a card asks
 * for after every reply is a form filled in again, not wording repeated or a story standing still.
 */
export function blankFences(text: string): string {
  return text.includes('```') ? text.replace(/```[\s\S]*?```/g, (m) => m.replace(/[^\n]/g, ' ')) : text;
}

/** Sentences with offsets, trimmed, empty ones dropped. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const m of execAll(SENTENCE, text)) {
    const raw = m[0];
    if (raw.length === 0) continue;
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body.length === 0 || !/[\p{L}\p{N}]/u.test(body)) continue;
    const start = (m.index ?? 0) + lead;
    out.push({ text: body, start, end: start + body.length });
  }
  return out;
}

/** Offsets [start, end) of quoted dialogue: "..." “...” 「...」 『...』. */
export function quoteRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/"[^"\n]*"?|“[^”]*”?|「[^」]*」?|『[^』]*』?/gu)) {
    const start = m.index ?? 0;
    out.push([start, start + m[0].length]);
  }
  return out;
}

// Dialogue in single quotes, as much English prose writes it: a ' opening before a capital where no letter precedes it,
// closing after a stop or a comma where no letter follows ('I cannot comply,' he says). An apostrophe inside a word
// ("It's", "Ren's") neither opens nor closes one.
const SINGLE_QUOTED = /(?<![\p{L}\p{N}'])'(?=\p{Lu})(?:[^'\n]|(?<=\p{L})'(?=\p{L}))*?[.,!?…—–-]'(?![\p{L}\p{N}])/gu;

/** Offsets [start, end) of dialogue in single quotes ('Welcome,' she says), apostrophes left alone. */
export function singleQuoteRanges(text: string): Array<[number, number]> {
  if (!text.includes("'")) return [];
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(SINGLE_QUOTED)) {
    const start = m.index ?? 0;
    out.push([start, start + m[0].length]);
  }
  return out;
}

export function inRanges(pos: number, ranges: Array<[number, number]>): boolean {
  for (const [s, e] of ranges) if (pos >= s && pos < e) return true;
  return false;
}

/** Evidence for the match of a regex, with offsets into the original text. */
export function evidenceAt(text: string, start: number, end: number, why: string): CriticEvidence {
  return { start, end, text: text.slice(start, end), why };
}

/** Evidence covering the trimmed text (for whole-reply judgements). */
export function wholeEvidence(text: string, why: string): CriticEvidence {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return evidenceAt(text, start, Math.max(start, end), why);
}

/**
 * A result whose score falls by `penalty` per evidence item, floored at 0. `confidence` (0..1) says
 * how sure the critic is; below `SURE_CONFIDENCE` the finding is settled as a hint by `runCritics`.
 */
export function resultFrom(id: CriticId, evidence: CriticEvidence[], penalty = 0.35, confidence?: number): CriticResult {
  const score = Math.max(0, 1 - penalty * evidence.length);
  const result: CriticResult = { id, flagged: evidence.length > 0, score: round(score), evidence };
  if (evidence.length > 0 && confidence !== undefined) result.confidence = round(confidence);
  return result;
}

/** Findings below this confidence are hints: shown, counted apart, never a verdict. */
export const SURE_CONFIDENCE = 0.75;

/**
 * Settles a critic's finding: a flag the critic is not sure of becomes a hint, which keeps its
 * evidence and confidence for the debug pane but neither flags the reply nor lowers its score.
 */
export function settle(result: CriticResult): CriticResult {
  if (!result.flagged || result.confidence === undefined || result.confidence >= SURE_CONFIDENCE) return result;
  // Written out rather than spread with a new key (hint), which costs a hidden class per object on Node 20.
  return { id: result.id, flagged: false, score: 1, evidence: result.evidence, confidence: result.confidence, hint: true };
}

export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * `contentTokens` remembered for the last few texts: several critics read the same candidate's
 * content words in one pass (ignores-user, stagnation), and this computes them once.
 */
export const contentTokensOf = boundedMemo(16, contentTokens);

/*
 * The same for what several critics derive from one candidate (the raw and the repaired text, and
 * the recent replies): word tokens, sentences, quoted spans. The arrays are shared between the
 * critics that ask, so callers only read them.
 */
/** `tokens`, remembered for the last few texts (read-only: the array is shared). */
export const tokensOf = boundedMemo(8, tokens);
/** `sentences`, remembered for the last few texts (read-only: the array is shared). */
export const sentencesOf = boundedMemo(8, sentences);
/** `quoteRanges`, remembered for the last few texts (read-only: the array is shared). */
export const quoteRangesOf = boundedMemo(8, quoteRanges);

/** The last `n` narrator replies the cross-turn critics compare against. */
export function lastReplies(recent: readonly string[], n = 6): string[] {
  return recent.slice(Math.max(0, recent.length - n));
}

/** An echo is a short check-back; a longer question that happens to repeat the other's words still asks. */
const MAX_ECHO = 40;

/**
 * A question that only says back words the other side just wrote ("石像右眼？" after "石像右眼，三叩即开",
 * "Dinner?" after "Join me for dinner"): it checks what was said, it asks nothing new.
 */
export function echoes(question: string, said: string | undefined): boolean {
  if (!said) return false;
  const words = question
    .replace(/[?？]+["”'’」』*)）]*$/u, '')
    .replace(/^["“'‘「『*(（]+/u, '')
    .trim();
  return words.length >= 2 && words.length <= MAX_ECHO && said.toLowerCase().includes(words.toLowerCase());
}
