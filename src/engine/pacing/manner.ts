/**
 * Acts done at leisure. "I sit up slowly and take the tea", "She walks the aisle, slowly and
 * elegantly", "we walk back and take our time": what a sentence does slowly is a small gesture the story should dwell on, not a push,
 * however many verbs of doing it has. The slowness reaches the acts of its own sentence, up to a
 * turn that hurries again ("I rise slowly, then bolt for the door": the bolt still pushes).
 */
const UNHURRIED =
  /\b(?:slowly|unhurriedly|leisurely|languidly|lazily|at (?:our|my|your|their|his|her|one's) leisure|in no (?:hurry|rush)|take (?:our|my|your|their|his|her|one's) (?:sweet )?time|taking (?:our|my|your|their|his|her|one's) (?:sweet )?time)\b/iu;
const SENTENCE = /[^.!?;\n。！？；]+[.!?;\n。！？；]*/gu;
// Split with the turn kept, so the parts join back to the sentence's length.
const TURN = /(\b(?:then|but|before|until|suddenly)\b)/iu;

/** The text with the acts of every unhurried part of a sentence blanked (for counting acts only). */
export function withoutUnhurriedActs(text: string): string {
  if (!UNHURRIED.test(text)) return text;
  return text.replace(SENTENCE, (sentence) => {
    if (!UNHURRIED.test(sentence)) return sentence;
    return sentence
      .split(TURN)
      .map((part) => (UNHURRIED.test(part) ? ' '.repeat(part.length) : part))
      .join('');
  });
}
