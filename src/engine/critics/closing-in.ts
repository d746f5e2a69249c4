/**
 * Endings of a fight or a chase that leave the next beat to the player, for no-hook, without a word of "wait",
 * "suddenly" or "about to": something moving on someone ("It lunges forward", "make a rush for the dais", "glides
 * towards Elara"), an act made ready ("preparing to strike"), something arriving ("two figures stumble out of the
 * rift", "two more emerge") and a sound ringing out. Each is a move the player has to meet, as a knock at the door is.
 */

// Moving on someone or something: an attack or a run in the present, aimed ("towards", "at", "for", "on") or headlong
// ("forward"). Only present forms are read: "charged at the gate" in a story told in the past is not the ending's
// move either way, and a bare "rush" or "charge" is as often a noun ("the rush for seats", "a charge for the room").
const MOVES_ON =
  /\b(?:lunges?|lunging|charges|charging|pounces?|pouncing|swoops?|swooping|surges|surging|rushes|rushing|scrambles?|scrambling|glides?|gliding|creeps?|creeping|sprints|sprinting|darts|darting|advances|advancing|bears?\s+down|bearing\s+down|closes?\s+in|closing\s+in)\b(?:\s+(?!(?:and|but|then)\b)[a-z]+){0,2}?\s+(?:towards?|at|for|on|upon|forward)\b|\bmak(?:es?|ing)\s+an?\s+(?:[a-z]+\s+)?(?:rush|dash|run|break|lunge|grab)\s+(?:for|at|towards?)\b/i;

// An act made ready and not yet done: "preparing to strike", "poised to spring", "gets ready to fire".
const MADE_READY = /\b(?:prepar(?:es|ing)|poised|gets?\s+ready|getting\s+ready)\s+to\s+[a-z]+/i;

// Something arriving: "two more Zealots emerge", "a figure stumbles out of the smoke", "it bursts from the water".
// Leaving ("steps out of the room") and light or rain spilling from somewhere are not read.
const ARRIVES =
  /\b(?:emerges?|emerging)\b|\b(?:stumbles?|stumbling|bursts?|bursting|crawls?|crawling|staggers?|staggering|lurches?|lurching)\s+(?:out\s+of|from|forth|through)\b/i;

// A sound ringing out: "a loud *CLANG* rings out", "a shot rang out". The article keeps it new to the scene.
const RINGS_OUT = /\b(?:a|an|another)\s+[^.!?]{0,40}?\b(?:rings?|rang)\s+out\b/i;

/** The sentence ends on something closing in, made ready, arriving or ringing out. */
export function closingIn(sentence: string): boolean {
  return MOVES_ON.test(sentence) || MADE_READY.test(sentence) || ARRIVES.test(sentence) || RINGS_OUT.test(sentence);
}
