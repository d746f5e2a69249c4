/**
 * Whether an English noun phrase taken from the player's words or the pack ("the glass trees",
 * "the mother's letters") is plural, so a template can say "What are the glass trees to you?"
 * and "Whenever the letters come up". Read from the head noun, the last word of the phrase.
 */

const PLURAL = new Set([
  'people',
  'men',
  'women',
  'children',
  'feet',
  'teeth',
  'geese',
  'mice',
  'police',
  'cattle',
  'folk',
  'these',
  'those',
  'oxen',
  'dice',
]);
const SINGULAR_S = new Set([
  'news',
  'series',
  'species',
  'physics',
  'mathematics',
  'politics',
  'lens',
  'gas',
  'bus',
  'yes',
  'this',
  'its',
  'his',
  'hers',
  'always',
  'perhaps',
  'was',
  'does',
  'chaos',
  'canvas',
  'atlas',
  'bias',
  'iris',
  'christmas',
]);

/** True for "the glass trees", "the Keepers", "her letters"; false for "the glass", "the mill", "Ossath". */
export function isPlural(phrase: string): boolean {
  const words = phrase
    .trim()
    .replace(/[^\p{L}'’\s-]+$/u, '')
    .split(/\s+/);
  const head = (words[words.length - 1] ?? '').replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const lower = head.toLowerCase();
  if (lower.length < 3 || /['’]s$/.test(lower)) return false;
  if (PLURAL.has(lower)) return true;
  if (SINGULAR_S.has(lower)) return false;
  // A single capitalised word is a name ("Harrowgate", "Moss"); a name after "the" may be a people ("the Keepers").
  if (words.length === 1 && /^\p{Lu}/u.test(head)) return false;
  return /[^su]s$/.test(lower) && !/(ss|us|is|ous)$/.test(lower);
}

/** "is" or "are" for a phrase. */
export function be(phrase: string): 'is' | 'are' {
  return isPlural(phrase) ? 'are' : 'is';
}
