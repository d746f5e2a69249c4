/**
 * A verb of doing in a sense that does nothing. "Do you take this man to be your husband?", "I take
 * him to be a liar", "Take that as a yes": to take someone to be something, or take it as something,
 * is to accept or understand it; nothing is picked up. ("I take the boat to be safe" still takes the
 * boat: only a person or thing named as what it is, after "to be a/the/your ...", is the idle sense.)
 */
const TAKEN_AS =
  /\b(?:take|takes|taking|took|taken)(?=\s+(?:(?:[\p{L}'’-]+\s+){1,4}to\s+be\s+(?:a|an|the|my|your|his|her|our|their)\b|(?:it|that|this)\s+as\s+(?:a|an|the|my|your|his|her|our|their|read|said|given)\b))/giu;

/** The text with verbs of doing blanked where they are used in an idle sense. */
export function withoutIdleSenses(text: string): string {
  return text.replace(TAKEN_AS, ' ');
}
