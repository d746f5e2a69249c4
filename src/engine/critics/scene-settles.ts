/**
 * A game master's turn that ends on the scene. A narrator describes the room the party walked into, the thing they
 * found, the creature their blow stunned, and stops: the scene is the question, as "What do you do?" would be. Where
 * the pack's only voice is a game master (see `narratorOnly`), a missing hook is therefore not sure, unless the last
 * sentence settles the scene: something falls silent, fades, vanishes or is over, and nothing is left standing for the
 * party to meet.
 */

// Something ending or going still: "Silence.", "spins down into silence", "then fades", "vanishes", "the battle is
// over", "dies away", "grinds to a halt". "Silent" as a describing word ("the silent shapes of the saws") is the room,
// not its end, so only the noun and a verb of going still are read.
const SETTLES_EN =
  /\b(?:silence|stillness|(?:falls?|fell|goes|went|grows?|grew)\s+(?:silent|still|quiet)|fades?(?:\s+(?:away|out))?|faded|fading\s+away|vanish(?:es|ed)?|disappears?|disappeared|dissolves?|dissolved|(?:is|are|was|were)\s+(?:gone|over)|dies?\s+(?:away|down|out)|died\s+(?:away|down|out)|(?:spins?|spun|winds?|wound)\s+down|(?:grinds?|ground|comes?|came|shudders?)\s+to\s+(?:a\s+)?(?:halt|stop|rest|an\s+end))\b/i;

// Chinese: 寂静, 归于平静, 消失, 散去, 结束了, 停了下来.
const SETTLES_ZH = /寂静|沉寂|归于平静|恢复(?:了)?平静|消失|散去|消散|结束了|停了下来|戛然而止/u;

/** The sentence tells the scene coming to rest: a sound dying, a light fading, a foe gone, a fight over. */
export function settles(sentence: string): boolean {
  return SETTLES_EN.test(sentence) || SETTLES_ZH.test(sentence);
}
