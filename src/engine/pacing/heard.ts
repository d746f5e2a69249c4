/**
 * A message read against what the player had just heard (the narrator's last reply, or at a table the
 * lines since the player last spoke). Some messages mean what they mean only after the line before
 * them: "I do." is a vow after "Do you take her to be your wife?", "15." is a die after "Make a
 * perception check.", "Vampires?" only repeats the word just said, and "Oh no." after a roll is asked
 * for groans at the dice, not at the story. Each reading here needs the line before; without one,
 * nothing is read.
 */
import { splitTableTalk } from './table-talk.js';

/** The last line of what was heard, where the question or the request the player answers sits. */
function lastLine(heard: string): string {
  const lines = heard.split('\n').filter((l) => l.trim().length > 0);
  return lines[lines.length - 1] ?? '';
}

/** Stage notes of a transcript or a chat ("[Whispered]", "(sighs)"), which say nothing the words do not. */
function withoutStageNotes(text: string): string {
  return text.replace(/\[[^\]]*\]|\([^)]*\)/gu, ' ').trim();
}

const SKILL_WORDS =
  'initiative|perception|stealth|insight|investigation|persuasion|deception|intimidation|athletics|acrobatics|arcana|survival|sleight of hand|animal handling|history|religion|nature|medicine|performance|strength|dexterity|constitution|intelligence|wisdom|charisma';

/**
 * A roll asked for: "make a stealth check", "roll an attack", "give me a dexterity saving throw",
 * "roll initiative", "roll a d20". Naming a check in passing ("the check came back") asks for nothing.
 */
const ROLL_REQUEST = new RegExp(
  String.raw`\b(?:make|roll|give\s+me|go\s+ahead\s+and\s+(?:make|roll))\s+(?:(?:a|an|another|me|your|for|us|the)\s+)*(?:(?:${SKILL_WORDS}|\p{L}+)\s+)?(?:(?:${SKILL_WORDS})\b|check\b|save\b|saving\s+throw\b|attack\b|d(?:4|6|8|10|12|20|100)\b)`,
  'iu',
);

const NUMBER_WORD =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|twenty-\\p{L}+|thirty';

/** A result said alone: "15.", "That's a five.", "Uh, I got a 12", "a natural 20!", "10 + 3 = 13". */
const BARE_RESULT = new RegExp(
  String.raw`^(?:(?:uh|um|ah|oh|okay|ok|so|well|yeah|ugh)\W+)*(?:(?:that's|that\s+is|thats|it's|i\s+got|got|i\s+rolled|rolled)\s+)?(?:a\s+|an\s+)?(?:natural\s+|nat\s+)?(?:\d{1,2}|${NUMBER_WORD})(?:\s*[+-]\s*\d{1,2})*(?:\s*=\s*\d{1,2})?[\s.!…]*$`,
  'iu',
);

/** A reaction of a few words: short enough to be a groan or a cheer at the dice rather than a move. */
const SHORT_REACTION_WORDS = 5;

/**
 * The message answers table talk, so it is table talk too: a result said alone after a roll was asked
 * for, or a reaction of a few words right after a line about the game's machinery (a roll asked for,
 * damage counted), such as a groan at the dice or "I love you." to whoever rolled the damage.
 * `acts` says whether the message holds an act of the character's, which keeps it in the story
 * ("Roll for initiative." / "I draw my sword.").
 */
export function answersTableTalk(text: string, heard: string | undefined, acts: boolean): boolean {
  if (!heard) return false;
  const said = withoutStageNotes(text);
  if (said.length === 0) return false;
  if (BARE_RESULT.test(said) && ROLL_REQUEST.test(heard)) return true;
  const last = lastLine(heard);
  const words = said.match(/[\p{L}\p{N}'’]+/gu)?.length ?? 0;
  // A question mark with no word ("?", "（？）") asks nothing: it is a start at the dice like a groan.
  if (acts || (words > 0 && /[?？]/u.test(said)) || words > SHORT_REACTION_WORDS) return false;
  const lastSentence = last.match(/[^.!?]+[.!?]*\s*$/u)?.[0] ?? last;
  return ROLL_REQUEST.test(lastSentence) || splitTableTalk(lastSentence).notes.length > 0 || rollVerdict(heard);
}

/** How many of the last lines a dice bot's answer may take after the result it gives (flavour text, a cheer). */
const VERDICT_LINES = 3;

/**
 * What was heard is a roll's result as a dice bot gives it: a line with the die and its total
 * ("\"侦查\"检定结果为: D100=66/50 失败！", "1d20+3 = 17") among its last few lines, with the bot's cheer
 * or jeer after it. A narrator's reply names no die.
 */
function rollVerdict(heard: string): boolean {
  const lines = heard.split('\n').filter((l) => l.trim().length > 0);
  return lines.slice(-VERDICT_LINES).some((line) => DIE_TOTAL.test(line));
}

/** A die and what it came to: "D100=66/50", "1d20+3 = 17", "2d6 → 9". */
const DIE_TOTAL = /\b\d*d(?:4|6|8|10|12|20|100)(?:\s*[+-]\s*\d+)*\s*(?:=|→|->|：|:)\s*\d+/iu;

/** Words that carry no subject of their own: an echo made only of these echoes nothing. */
const FUNCTION_WORDS = new Set(
  "a an the and or but of to in on at for with is are was were be it it's its this that these those i you he she we they me him her us them my your his our their what who whom whose where when why how which do did does so then there here not no yes oh uh um huh well okay ok".split(
    ' ',
  ),
);

/** Seen from the one who said it: "did i see" echoes "did you see". */
const SWAP: Record<string, string> = { i: 'you', me: 'you', my: 'your', mine: 'yours', am: 'are', you: 'i', your: 'my', yours: 'mine' };

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).map((w) => w.replace(/’/gu, "'"));
}

