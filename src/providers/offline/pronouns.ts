/**
 * Which pronoun the narration may use for a character, read from what the pack says about them:
 * the pronouns and gendered nouns of their persona ("a widow", "Tamsin's older brother") and what
 * the other characters and the player call them in their relations. When the pack does not say,
 * the answer is '' and the templates fall back to phrasings that need no pronoun.
 */
import type { Character, WorldPack } from '../../world/types.js';

export type Pronoun = 'he' | 'she' | 'they' | '';

const SHE_NOUN =
  /\b(widow|sister|daughter|mother|mum|mom|wife|woman|girl|aunt|niece|queen|princess|lady|grandmother|granddaughter|grandma|bride|mistress|matron|nun|duchess|countess|empress|heiress|landlady|hostess|waitress|actress|widowed mother)\b/gi;
const HE_NOUN =
  /\b(widower|brother|son|father|dad|husband|man|boy|uncle|nephew|king|prince|lord|grandfather|grandson|grandpa|groom|monk|duke|count|emperor|heir|landlord|host|waiter|actor)\b/gi;
const SHE_WORD = /\b(she|her|hers|herself)\b/gi;
const HE_WORD = /\b(he|him|his|himself)\b/gi;
const THEY_SELF = /\b(they\/them|non-?binary|themself)\b/i;
const SHE_ZH = /(她|女儿|姐姐|妹妹|母亲|娘|妻子|寡妇|老板娘|姑娘|女子|奶奶|婆婆|夫人)/g;
const HE_ZH = /(他(?!们)|儿子|哥哥|弟弟|父亲|爹|丈夫|书生|少年|爷爷|公子|男人)/g;

function count(text: string, re: RegExp): number {
  return (text.match(re) ?? []).length;
}

/** Gendered nouns that describe the character: "her husband" or "my sister" describe someone else. */
function countNouns(text: string, re: RegExp): number {
  let n = 0;
  for (const m of text.matchAll(re)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 24), m.index).toLowerCase();
    if (!/\b(his|her|their|my|your|its|our)\s+([a-z-]+\s+)?$/.test(before)) n += 1;
  }
  return n;
}

/**
 * The pronoun for `character`, or '' when the pack gives no clear sign. The persona counts most;
 * relations others hold toward the character ("older brother") count as gendered nouns about them.
 */
export function pronounOf(character: Character, pack: WorldPack): Pronoun {
  if (THEY_SELF.test(character.persona)) return 'they';
  const about = [
    character.persona,
    ...pack.characters.filter((c) => c.id !== character.id).map((c) => c.relations[character.id] ?? ''),
    pack.player.relations?.[character.id] ?? '',
  ];
  // Relations a character holds toward others describe the others, so they are not read; the
  // persona's first sentences describe the character, and its pronouns mostly refer to them.
  let she = 0;
  let he = 0;
  for (const [i, text] of about.entries()) {
    // A relation names the character by a noun ("older brother") once: weigh it like a pronoun run.
    const nounWeight = i === 0 ? 2 : 3;
    she += countNouns(text, SHE_NOUN) * nounWeight + (i === 0 ? count(text, SHE_WORD) : 0) + count(text, SHE_ZH) * (i === 0 ? 2 : 1);
    he += countNouns(text, HE_NOUN) * nounWeight + (i === 0 ? count(text, HE_WORD) : 0) + count(text, HE_ZH) * (i === 0 ? 2 : 1);
  }
  // Quirks are written about the character ("taps her ledger"): a last, weaker sign.
  const quirks = character.quirks.join(' ');
  she += count(quirks, SHE_WORD) * 0.5;
  he += count(quirks, HE_WORD) * 0.5;
  if (she > he && she >= 1) return 'she';
  if (he > she && he >= 1) return 'he';
  return '';
}

/** The possessive for a pronoun: "his", "her", "their", or '' when unknown. */
export function possessive(p: Pronoun): string {
  return p === 'he' ? 'his' : p === 'she' ? 'her' : p === 'they' ? 'their' : '';
}
