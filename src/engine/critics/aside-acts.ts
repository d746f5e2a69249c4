/**
 * A game master tells a party member's move in more shapes than a sentence opening on their name: after a clause
 * that sets the moment ("As Ronan charges, Elara rushes forward"), and through an aside between the name and the verb
 * ("Ronan, wounded and weary, throws himself in its path", "Alistair, having dispatched Silas, turns"). The verb must be
 * finite (told, "rushes", "threw"), not a bare form: "Elara, hold the line" is the game master speaking to her.
 */
import { ADVERB_EN, isAct } from './agency.js';
import { boundedMemo } from '../../text/memo.js';
import { execAll } from '../../text/regexp.js';
import { clauseStart } from './who.js';

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

/** A clause in which one of the names acts through a body part, or opens a clause that "as", "when" or "while" sets. */
export interface ClauseAct extends AsideAct {
  /** The clause is set by "as", "when", "while" or "once": it may carry on a move already declared. */
  subordinate: boolean;
}

// A hand, a finger, a fist, a foot that the one named moves: "Elara's fingers brush the crystal" is Elara touching it.
const PART = '(?:hands?|fingers?|fists?|arms?|feet|foot|legs?|palms?)';
const SUBORDINATE = '(?:As|When|While|Once|as|when|while|once)';
// A part shaking or trembling is a body's, not a decision.
const INVOLUNTARY = /^(?:shake|shakes|shook)$/iu;
const partFor = boundedMemo(
  64,
  (key: string) =>
    new RegExp(
      `(?:\\b(${SUBORDINATE})\\s+(${key})|${clauseStart(`(${key})`)})['’]s\\s+${PART}${ADVERB_EN}\\s+(\\p{L}+)|\\b(${SUBORDINATE})\\s+(${key})${ADVERB_EN}\\s+(\\p{L}+)`,
      'gu',
    ),
);

/**
 * The clauses of `text` in which one of `names` acts through a body part ("Elara's hand reaches for the lever", at a
 * clause start or after "as") or in a clause set by "as", "when", "while" or "once" ("while Alistair puts a bullet in
 * the second"). The caller checks the narration, what was declared and how sure a set clause is.
 */
export function clauseActs(text: string, names: readonly string[]): ClauseAct[] {
  if (names.length === 0) return [];
  const out: ClauseAct[] = [];
  for (const m of execAll(partFor(names.join('|')), text)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const part = m[7] === undefined;
    const [name, verb] = part ? [m[2] ?? m[3] ?? '', m[4] ?? ''] : [m[6] ?? '', m[7] ?? ''];
    if (!isAct(verb, text.slice(end, end + 12)) || (part && INVOLUNTARY.test(verb))) continue;
    out.push({ start, end, name, verb, subordinate: !part || m[1] !== undefined });
  }
  return out;
}
