/**
 * Emotional pivots in the player's message: a confession, grief, a reunion, an apology. At a
 * pivot the story slows down whatever the pacing, because rushing past it is what players
 * remember as the model not listening.
 */

export type PivotKind = 'confession' | 'grief' | 'reunion' | 'apology';

export interface Pivot {
  kind: PivotKind;
  /** The words that gave it away, for the reason line. */
  cue: string;
}

// Ordered by precedence: a message that confesses and apologises is a confession first.
const PATTERNS: Array<{ kind: PivotKind; re: RegExp }> = [
  {
    kind: 'confession',
    re: /\b(?:i love you|i(?:'m| am) in love with you|i(?:'ve| have) (?:always )?loved you|i have to tell you|i need to tell you|i(?:'ve| have) never told (?:you|anyone)|there(?:'s| is) something i(?:'ve| have)? (?:need|have|want)(?:ed)? to tell you|i have a confession)\b|我爱你|我喜欢你|我一直喜欢|我必须告诉你|我得告诉你|有件事(?:我)?(?:要|想|必须)告诉你|我从来没(?:有)?告诉过/iu,
  },
  {
    kind: 'grief',
    re: /\b(?:died|dies|passed away|funeral|his grave|her grave|their grave|mourn(?:ing|s)?|buried (?:him|her|them)|is dead|was dead|are dead|killed (?:him|her|them))\b|去世|过世|死了|葬礼|坟前|墓前|节哀|走了(?:好|很)?(?:多|久)?年/iu,
  },
  {
    kind: 'reunion',
    re: /\b(?:you came back|you(?:'re| are) back|you(?:'re| are) alive|after all (?:these|those) years|i missed you|it(?:'s| has) been (?:so long|years)|welcome home|you found me|i found you|never thought i(?:'d| would) see you again)\b|你回来了|好久不见|我好想你|我想你了|你还活着|终于见到你|这么多年|终于找到你/iu,
  },
  {
    kind: 'apology',
    re: /\b(?:i(?:'m| am) (?:so |truly |really )?sorry|forgive me|i apologi[sz]e|it was my fault|it(?:'s| is) my fault|i was wrong)\b|对不起|抱歉|原谅我|是我的错|我错了/iu,
  },
];

/** The emotional pivot in a message, if any. */
export function detectPivot(text: string): Pivot | undefined {
  for (const { kind, re } of PATTERNS) {
    const match = text.match(re);
    if (match) return { kind, cue: match[0] };
  }
  return undefined;
}
