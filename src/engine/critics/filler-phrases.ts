/**
 * Overused role-play phrases, weighted by how surely they mark machine prose (1 alone is enough
 * to flag; lighter ones flag together). Matched case-insensitively on word boundaries (CJK
 * anywhere). Data, not code: extend freely.
 */
export const FILLER_PHRASES: ReadonlyArray<readonly [phrase: string, weight: number]> = [
  ['a shiver runs down', 1],
  ['a shiver ran down', 1],
  ['sends shivers down', 1],
  ['sent shivers down', 1],
  ['shivers down your spine', 1],
  ['eyes sparkle with mischief', 1],
  ['eyes sparkling with mischief', 1],
  ['sparkle with mischief', 1],
  ['glint of mischief', 0.8],
  ['barely above a whisper', 1],
  ['ministrations', 1],
  // A phrase with a plain sense of its own is a tic only beside another: "the air is thick with smoke" describes a
  // room ("a testament to" and its ceremonial frame are patterns below).
  ['the air is thick with', 0.5],
  ['the air was thick with', 0.5],
  ['little did they know', 1],
  ['little did she know', 1],
  ['little did he know', 1],
  ['little do they know', 1],
  ['maybe, just maybe', 1],
  ['for what feels like an eternity', 1],
  ['for what felt like an eternity', 1],
  ['bites her lip', 0.6],
  ['bit her lip', 0.6],
  ['biting her lip', 0.6],
  ['smirks', 0.5],
  ['smirking', 0.5],
  ['orbs', 1],
  ['padded over', 0.6],
  ['pads over', 0.6],
  ['mischievous glint', 0.8],
  ['a mix of', 0.5],
  ['a mixture of', 0.5],
  ["can't help but", 0.6],
  ["couldn't help but", 0.6],
  ['unable to tear', 0.5],
  ['breath hitches', 1],
  ['breath hitched', 1],
  ['voice husky', 0.8],
  ['a wave of', 0.5],
  ['tapestry of', 1],
  ['rich tapestry', 1],
  // A character may well "delve into" a subject in speech: the word is a tic only beside another.
  ['delve into', 0.5],
  ['in the grand scheme of things', 1],
  ['somewhere, a dog barks', 0.8],
  ['an unspoken promise', 0.8],
  ['electric tension', 0.8],
  ['palpable', 0.5],
  ['dance of', 0.4],
  ['speaks volumes', 0.5],
  ['spoke volumes', 0.5],
  ['melds seamlessly', 0.5],
  ['blends seamlessly', 0.5],
  ['a cocoon of', 0.5],
  ['time seems to stand still', 1],
  ['time seemed to stand still', 1],
  ['the weight of the world', 0.6],
  ['steeling herself', 0.5],
  ['steeling himself', 0.5],
  ['嘴角勾起一抹', 1],
  ['嘴角微微上扬', 0.8],
  ['眼中闪过一丝', 1],
  ['眼底闪过一丝', 1],
  ['不由得', 0.6],
  ['一抹', 0.4],
  ['一丝丝', 0.5],
  ['仿佛过了一个世纪', 1],
  ['空气中弥漫着', 0.8],
  ['空气仿佛凝固', 1],
  ['心中一动', 0.6],
  ['心头一颤', 0.8],
  ['不禁', 0.4],
  ['宠溺', 1],
  ['邪魅', 1],
  ['声音低得几乎听不见', 1],
  ['一股电流', 1],
  ['时间仿佛静止', 1],
];

/**
 * Stock machine-prose tics that vary in their middle word ("her scientific curiosity shines
 * through", "a mix of awe and dread"), as patterns with a weight and a name for the evidence.
 * Each is light: it takes two in one reply to flag. Patterns use only non-capturing groups:
 * the filler critic joins them into one regex and tells them apart by capture group.
 */
export const FILLER_PATTERNS: ReadonlyArray<readonly [pattern: RegExp, weight: number, name: string]> = [
  [/\b(?:a|an) (?:mix|mixture|blend|combination) of (?:\w+ ){0,2}\w+ and (?:\w+ ){0,2}\w+/gi, 0.5, '"a mix of X and Y"'],
  [
    /\b(?:curiosity|excitement|determination|intelligence|personality|passion|confidence|kindness) (?:shines?|shone|shining) through\b/gi,
    0.6,
    '"her curiosity shines through"',
  ],
  [
    /\b(?:her|his|their|my) (?:\w+ )?(?:mind|instincts?|training|brain|nature|side|reflexes) (?:kicking|kicks|kicked) in\b/gi,
    0.5,
    '"her instincts kicking in"',
  ],
  [/\b(?:her|his|their|my) (?:\w+ )?(?:\w+ )?(?:on full display|in full force)\b/gi, 0.5, '"X on full display"'],
  [
    /\btrying (?:to|not to) (?:suppress|hide|contain|mask|stifle) (?:her|his|their|my) (?:excitement|smile|grin|amusement|blush|laughter|curiosity|delight)\b/gi,
    0.5,
    '"trying to hide her excitement"',
  ],
  [
    /\ba (?:flicker|hint|glimmer|trace) of (?:a )?(?:smile|amusement|mischief|annoyance|surprise|something)\b/gi,
    0.5,
    '"a flicker of a smile"',
  ],
  // The ceremonial frame, by the same verbs as "serves as a reminder": stock alone. Before the plain phrase, so that a
  // frame is read whole.
  [/\b(?:serves?|served|stands?|stood) as a testament to\b/gi, 1, '"stands as a testament to"'],
  // Said plainly, "is a testament to" means "proves": a tic only beside another.
  [/\ba testament to\b/gi, 0.5, '"a testament to"'],
  [/\b(?:serves?|served|stands?|stood) as an? (?:reminder|beacon|invitation) (?:to|of|for)\b/gi, 0.5, '"serves as a reminder"'],
  [/\b(?:transcends?|transcended|transcending) (?:mere|simple|ordinary) \w+/gi, 0.5, '"transcends mere X"'],
  [/(?:眼中|眼里|眼底)(?:满是|充满了?)(?:宠溺|温柔|笑意|爱意)/g, 0.6, '"眼中满是温柔"'],
];
