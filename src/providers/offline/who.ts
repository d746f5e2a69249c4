/**
 * "Who is Ilsa?" asks about a person, and the pack already says who she is: the first sentence of
 * her description ("A widow in her forties, moneylender to half of Dunmarrow"), told as a sentence
 * about her ("Ilsa Morrow is a widow in her forties, ..."), the player as "you". Lore about the
 * town answers a question about the town, not this one.
 */
import type { Character, WorldPack } from '../../world/types.js';
import { resolveMacros } from '../../engine/macros.js';
import { namesOf } from '../../engine/planner/actors.js';
import { escapeRegExp } from '../../text/regexp.js';
import { splitSentences } from '../../text/sentences.js';

/** The character a "who is X?" question asks about, if any. */
export function whoIsAsked(text: string, pack: WorldPack): Character | undefined {
  const matches = pack.characters.flatMap((c) =>
    namesOf(c)
      .filter((name) => {
        const n = escapeRegExp(name);
        if (/\p{Script=Han}/u.test(name)) return new RegExp(`${n}(?:到底|究竟)?是(?:谁|什么人|何人|哪位)|谁是${n}`, 'u').test(text);
        return new RegExp(`\\bwho(?:['’]s|\\s+is|\\s+was)\\s+${n}(?![\\p{L}\\p{N}'’])`, 'iu').test(text);
      })
      .map((name) => ({ c, length: name.length })),
  );
  // "Who is Ilsa Morrow?" names Ilsa by her full name: the longest name asked wins.
  return matches.sort((a, b) => b.length - a.length)[0]?.c;
}

/** Clauses kept of a long first sentence: a description, not the character's whole story. */
const MAX_WORDS = 28;

/**
 * Who `character` is, in one sentence from their description, or '' when it gives none. `player`
 * is the player's name: "Tamsin's older brother" becomes "your older brother".
 */
export function describe(character: Character, player: string, cjk: boolean): string {
  const persona = resolveMacros(character.persona, { user: player, char: character.name }).trim();
  let first = splitSentences(persona)[0]?.trim() ?? '';
  if (!first) return '';
  if (cjk) {
    const clauses = first.replace(/[。！]$/, '').split('，');
    first = clauses.slice(0, 3).join('，');
    if (player) first = first.split(`${player}的`).join('你的').split(player).join('你');
    return first.startsWith(character.name) ? `${first}。` : `${character.name}是${first}。`;
  }
  first = first.replace(/[.!]+$/, '');
  // Cut at a comma once the sentence is long enough: the rest is a biography.
  const words = first.split(/\s+/);
  if (words.length > MAX_WORDS) {
    let cut = '';
    for (const clause of first.split(/(?<=,)\s+/)) {
      if (cut && (cut + clause).split(/\s+/).length > MAX_WORDS) break;
      cut = cut ? `${cut} ${clause}` : clause;
    }
    first = cut.replace(/,$/, '');
  }
  if (player) {
    const p = escapeRegExp(player);
    first = first.replace(new RegExp(`\\b${p}['’]s\\b`, 'g'), 'your').replace(new RegExp(`\\b${p}\\b`, 'g'), 'you');
  }
  const names = namesOf(character);
  // "She keeps the orchard" or "Wren runs the mill" already says who; "A widow in her forties" needs its subject.
  if (names.some((n) => first.startsWith(n))) return `${first}.`;
  const pronoun = /^(?:she|he)\s+/i.exec(first);
  if (pronoun) return `${character.name} ${first.slice(pronoun[0].length)}.`;
  const lowered = /^(?:A|An|The)\b/.test(first) ? first.charAt(0).toLowerCase() + first.slice(1) : first;
  return `${character.name} is ${lowered}.`;
}
