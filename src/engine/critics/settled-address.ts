/**
 * "you" in a sentence that only reports what is already done, for no-hook. The player spoken to is a hook when the
 * sentence turns to them now: a question, a danger facing them, someone acting on them, a choice or a threat to come.
 * A result reported in the perfect ("You've acquired fifty sacks of salt.", "The master has granted you a discount.")
 * closes the matter it speaks of: it hands the player nothing to take up, as a flat answer does.
 */

// A perfect: "you have/you've" + a participle (not possession: "You have a key", "You have 5 S left", nor "have to"),
// or a transfer done to the player ("has granted you", "has paid you"). An adverb may stand between. A find, an
// arrival or something noticed ("You've found a door", "You have reached the gate") and a passive ("You have been
// summoned") put something new before the player, and someone acting on them otherwise ("the guards have spotted you")
// is a danger: none of them is read.
const PERFECT =
  /\byou(?:['’]ve|\s+have)\s+(?:(?:already|now|just|finally|successfully|truly|clearly|indeed|certainly|well)\s+)?(?!(?:a|an|the|no|one|two|three|some|any|much|many|more|little|few|every|my|your|his|her|its|our|their|this|that|these|those|to|got|been|nothing|something|everything|enough|all|only|found|discovered|noticed|spotted|uncovered|reached|arrived|entered|stumbled|come|awakened|awoken|woken|opened|unlocked|caught|attracted|drawn|heard|seen|learned|learnt|unleashed|angered|awoken|disturbed|triggered|released)\b)[a-z]+(?:ed|en|wn|de|ht|ck|ne|ng|ome|on|ung|uck|ought|aught|ost|elt|ept|ent|eard|ound|aid|old|ood|un|it)\b|\b(?:has|have)\s+(?:(?:already|now|just|finally|kindly|generously)\s+)?(?:granted|given|awarded|rewarded|paid|sold|handed|bestowed|credited|charged|returned|refunded)\s+(?:upon\s+)?(?:you|your)\b/i;

// Anything still to come or still open in the same sentence: a modal or the future, a condition, a time still ahead, a
// question or an exclamation of address, the present acting on the player ("eyes you", "hands you").
const PENDING =
  /\b(?:will|shall|won['’]t|can|cannot|can['’]t|could|may|might|must|should|would|need|let|if|unless|until|when|yet|now|next|soon|going\s+to)\b|['’](?:ll|d)\b|[?？]|\b[a-z]+s\s+(?:you|your)\b/i;

/** The sentence speaks to the player only to report something done: a perfect result, nothing pending. */
export function reportsDone(sentence: string): boolean {
  return PERFECT.test(sentence) && !PENDING.test(sentence.replace(PERFECT, ' '));
}
