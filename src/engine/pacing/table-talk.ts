/**
 * Out-of-character talk without a mark: a sentence about the game's machinery rather than the
 * fiction. Two kinds that no character in a scene says: the dice and sheet of a tabletop game
 * ("I rolled a nat 20", "Stealth check?", "Put it on my character sheet", "过一个察觉检定"), and
 * instructions about how the replies are written ("Keep your replies shorter", "Don't write for my
 * character", "回复长一点", "多一些描写").
 *
 * Words that characters do use are left out on purpose: "the AI", "your responses", "your
 * character" (someone's nature), "roll my eyes", "make it shorter" (a tailor's cloth): a player
 * asking a character whether it is an AI is still in character.
 */

const SKILLS =
  'initiative|perception|stealth|insight|investigation|persuasion|deception|intimidation|athletics|acrobatics|arcana|survival|sleight of hand|animal handling';

/** A number followed by what it counts is no roll ("the first is 24 miles off"). */
const NOT_UNIT = String.raw`(?!\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|miles?|feet|foot|yards?|inches|pounds?|gold|silver|coins?|men|people|of|percent|%))`;

/** Dice, checks, saves and the sheet: the bookkeeping of a tabletop game. */
const GAME_MECHANICS = new RegExp(
  [
    // 1d20, d6, 2d8+3
    String.raw`\b\d*d(?:4|6|8|10|12|20|100)\b`,
    String.raw`\bnat(?:ural)?\s*(?:1|20)\b`,
    // "roll for initiative", "rolled a stealth check", "I'll roll perception"
    String.raw`\broll(?:s|ed|ing)?\s+(?:(?:for|a|an|my|your)\s+)*(?:${SKILLS})\b`,
    String.raw`\b(?:${SKILLS}|skill|ability|attribute)\s+(?:check|roll)s?\b`,
    String.raw`\bsaving throws?\b`,
    String.raw`\bspell slots?\b`,
    String.raw`\bhit points?\b`,
    String.raw`\bexperience points?\b`,
    String.raw`\bcharacter sheets?\b`,
    // Damage counted ("12 points of damage", "I take no damage", "half damage", "damage roll")
    String.raw`\b(?:\d+|no|half|double|extra|full)\s+(?:points?\s+of\s+)?(?:\p{L}+\s+)?damage\b`,
    String.raw`\bdamage\s+(?:rolls?|dice|die)\b`,
    // The names of a tabletop game's moves ("sneak attack", "attack of opportunity", "bonus action", "a crit")
    String.raw`\bsneak\s+attacks?\b|\battacks?\s+of\s+opportunity\b|\bbonus\s+actions?\b|\bcrit(?:s|ted)?\b|\bcritical\s+hits?\b`,
    // A roll's result said as a number: "That's a 17.", "I got a 9!", "The second one is 21", "14 on the first"
    String.raw`\b(?:that's|that\s+is|thats|i\s+got|got|rolled)\s+(?:a\s+|an\s+)?(?:natural\s+)?\d{1,2}\s*[.!]*$`,
    String.raw`\b(?:first|second|third|fourth|last|next)\s+(?:(?:attack|roll|one|hit|shot|strike|try)\s+)?is\s+(?:a\s+|an\s+)?\d{1,2}\b${NOT_UNIT}`,
    String.raw`\b\d{1,2}\s+on\s+the\s+(?:first|second|third|fourth|last|next)\b`,
    // A tally per attack: "Ten for the second.", "12 for the first one" (not "two for the road")
    String.raw`\b(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+for\s+the\s+(?:first|second|third|fourth|last|next)(?:\s+(?:one|attack|hit|shot|strike))?\s*[.!]*$`,
    // A roll's sum typed out with its modifier: "That's a 2 + 2 = 4", "14 - 1 = 13"
    String.raw`\b\d{1,2}\s*[+-]\s*\d{1,2}\s*=\s*\d{1,2}\b`,
    // 检定 (a check), 豁免 (a save), 角色卡 / 人物卡 (the sheet), 法术位 (spell slots)
    '检定|豁免|角色卡|人物卡|法术位',
  ].join('|'),
  'iu',
);

