/**
 * A killing named in one word, "decapitates", "disembowels", is the gore lexicon's word, but a teen story (a film
 * rated for teenagers) may name a blow that kills a monster so long as it does not show it. Named alone, with nothing
 * of the body shown in its sentence or the next (blood, flesh, bone, a head rolling), the word is not sure gore at the
 * teen rating: a hint. Shown, or at the general rating, it is a flag as before.
 */

// The lexicon's words that name an act of killing rather than show its result.
const NAMED = /^(?:decapitat\p{L}*|disembowel\p{L}*|eviscerat\p{L}*)$/iu;

// The body shown: blood and what flows, flesh, bone, organs, a head or limb severed or rolling.
const SHOWN =
  /\b(?:blood\w*|bled|bleed\w*|gore|gory|flesh|bones?|guts|entrails|innards|organs?|viscera|spine|stump|sinew|spurt\w*|spray\w*|splatter\w*|gush\w*|severed|rolls?|rolling|spill\w*)\b|血|肉|骨|内脏/iu;

/** The matched lexicon word names a killing (not a gory sight). */
export function namesKilling(word: string): boolean {
  return NAMED.test(word);
}

/** Something of the body is shown within the sentence of `at` and the one after it. */
export function goreShown(text: string, at: number): boolean {
  const before = text.slice(0, at);
  const start = Math.max(before.search(/[^.!?。！？]*$/u), 0);
  const after = text.slice(at);
  const stops = [...after.matchAll(/[.!?。！？]+/gu)];
  const end = stops.length > 1 ? at + (stops[1].index ?? after.length) : text.length;
  return SHOWN.test(text.slice(start, end));
}
