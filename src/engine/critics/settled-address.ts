/**
 * "you" in a sentence that only reports what is already done, or says the player's own move back, for no-hook. The
 * player spoken to is a hook when the sentence turns to them now: a question, a danger facing them, someone acting on
 * them, a choice or a threat to come. A result reported in the perfect ("You've acquired fifty sacks of salt.", "The
 * master has granted you a discount.") closes the matter it speaks of, and their own move told back ("as you ask about
 * work") is what they did: neither hands them anything to take up, as a flat answer does not.
 */
import { contentTokensOf } from './text.js';

// A result of the player's dealings in the perfect: "you have/you've" + a participle of getting, giving, spending,
// winning or losing, finishing or choosing ("You've acquired the salt", "You have made real strides", "you've chosen
// the shortcut"), or a transfer done to the player ("has granted you", "has paid you"). An adverb may stand between.
// Other perfects are left alone: a find or an arrival ("You've found a door") puts something new before the player, a
// change in them ("You've changed") is a remark they may answer, and someone acting on them ("the guards have spotted
// you") is a danger.
const PERFECT =
  /\byou(?:['’]ve|\s+have)\s+(?:(?:already|now|just|finally|successfully|truly|clearly|indeed|certainly|well)\s+)?(?:acquired|bought|purchased|sold|traded|earned|gained|received|obtained|collected|secured|spent|paid|donated|given|lost|won|failed|completed|finished|accomplished|achieved|made|proven|proved|passed|chosen|decided|accepted|settled|struck|sealed|helped|saved)\b|\b(?:has|have)\s+(?:(?:already|now|just|finally|kindly|generously)\s+)?(?:granted|given|awarded|rewarded|paid|sold|handed|bestowed|credited|charged|returned|refunded)\s+(?:upon\s+)?(?:you|your)\b/i;

// Anything still to come or still open in the same sentence: a modal or the future, a condition, a time still ahead, a
// question or an exclamation of address, the present acting on the player ("eyes you", "hands you").
const PENDING =
  /\b(?:will|shall|won['’]t|can|cannot|can['’]t|could|may|might|must|should|would|need|let|if|unless|until|when|yet|now|next|soon|going\s+to)\b|['’](?:ll|d)\b|[?？]|\b[a-z]+s\s+(?:you|your)\b/i;

/** The sentence speaks to the player only to report something done: a perfect result, nothing pending. */
export function reportsDone(sentence: string): boolean {
  return PERFECT.test(sentence) && !PENDING.test(sentence.replace(PERFECT, ' '));
}

// "you" as the subject of a clause that opens the sentence or follows a conjunction ("as you ask about work", "and you
// pay the toll"), and the clause it heads, to the next stop or comma.
const YOU_CLAUSE =
  /(?:^|[,;—–]\s*|\b(?:as|while|when|and|then|after|once)\s+)you\s+(?!(?:are|were|will|shall|can|could|may|might|must|should|would|need|have|had|do|did)\b)([a-z]+\b[^,.;!?—–]*)/gi;
const YOU_ANY = /\b(?:you|your|yours|yourself)\b/gi;

/**
 * Every "you" of the sentence heads a clause that says the player's own move back ("He listens intently as you inquire
 * about work" after "I ask the innkeeper about work"): the player is told what they did, not turned to. The clause must
 * share a content word with their message, past its verb.
 */
export function restatesMove(sentence: string, input: string): boolean {
  const said = new Set(contentTokensOf(input));
  if (said.size === 0) return false;
  const clauses = [...sentence.matchAll(YOU_CLAUSE)];
  const yous = sentence.match(YOU_ANY)?.length ?? 0;
  if (clauses.length === 0 || clauses.length !== yous) return false;
  return clauses.every((m) => contentTokensOf(m[1].replace(/^[a-z]+/i, '')).some((w) => said.has(w)));
}