/**
 * Keeping the game's record: "So mark that down", "jot it down", "put those on my inventory". A
 * sentence that calls someone by name ("Write that down, Jenkins") asks a character and stays in
 * the fiction.
 */
const RECORD_KEEPING = new RegExp(
  [
    String.raw`\b(?:mark|jot|note|write)\s+(?:that|it|this|those|these|them)\s+down\b`,
    String.raw`\b(?:add|put|write)\s+(?:that|it|this|those|these|them)\s+(?:on|to|in|into)\s+(?:my|our|the|your)\s+inventor(?:y|ies)\b`,
  ].join('|'),
  'iu',
);
/**
 * Asking what the rules allow, in plain words: "Can I use my shield for that?", "Am I able to use
 * my cloak for this?", "Do I get advantage?". The player asks the one who runs the game what a move
 * is worth; a character asks for things in the story ("Can I use your phone?", "Am I able to leave
 * now?", "Does that count as a yes?", "Do I get a bonus?" stay in character).
 */
const RULES_QUESTION = new RegExp(
  [
    // What is used is the player's own ("my shield") or a move named bare ("evasion"): "Can I use
    // your phone for this?" and "Can I use this for that?" ask someone in the story.
    String.raw`\b(?:am\s+I\s+able\s+to|can\s+I|could\s+I|may\s+I|do\s+I\s+get\s+to)\s+use\s+(?:my\s+)?(?!(?:your|his|her|their|its|our|the|a|an|this|that|these|those|it|them)\b)\p{L}+(?:\s+\p{L}+)?\s+for\s+(?:that|this|it)\s*\?`,
    // "advantage" with no article is the rule's word; "Do I get an advantage?" may be a bargain.
    String.raw`\b(?:do|would|will)\s+(?:I|we)\s+(?:still\s+)?get\s+(?:advantage|disadvantage|a\s+saving\s+throw|an\s+extra\s+attack)\b[^.!?]*\?`,
  ].join('|'),
  'iu',
);

/**
 * The player describing their character to the table: "My character is a tall elf", "My OC has
 * a scar over one eye", "So my char wears a red coat". "My character" as the subject of a
 * sentence is the role-play's word; "in my character" (a nature) and "my character sheet" (the
 * machinery, above) are other things.
 */
