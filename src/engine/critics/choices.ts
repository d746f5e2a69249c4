/**
 * A game that ends its turns on a menu of numbered options ("Option 2: 🔪 Use your knife to break the lock.") and a
 * player who answers with a number. The menu is the game's offer, not the story: offered again turn after turn it says
 * nothing new about what happened. And a bare "2" is the player choosing option 2: the narration that carries it out
 * spells the terse option out in acts ("You take out your knife"), which are the player's choice, not the narrator's.
 */
import { boundedMemo } from '../../text/memo.js';
import { execAll } from '../../text/regexp.js';

// A line that offers one numbered option by name, after any markup: "Option 2: ...", "**Choice 3.** ...".
const OPTION_LINE = /^[ \t]*[*_]{0,2}(?:option|choice)\s+(\d{1,2})[*_]{0,2}\s*[:.)][*_]{0,2}[ \t]*(\S[^\n]*)$/gimu;
// A numbered list item: "2. Search the desk", "3) Run".
const NUMBERED_LINE = /^[ \t]*(\d{1,2})[.)][ \t]+(\S[^\n]*)$/gmu;
// A message that is only a pick: "2", "2.", "#2", "option 2", "Choice 2".
const PICK = /^\s*(?:(?:option|choice)\s*)?#?(\d{1,2})\s*[.)!]?\s*$/iu;

/** Two or more options a line, by number: the named ones ("Option 2:"), else a numbered list. */
const optionsOf = boundedMemo(16, (text: string): Map<number, string> => {
  for (const re of [OPTION_LINE, NUMBERED_LINE]) {
    const found = new Map<number, string>();
    for (const m of execAll(re, text)) found.set(Number(m[1]), m[2] ?? '');
    if (found.size >= 2) return found;
  }
  return new Map();
});

/** The option a message that is only a number picks from the menu of `lastReply`, or undefined. */
export function pickedOption(input: string, lastReply: string | undefined): string | undefined {
  const m = PICK.exec(input);
  if (!m || !lastReply) return undefined;
  return optionsOf(lastReply).get(Number(m[1]));
}

// Around such a menu, a line that speaks of the options ("You have chosen Option 5: ...", "Here are your options:",
// "Select one by typing \"Option [number]\".") is the menu's frame, the game's interface as the menu is.
const FRAME_LINE = /^[^\n]*\b(?:option|options|choice|choices)\b[^\n]*$/gimu;

const OPTION_WORD = /(?:option|choice)\s+\d/iu;

const blank = (line: string): string => line.replace(/[^\n]/g, ' ');

/**
 * The text with a menu of options named by number ("Option 1: ...", two or more lines) and the lines that frame it
 * blanked, offsets kept.
 */
export function withoutMenu(text: string): string {
  // Most replies name no option at all: stagnation asks this of every candidate, so skip the line scan for them.
  if (!OPTION_WORD.test(text)) return text;
  const lines = [...execAll(OPTION_LINE, text)];
  if (lines.length < 2) return text;
  return text.replace(OPTION_LINE, blank).replace(FRAME_LINE, blank);
}
