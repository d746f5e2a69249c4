import type { CriticEvidence, CriticResult } from '../types.js';
import type { WorldPack } from '../../world/types.js';
import type { CriticContext } from './context.js';
import { namesLanguage } from './asked-language.js';
import { identifyLanguage, knownLanguage, primaryLanguage } from './language-id.js';
import { packVocabulary, type PackVocabulary } from './pack-vocabulary.js';
import { COMMON_WORDS, SCRIPTS, runRegex, scriptsOf } from './story-scripts.js';
import { languageName } from '../prompt/locale.js';
import { evidenceAt, resultFrom, sentencesOf } from './text.js';
import { execAll } from '../../text/regexp.js';

/** Confidence of a switch the critic is sure of, and of one that may be a name or a loanword. */
const SURE = 0.9;
const UNSURE = 0.5;
/** A sentence needs this many words outside the story's common words before the detector runs. */
const MIN_UNKNOWN = 3;
/** Words in a detected sentence, and the detector's lead over the story language, for a sure flag. */
const SURE_WORDS = 4;
const SURE_MARGIN = 0.1;

interface StoryProfile {
  language: string;
  latin: boolean;
  /** Runs of letters in scripts the story's language does not use. */
  foreign: RegExp;
  common: ReadonlySet<string> | undefined;
  /** Whether the detector knows the story's language (else only scripts are compared). */
  detectable: boolean;
}

const profiles = new WeakMap<WorldPack, StoryProfile>();
const memo = new WeakMap<WorldPack, Map<string, Judged>>();
// Small on purpose: it serves the repeats within one turn (raw and repaired candidates), not a replay.
const MEMO_SIZE = 8;

function profileOf(pack: WorldPack): StoryProfile {
  const hit = profiles.get(pack);
  if (hit) return hit;
  const language = primaryLanguage(pack.language);
  const own = scriptsOf(language);
  const profile: StoryProfile = {
    language,
    latin: own.has('Latin'),
    foreign: runRegex(SCRIPTS.filter((s) => !own.has(s))),
    common: COMMON_WORDS[language],
    detectable: knownLanguage(language),
  };
  profiles.set(pack, profile);
  return profile;
}

// Anything but Latin letters, combining marks, general punctuation, symbols and variation selectors.
const BEYOND_LATIN = /(?![\uFE00-\uFE0F])[^\u0000-\u036F\u1E00-\u1EFF\u2000-\u2BFF]/;
const CJK_RUN = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+$/u;
const LATIN = /\p{Script=Latin}/u;
const ROMAN = /^[ivxlcdm]+$/;
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’]*/gu;
// Capitalised, CamelCase, ALL-CAPS or with a digit: the shape of a name, brand or title.
const NAME_SHAPE = /^\p{Lu}|\p{N}/u;

const EVERYDAY = new Set([
  ...(COMMON_WORDS.en ?? []),
  ...'sorry okay ok hello hi bye goodbye thanks thank please wow oops yeah nope cool nice fine great really'.split(' '),
]);

