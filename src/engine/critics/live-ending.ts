/**
 * Endings that leave something live in the scene without a word of "wait", "someone" or "suddenly", for no-hook: a
 * danger said to persist ("The threat is still active in the yews", "the beast remains at large") and a new sound
 * arriving from somewhere ("Another sound, soft and deliberate, comes from the row of headstones", "A cry rises from
 * the docks"). Each is something the player has to meet, as a knock at the door is.
 */

// A danger or a search still going: "is still active", "remains at large", "are still out there", "is still closing in".
// "Still burning" or "still warm" describes, and "a way to stay active" is a pastime; only a state of being loose, armed
// or in play is read.
const STILL_LIVE =
  /\b(?:is|are|remains?)\s+still\s+(?:active|armed|at\s+large|loose|out\s+there|in\s+play|unresolved|closing\s+in|on\s+(?:your|the|its|their|our)\s+(?:trail|tail|heels))\b|\bremains?\s+(?:armed|at\s+large|loose|unresolved|in\s+play)\b/i;

// A sound coming from somewhere, new to the scene: "a/another" + a sound word, then a verb of its arriving within a
// short aside ("Another sound—soft, deliberate—comes from"). "The only sound is the rain" is description: no article;
// in "a moment her voice comes" the article is not the sound's.
const NEW_SOUND =
  /\b(?:a|another)\s+(?:(?!(?:her|his|their|its|my|your|our|the)\b)[a-z-]+\s+){0,2}(?:sound|noise|voice|cry|shout|call|whistle|scrape|creak|thud|crash|bang|howl)\b[^.!?]{0,30}?\b(?:comes?|came|rises?|rose|drifts?|echo(?:es)?|carries|rings?\s+out|cuts?\s+through|sounds?\s+from|answers?)\b/i;

// Someone unknown is here now: "whoever's inside", "whoever is out there", "whoever it is". Not "whoever built this",
// which speaks of the past.
const UNKNOWN_PRESENCE =
  /\bwhoever(?:['’]s|\s+is|\s+are)\s+(?:still\s+)?(?:there|here|in\s+there|out\s+there|inside|behind|below|above|outside)\b|\bwhoever\s+it\s+is\b/i;

/** The sentence leaves a danger live, brings a new sound in or has someone unknown close by. */
export function liveEnding(sentence: string): boolean {
  return STILL_LIVE.test(sentence) || NEW_SOUND.test(sentence) || UNKNOWN_PRESENCE.test(sentence);
}
