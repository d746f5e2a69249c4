import type { CriticEvidence, CriticResult } from '../types.js';
import type { WorldPack } from '../../world/types.js';
import type { CriticContext } from './context.js';
import { ANACHRONISMS } from './anachronism-lexicon.js';
import { lawEra } from './law-era.js';
import { compilePack } from './pack-cache.js';
import { packVocabulary } from './pack-vocabulary.js';
import { CJK, evidenceAt, phraseHint, phraseRegex, resultFrom, sentencesOf } from './text.js';
import { execAll } from '../../text/regexp.js';

/** Years past a law's era before an anachronism is sure rather than a hint (dates are fuzzy). */
const SURE_AFTER = 30;

interface EraLaw {
  id: string;
  era: number;
  sure: RegExp | null;
  unsure: RegExp | null;
  /** `phraseHint` of both lists: a text it does not match holds no word of either. */
  hint: RegExp;
  years: Map<string, number>;
}

const eraLaws = new WeakMap<WorldPack, EraLaw[]>();

function formatYear(year: number): string {
  return year < 0 ? `${-year} BC` : String(year);
}

/**
 * Era laws of a pack with the anachronisms their own text implies: words for things that came
 * after the era, minus the law's forbid list (checked on its own) and the words the pack itself
 * uses (a pack may well have a photograph in its 1830s setting).
 */
function compileEraLaws(pack: WorldPack): EraLaw[] {
  const hit = eraLaws.get(pack);
  if (hit) return hit;
  const vocabulary = packVocabulary(pack);
  const out: EraLaw[] = [];
  for (const law of pack.laws) {
    const era = lawEra(law.text);
    if (era === null) continue;
    const forbidden = new Set(law.forbid.map((f) => f.trim().toLowerCase()));
    const sure: string[] = [];
    const unsure: string[] = [];
    const years = new Map<string, number>();
    for (const entry of ANACHRONISMS) {
      if (entry.year <= era) continue;
      for (const word of entry.words) {
        const w = word.toLowerCase();
        if (forbidden.has(w) || vocabulary.words.has(w) || (CJK.test(w) && vocabulary.cjkText.includes(w))) continue;
        (entry.sure && entry.year > era + SURE_AFTER ? sure : unsure).push(word);
        years.set(w, entry.year);
      }
    }
    out.push({ id: law.id, era, sure: phraseRegex(sure), unsure: phraseRegex(unsure), hint: phraseHint([...sure, ...unsure]), years });
  }
  eraLaws.set(pack, out);
  return out;
}

// The speaker does not know the word: "this 'Python' you speak of", "what is a movie?",
// "I have never heard of ...", 你说的“手机”是何物.
const INCOMPREHENSION =
  /\b(?:not familiar with|unfamiliar with|never heard (?:of|the word)|know(?:s)? not (?:what|of)|do(?:es)?(?:n['’]t| not) know (?:what|of)|what (?:is|are|be) (?:this|these|that|a|an|the|your)\b|what manner of|you speak of|you call|you mention(?:ed)?|you (?:keep )?(?:saying|say)|strange word|I do not understand)\b|何物|何为|是什么|什么是|什么叫|从未听(?:说|过)|没听说过|闻所未闻|未曾听闻|你(?:所)?说的|不知(?:道)?(?:何为|什么是)/iu;
const QUOTE_OPEN = /["“‘'「『]\s*$/u;
const QUOTE_CLOSE = /^[.,!?;:。，！？]?\s*["”’'」』]/u;

/**
 * A word the character quotes back or asks about, taken from what the player just said: a
 * mention, not a use. "Ah, Python, such a fine language" uses it; "this 'Python' you speak of"
 * does not.
 */
function isMention(text: string, start: number, end: number, ctx: CriticContext): boolean {
  const word = text.slice(start, end).toLowerCase();
  if (!ctx.playerInput.toLowerCase().includes(word)) return false;
  if (QUOTE_OPEN.test(text.slice(Math.max(0, start - 3), start)) && QUOTE_CLOSE.test(text.slice(end, end + 3))) return true;
  const sentence = sentencesOf(text).find((s) => s.start <= start && end <= s.end);
  if (!sentence) return false;
  return INCOMPREHENSION.test(sentence.text) || isEchoQuestion(sentence.text);
}

/** "A telephone?", "手机？": the player's word asked back in a question of a few words. */
function isEchoQuestion(sentence: string): boolean {
  const body = sentence.replace(/["'“”‘’「」『』*]/gu, '').trim();
  if (!/[?？]$/u.test(body)) return false;
  const cjk = body.match(/[\p{Script=Han}]/gu)?.length ?? 0;
  return cjk > 0 ? cjk <= 6 : body.split(/\s+/).length <= 4;
}

function collect(text: string, regex: RegExp, ctx: CriticContext, why: (word: string) => string): CriticEvidence[] {
  const out: CriticEvidence[] = [];
  regex.lastIndex = 0;
  for (const m of execAll(regex, text)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (isMention(text, start, end, ctx)) continue;
    out.push(evidenceAt(text, start, end, why(m[0])));
  }
  return out;
}

/**
 * A word from a law's `forbid` list, case-insensitive on word boundaries, unless the character
 * only quotes it back or asks what it is; and, for a law that puts the story before some time,
 * words for things that came later (sure when clearly later, a hint when the dates are close or
 * the word has an older sense). Names the law broken.
 */
export function lawViolation(text: string, ctx: CriticContext): CriticResult {
  const sure: CriticEvidence[] = [];
  const hints: CriticEvidence[] = [];
  for (const law of compilePack(ctx.pack).laws) {
    if (law.hint.test(text)) sure.push(...collect(text, law.regex, ctx, () => `breaks law "${law.id}": ${law.text}`));
  }
  for (const law of compileEraLaws(ctx.pack)) {
    if (!law.hint.test(text)) continue;
    const why = (word: string): string =>
      `"${word}" (from about ${formatYear(law.years.get(word.toLowerCase()) ?? law.era)}) is later than the era of law "${law.id}" (${formatYear(law.era)})`;
    if (law.sure) sure.push(...collect(text, law.sure, ctx, why));
    if (law.unsure) hints.push(...collect(text, law.unsure, ctx, why));
  }
  if (sure.length > 0)
    return resultFrom(
      'law-violation',
      sure.sort((a, b) => a.start - b.start),
      0.5,
      0.9,
    );
  return resultFrom('law-violation', hints, 0.5, 0.55);
}