function bare(word: string): string {
  return word.toLowerCase().replace(/['’]s$/, '');
}

/** Words of a run that the pack does not use itself (names, roman numerals and digits aside). */
function strangers(run: string, vocabulary: PackVocabulary): string[] {
  const out: string[] = [];
  for (const m of execAll(WORD, run)) {
    const w = bare(m[0]);
    if (vocabulary.words.has(w) || ROMAN.test(w) || /^\p{N}+$/u.test(w)) continue;
    out.push(m[0]);
  }
  return out;
}

/**
 * A run in a script the story does not use. CJK counts in characters (a run the pack's own text
 * contains is the pack's), other scripts in words; a single word or one or two characters may be
 * a name, so it is only a hint. Latin runs in a story written in another script are names,
 * brands and titles when they have that shape, and a switch when they run to three words.
 */
function judgeRun(run: string, profile: StoryProfile, vocabulary: PackVocabulary): 'sure' | 'hint' | null {
  if (CJK_RUN.test(run)) {
    if (vocabulary.cjkText.includes(run)) return null;
    return [...run].length >= 3 ? 'sure' : 'hint';
  }
  const words = strangers(run, vocabulary);
  if (words.length === 0) return null;
  if (LATIN.test(run) && !profile.latin) {
    // Capitalised common words ("Sorry", "Thanks") are speech, not names.
    const named = words.every((w) => NAME_SHAPE.test(w) && !EVERYDAY.has(w.toLowerCase()));
    if (named) return words.length >= 3 ? 'hint' : null;
    return words.length >= 3 ? 'sure' : 'hint';
  }
  return words.length >= 2 ? 'sure' : 'hint';
}

/**
 * A sentence of the story's script in another language (German in an English story): only
 * sentences with at least three words that are neither the pack's nor the story language's
 * commonest, and few of the story language's function words, go to the detector, with the
 * pack's names taken out.
 */
const enum Kind {
  /** Not a Latin-script word. */
  Other,
  Common,
  /** A word the pack uses; a capitalised one is a name, left out of what the detector reads. */
  PackWord,
  PackName,
  /** Capitalised and unknown: a name unless it opens the sentence. */
  Capitalised,
  Unknown,
}

// Word kinds per story profile: a reply's words repeat across candidates and turns.
const kinds = new WeakMap<StoryProfile, Map<string, Kind>>();
const KINDS_SIZE = 20000;

function wordKind(raw: string, profile: StoryProfile, vocabulary: PackVocabulary): Kind {
  let memo = kinds.get(profile);
  if (!memo) kinds.set(profile, (memo = new Map<string, Kind>()));
  const hit = memo.get(raw);
  if (hit !== undefined) return hit;
  let kind: Kind;
  const w = bare(raw);
  if (!LATIN.test(raw)) kind = Kind.Other;
  else if (profile.common?.has(w) || profile.common?.has(raw.toLowerCase())) kind = Kind.Common;
  else if (vocabulary.words.has(w)) kind = NAME_SHAPE.test(raw) ? Kind.PackName : Kind.PackWord;
  else if (NAME_SHAPE.test(raw) && profile.common) kind = Kind.Capitalised;
  else kind = Kind.Unknown;
  if (memo.size >= KINDS_SIZE) memo.clear();
  memo.set(raw, kind);
  return kind;
}

interface SentenceVerdict {
  verdict: 'sure' | 'hint';
  /** The language the detector placed the sentence in. */
  language: string;
}

function judgeSentence(sentence: string, profile: StoryProfile, vocabulary: PackVocabulary): SentenceVerdict | null {
  let total = 0;
  let unknown = 0;
  let common = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(sentence); m; m = WORD.exec(sentence)) {
    const kind = wordKind(m[0], profile, vocabulary);
    if (kind === Kind.Other) continue;
    total++;
    if (kind === Kind.Common) common++;
    else if (kind === Kind.Unknown || (kind === Kind.Capitalised && m.index === 0)) unknown++;
  }
  // The story language's function words make up a third of its sentences; a fifth is already rare.
  if (unknown < MIN_UNKNOWN || unknown * 2 < total || common * 5 >= total) return null;
  const kept = [...execAll(WORD, sentence)].map((m) => m[0]).filter((w) => wordKind(w, profile, vocabulary) !== Kind.PackName);
  const guess = identifyLanguage(kept.join(' '), profile.language);
  if (!guess.language || guess.language === profile.language) return null;
  const verdict = guess.reliable && guess.margin >= SURE_MARGIN && unknown >= SURE_WORDS ? 'sure' : 'hint';
  return { verdict, language: guess.language };
}

/** A reply's findings before the player's message is read: sure sentences keep the language they were placed in. */
interface Judged {
  sure: CriticEvidence[];
  hints: CriticEvidence[];
  languages: Map<CriticEvidence, string>;
}

function judge(text: string, ctx: CriticContext): Judged {
  const profile = profileOf(ctx.pack);
  const vocabulary = packVocabulary(ctx.pack);
  const sure: CriticEvidence[] = [];
  const hints: CriticEvidence[] = [];
  const languages = new Map<CriticEvidence, string>();
  // "written in English", not "in a en story": the player reads this in the debug pane.
  const language = languageName(ctx.pack.language);
  // Most replies to a Latin-script story hold no letter beyond Latin: skip the script scan then.
  const scan = !profile.latin || BEYOND_LATIN.test(text);
  for (const m of scan ? execAll(profile.foreign, text) : []) {
    const verdict = judgeRun(m[0], profile, vocabulary);
    if (!verdict) continue;
    const start = m.index ?? 0;
    const script = LATIN.test(m[0]) ? 'Latin text' : 'another script';
    const why =
      verdict === 'sure'
        ? `${script} in a story written in ${language}`
        : `${script} in a story written in ${language} (may be a name or loanword)`;
    (verdict === 'sure' ? sure : hints).push(evidenceAt(text, start, start + m[0].length, why));
  }
  if (profile.latin && profile.detectable) {
    for (const s of sentencesOf(text)) {
      if (sure.some((e) => e.start < s.end && e.end > s.start)) continue;
      const found = judgeSentence(s.text, profile, vocabulary);
      if (!found) continue;
      const sureOne = found.verdict === 'sure';
      const evidence = evidenceAt(
        text,
        s.start,
        s.end,
        sureOne ? `a sentence not in ${language}` : `a sentence that may not be in ${language}`,
      );
      (sureOne ? sure : hints).push(evidence);
      if (sureOne) languages.set(evidence, found.language);
    }
  }
  return { sure, hints, languages };
}

/**
 * Settles the findings against the player's message: a sentence in a language the player named
 * ("Translate it into Spanish") answers the request, so it is only a hint.
 */
function settle(judged: Judged, ctx: CriticContext): CriticResult {
  const story = profileOf(ctx.pack).language;
  const sure: CriticEvidence[] = [];
  const hints = [...judged.hints];
  for (const e of judged.sure) {
    const language = judged.languages.get(e);
    if (language && namesLanguage(ctx.playerInput, language, story)) hints.push({ ...e, why: `${e.why} (the player asked for it)` });
    else sure.push({ ...e });
  }
  if (sure.length > 0) return resultFrom('mixed-language', sure, 0.4, SURE);
  return resultFrom('mixed-language', hints, 0.4, UNSURE);
}

/**
 * Text in another language than the story's: runs in a script the story's language does not use
 * (beyond the pack's own names and words), and sentences of the same script that a language
 * detector places in another language. Names, brands and one- or two-word phrases are at most hints,
 * and so is a sentence in a language the player's message names.
 */
export function mixedLanguage(text: string, ctx: CriticContext): CriticResult {
  let cache = memo.get(ctx.pack);
  if (!cache) memo.set(ctx.pack, (cache = new Map<string, Judged>()));
  let judged = cache.get(text);
  if (!judged) {
    judged = judge(text, ctx);
    const oldest = cache.size >= MEMO_SIZE ? cache.keys().next() : undefined;
    if (oldest && !oldest.done) cache.delete(oldest.value);
    cache.set(text, judged);
  }
  return settle(judged, ctx);
}