const OWN_CHARACTER =
  /(?:^|[.!?;:(\n]\s*|\b(?:so|and|but|also|now|okay|ok|well|btw)\s*,?\s+)my\s+(?:character|char|oc|pc|persona)(?:['’]s)?\s+(?!sheet)\p{L}+/iu;

/** A name called in the sentence: a comma, then a capitalised word that is not "I". */
const CALLS_SOMEONE = /,\s*(?!I\b)\p{Lu}\p{Ll}+/u;

const WRITING = String.raw`(?:replies|reply|responses|response|paragraphs|posts|messages|answers|outputs)`;

/** How the replies are written: their length, and who writes the player's character. */
const REPLY_INSTRUCTIONS = new RegExp(
  [
    // "longer replies", "shorter paragraphs please"
    String.raw`\b(?:longer|shorter|briefer|more detailed|less detailed)\s+${WRITING}\b`,
    // "keep your replies short", "make the responses a little longer"
    String.raw`\b(?:make|keep|write)\s+(?:your|the|these|those)\s+${WRITING}\s+(?:(?:a\s+)?(?:bit|little|lot|much)\s+)?(?:longer|shorter|short|brief|long|more detailed|less verbose)\b`,
    // "don't speak for my character", "stop writing as {{user}}", "do not control my character"
    // 描写 is the writing's word for depicting ("多一些环境描写"); the length of the reply ("回复长一点",
    // "篇幅短些"); "不要替我的角色说话". 回复 alone is also "replied" in narration.
    '描写|(?:回复|篇幅|字数)(?:再|能|可以|请)?(?:写得?)?(?:长|短|多|少|详细|简短)一?[点些]',
    String.raw`(?:不要|别|不许)(?:替|帮|代替?)(?:我的角色|\{\{user\}\})`,
    String.raw`\b(?:don['’]t|do not|stop|never|please don['’]t)\s+(?:speak|talk|act|writ|decid|narrat|answer|play|control)\w*\s+(?:for|as)?\s*(?:my character\b|\{\{user\}\}|the user\b|the player\b)`,
  ].join('|'),
  'iu',
);

/**
 * Correcting one's own typo: a message that is only the word as it should have been, starred
 * ("safe*") or with "even" after it ("Safe, even."), is about the text just sent, not the story. A
 * starred pose ("*waves*") opens with its star, and anything more ("Safe, even now.") is a line.
 */
const TYPO_FIX = /^\s*[\p{L}'’-]+(?:\*|\s*,\s*even\s*[.!]*)\s*$/u;

/**
 * A command typed to a dice bot, alone on its line: a sigil then a command word in Latin letters, as the
 * chat bots of tabletop games read them (".r 1d100", ".ra侦查", "。sc0/1", "!roll 1d20+3", "!a scimitar").
 * Prose never opens with a dot or a bang glued to a word; "..." and "!!!" hold no word.
 */
const DICE_COMMAND = /^\s*[.。．!！][a-z]{1,8}(?![\p{Ll}'’])[^\n.!?。！？]{0,40}$/iu;

/**
 * The table's own names for who plays, as Chinese tables write them among Han words: KP (the keeper),
 * PL (a player), PC (a player's character). No character in a scene calls anyone that. In an English
 * sentence "my PC" is as often a computer, and GM, DM and NPC are left out everywhere: in the corpora
 * characters say them (a "DM" persona, an NPC of a game world in the fiction).
 */
const TABLE_ROLES =
  /(?:(?<=\p{Script=Han}[\s的个]?)(?:kp|pl|pc)s?(?![\p{Script=Latin}\p{N}])|(?<![\p{Script=Latin}\p{N}])(?:kp|pl|pc)s?(?=\s?\p{Script=Han}))/iu;

/** The sentences of a message, each with its closing marks. */
function sentences(text: string): string[] {
  return text.match(/[^.!?。！？\n]+[.!?。！？]*[)）\]】]*|\n+/gu) ?? [];
}

/**
 * The sentences of `text` that talk about the game's machinery, as notes, and the rest of the
 * text without them, so "I swing at him. Rolled a nat 20!" keeps its swing in character. A
 * sentence between two such notes is table talk too: the player has not gone back to the story
 * ("Rolled a 15. Does that hit? 7 damage.").
 */
export function splitTableTalk(text: string): { notes: string[]; rest: string } {
  if (TYPO_FIX.test(text) || DICE_COMMAND.test(text)) return { notes: [text.trim()], rest: '' };
  const parts = sentences(text);
  const table = parts.map((sentence) => {
    const record = RECORD_KEEPING.test(sentence) && !CALLS_SOMEONE.test(sentence);
    return (
      GAME_MECHANICS.test(sentence) ||
      REPLY_INSTRUCTIONS.test(sentence) ||
      RULES_QUESTION.test(sentence) ||
      OWN_CHARACTER.test(sentence) ||
      TABLE_ROLES.test(sentence) ||
      record
    );
  });
  if (!table.includes(true)) return { notes: [], rest: text };
  const first = table.indexOf(true);
  const last = table.lastIndexOf(true);
  const notes: string[] = [];
  const kept: string[] = [];
  parts.forEach((sentence, i) => {
    const between = i > first && i < last && sentence.trim().length > 0;
    if (table[i] || between) notes.push(sentence.trim());
    else kept.push(sentence);
  });
  return { notes, rest: kept.join('') };
}
