/**
 * Posing: players of chat role-play (MUDs, Second Life, Discord, forums) narrate their own
 * character in the third person under its name ("Aria Vell nods.", "korin Ashby draws his
 * blade"): the name stands where "I" would. Read with the name as "I", such a pose is read as
 * the same act in the first person is ("I nod." only waits, "I draw my blade" acts).
 */

/** Words that open a sentence about someone else or a thing, never a name. */
const NOT_A_NAME = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'he',
  'she',
  'it',
  'they',
  'we',
  'you',
  'i',
  'me',
  'my',
  'his',
  'her',
  'its',
  'their',
  'our',
  'your',
  'there',
  'here',
  'what',
  'who',
  'when',
  'where',
  'why',
  'how',
  'if',
  'and',
  'but',
  'so',
  'then',
  'everyone',
  'everybody',
  'someone',
  'somebody',
  'nobody',
  'no',
  'yes',
  'all',
  'both',
  'each',
  'some',
  'one',
]);

/**
 * One to three words of a name at the very start (the last one capitalised, as a surname or a
 * lone name is; a chat handle may open in lower case: "serendipity Savira"), then a lower-case
 * verb in the third person singular. A possessive ("Mara's eyes") is no subject of a verb.
 */
const POSE = /^([\s*_]*)((?:[\p{L}\p{N}][\p{L}\p{N}-]*\s+){0,2}\p{Lu}[\p{L}\p{N}-]*)\s+(\p{Ll}+(?:s|es))\b/u;

/**
 * The message with a leading name that poses read as "I" ("Aria Vell nods." -> "I nods."), or the
 * message as it is. `isVerb` says whether a word, in any form, is a verb the readers know: a
 * name that is one ("Kill goblins", "Open doors") is an order, not a pose.
 */
export function asFirstPerson(text: string, isVerb: (word: string) => boolean): string {
  const match = POSE.exec(text);
  if (!match) return text;
  const [whole, lead, name] = match;
  const words = name.toLowerCase().split(/\s+/u);
  if (words.some((w) => NOT_A_NAME.has(w) || isVerb(w))) return text;
  return `${lead}I${whole.slice(lead.length + name.length)}${text.slice(whole.length)}`;
}