/**
 * The message is an echo of the line before: a short question that only repeats what was just said
 * ("Vampires?" after "...a nest of vampires.", "did i see kaylie?" after "did you see kaylie?", a word
 * cut off: "It's a... ptero...?"), with at most a bare assent or a filler after it ("Hide? Uh, okay.").
 * It asks for nothing new, so the story has to go on by itself. A question with a word of its own
 * ("There's no trail at all?" after "the trail vanishes") asks something.
 */
export function echoes(text: string, heard: string | undefined, waits: (rest: string) => boolean): boolean {
  if (!heard) return false;
  const said = withoutStageNotes(text);
  const question = /^[^?？]+[?？]+!?/u.exec(said)?.[0];
  if (!question) return false;
  const after = said.slice(question.length).trim();
  if (after.length > 0 && !waits(after)) return false;
  const asked = wordsOf(question).map((w) => SWAP[w] ?? w);
  if (asked.length === 0 || asked.length > 8 || asked.every((w) => FUNCTION_WORDS.has(w))) return false;
  // A word trailing off ("ptero...") echoes any word it begins.
  const cut = /(?:\.\.\.|…)\s*[?？]+!?$/u.test(question) && asked[asked.length - 1].length >= 4;
  const line = wordsOf(lastLine(heard));
  for (let start = 0; start + asked.length <= line.length; start++) {
    const fits = asked.every((w, i) => {
      const at = line[start + i];
      return at === w || (cut && i === asked.length - 1 && at.startsWith(w));
    });
    if (fits) return true;
  }
  return false;
}

/**
 * A question binding the one asked for good: taking someone in marriage ("Do you take Mira to be your
 * wife?"), or a pledge with love or a lifetime on it ("Will you love her forever?", "Do you swear to be
 * true to him, till death?"). "Do you take sugar?" and "Will you come back?" bind no one.
 */
const VOW_QUESTION =
  /\b(?:do|will|would|shall)\s+(?:you|thou)\b[^?]*(?:\b(?:to be|as)\s+(?:your|thy)\s+(?:lawful(?:ly)?\s+)?(?:wedded\s+)?(?:wife|husband|spouse|bride|groom|partner)\b|\b(?:love|cherish|honou?r|be true to|be faithful to)\b|\b(?:forever|for ever|always|all (?:your|thy) days|(?:till|until) death|as long as (?:you|ye) (?:both )?(?:shall )?live)\b)[^?]*\?["”’'»」]*\s*$/iu;

/** A pledge said alone: "I do.", "I will.", "Forever.", "Yes, always.", "Aye, I swear it." */
const BARE_PLEDGE =
  /^(?:(?:yes|aye|yeah)\W+)?(?:i do|i will|i shall|i swear(?: it)?|i promise|forever|for ever|always|yes|aye)(?:\W+(?:forever|always|i do|i will))?[\s.!…]*$/iu;

/** The message gives the pledge a vow question asked for: a vow, though it says no more than "I do." */
export function answersVow(text: string, heard: string | undefined): boolean {
  if (!heard) return false;
  return BARE_PLEDGE.test(withoutStageNotes(text)) && VOW_QUESTION.test(lastLine(heard).trim());
}

/** One superlative: "the most selfless", "the brightest", "the least afraid". */
const SUPERLATIVE = String.raw`(?:the\s+)?(?:(?:most|least)\s+\p{L}+|\p{L}{3,}est)`;

/** Praise with no verb: "the most selfless.", "the brightest and the darkest.", "The kindest of us." */
const PRAISE_ALONE = new RegExp(
  String.raw`^(?:and\s+)?the\s+${SUPERLATIVE}(?:\s*(?:,|and|but)\s*${SUPERLATIVE})*(?:\s+of\s+(?:(?:us|them)(?:\s+all)?|all(?:\s+of\s+(?:us|them))?))?[\s.!…]*$`,
  'iu',
);

/** A line honouring someone: a eulogy's "he was the best of us", or a toast "To Vax." / "to our captain". */
const HONOURS =
  /\b(?:he|she|they)\s+(?:was|were)\s+(?:the\s+)?(?:(?:most|least)\s+\p{L}+|\p{L}{3,}est|best|finest)\b|^\s*(?:here['’]s\s+)?to\s+(?:our\s+|my\s+)?[\p{L}'’]+(?:\s+[\p{L}'’]+)?[.!]/iu;

/**
 * The message goes on with a eulogy the line before began: praise with no verb ("the most selfless.")
 * right after "he was the best of us" or a toast. It dwells on the one honoured, though no word of
 * it is a feeling; after anything else ("the most annoying." in banter) it is read on its own words.
 */
export function continuesEulogy(text: string, heard: string | undefined): boolean {
  if (!heard) return false;
  return PRAISE_ALONE.test(withoutStageNotes(text)) && HONOURS.test(lastLine(heard));
}
