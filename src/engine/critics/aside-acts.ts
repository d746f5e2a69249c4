/**
 * A game master tells a party member's move in more shapes than a sentence opening on their name: after a clause
 * that sets the moment ("As Ronan charges, Elara rushes forward"), and through an aside between the name and the verb
 * ("Ronan, wounded and weary, throws himself in its path", "Alistair, having dispatched Silas, turns"). The verb must be
 * finite (told, "rushes", "threw"), not a bare form: "Elara, hold the line" is the game master speaking to her.
 */
import { ADVERB_EN, isAct } from './agency.js';
import { boundedMemo } from '../../text/memo.js';
import { execAll } from '../../text/regexp.js';

/** A match: where it starts and ends, the name (as written) and the verb. */
export interface AsideAct {
  start: number;
  end: number;
  name: string;
  verb: string;
}

/** `word` is an act in a told form: "rushes", "threw", not the bare "rush" or "throw" an order uses. */
export function toldAct(word: string, rest: string): boolean {
  const w = word.toLowerCase();
  return isAct(w, rest) && !isAct(`${w}s`) && !isAct(`${w}es`);
}

// An aside between the subject and its verb: a participle phrase or a few describing words, with no clause of its
// own (no stop, no quote, no colon, no second comma) and no "you" (a vocative: "Elara, as you focus, you ...").
const ASIDE = String.raw`,\s+(?![^,]*\byou\b)[^,.!?;:"“”*()\n]{3,60},`;

// One pattern per party or player (a handful in a session), by the names' sources joined.
const patternFor = boundedMemo(
  64,
  (key: string) => new RegExp(`(?<=,\\s+)(${key})${ADVERB_EN}\\s+(\\p{L}+)|\\b(${key})${ASIDE}${ADVERB_EN}\\s+(\\p{L}+)`, 'gu'),
);

/**
 * The clauses of `text` in which one of `names` (regex sources, longest first) acts in a told form, after a comma
 * ("..., Name rushes") or with an aside ("Name, wounded, throws"). The caller checks the narration and what was declared.
 */
export function asideActs(text: string, names: readonly string[]): AsideAct[] {
  if (names.length === 0) return [];
  const out: AsideAct[] = [];
  for (const m of execAll(patternFor(names.join('|')), text)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const [name, verb] = m[1] !== undefined ? [m[1], m[2] ?? ''] : [m[3] ?? '', m[4] ?? ''];
    if (!toldAct(verb, text.slice(end, end + 12))) continue;
    out.push({ start, end, name, verb });
  }
  return out;
}
