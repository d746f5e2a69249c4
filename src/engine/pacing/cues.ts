/**
 * Reads one player message for pacing cues: how long it is, whether it acts or lingers, whether
 * it skips time, asks about the world, only waits, or carries an out-of-character note about the
 * pace. English and Chinese are read with their own lexicons (lexicon.ts).
 */
import { CHINESE, ENGLISH, type PacingLexicon } from './lexicon.js';
import { isPassive, type ActionTest } from './passive.js';
import { splitTableTalk } from './table-talk.js';
import { asFirstPerson } from './emote.js';
import { withoutUnhurriedActs } from './manner.js';
import { PAST_TOLD, withoutIdleSenses } from './senses.js';
import { boundedMemo } from '../../text/memo.js';
import { answersTableTalk, answersVow, continuesEulogy, echoes } from './heard.js';

export interface OocCue {
  direction: 'slower' | 'faster';
  /** The note as written, for the evidence. */
  text: string;
}

export interface MessageCues {
  /** Length in word equivalents (a Chinese character counts as ~0.6 of a word). */
  words: number;
  action: number;
  feeling: number;
  /** Starts with a verb of doing ("Open the door", "I draw my sword", "拔剑"). */
  actionLed: boolean;
  /** Short and action-led: the fast player's typical message. */
  shortImperative: boolean;
  /** Share of the message inside quotation marks. */
  dialogueShare: number;
  /** Long and mostly feelings, senses or dialogue: the slow-burn player's typical message. */
  lingering: boolean;
  /** The time-skip phrase found, if any. */
  timeSkip?: string;
  worldQuestion: boolean;
  /** The message only waits for the story to go on ("ok", "hmm", "继续"). */
  waiting: boolean;
  ooc?: OocCue;
  /** Whether anything in character was said (a message can be only an OOC note). */
  inCharacter: boolean;
  /** What the in-character text says about pace, -1 slow ... +1 fast. */
  score: number;
}

/**
 * A message whose score is at least this far from zero leans that way: the planner's "pushing
 * forward" and "slow burn" lines use the same mark for the session estimate.
 */
export const DIRECTION_THRESHOLD = 0.25;

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const LATIN_WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/**
 * A lexicon compiled for plain lookups: one big alternation with look-behinds under the `iu`
 * flags costs V8 a hundred milliseconds a message, while word sets cost microseconds.
 */
class WordList {
  private readonly single = new Set<string>();
  /** Stems as a set, looked up by each prefix of a word: a few hash lookups instead of a scan of every stem. */
  private readonly stems = new Set<string>();
  private shortestStem = Infinity;
  private longestStem = 0;
  private readonly phrases: string[] = [];
  /** The phrases padded with a space each side, built once (not per lookup). */
  private readonly padded: string[] = [];
  /**
   * Each phrase's first word: " first " is in a text's padded words only if `first` is one of
   * its words, so a phrase whose first word is absent is not searched for.
   */
  private readonly firstWords: string[] = [];
  /** Every entry holds a Han character, so a text without one cannot match any. */
  private readonly cjk: string[] = [];

  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const entry = raw.toLowerCase().trim();
      if (/\p{Script=Han}/u.test(entry)) this.cjk.push(entry);
      else if (/\s/.test(entry)) this.addPhrase(entry.replace(/\s+/g, ' '));
      else if (entry.endsWith('*')) this.addStem(entry.slice(0, -1));
      else this.single.add(entry);
    }
  }

  private addPhrase(phrase: string): void {
    this.phrases.push(phrase);
    this.padded.push(` ${phrase} `);
    this.firstWords.push(phrase.split(' ')[0]);
  }

  private addStem(stem: string): void {
    this.stems.add(stem);
    this.shortestStem = Math.min(this.shortestStem, stem.length);
    this.longestStem = Math.max(this.longestStem, stem.length);
  }

  /** Whether one lower-cased word is in the list. */
  hasWord(word: string): boolean {
    if (this.single.has(word)) return true;
    const longest = Math.min(this.longestStem, word.length);
    for (let n = this.shortestStem; n <= longest; n++) if (this.stems.has(word.slice(0, n))) return true;
    return false;
  }

  /** Every match in a text, as the lexicon entries matched. */
  matches(text: Text): string[] {
    const found: string[] = [];
    for (const word of text.words) if (this.hasWord(word)) found.push(word);
    for (let i = 0; i < this.phrases.length; i++) {
      if (text.wordSet.has(this.firstWords[i]) && text.joined.includes(this.padded[i])) found.push(this.phrases[i]);
    }
    if (!text.han) return found;
    for (const entry of this.cjk) {
      for (let at = text.lower.indexOf(entry); at >= 0; at = text.lower.indexOf(entry, at + entry.length)) found.push(entry);
    }
    return found;
  }

  /** Whether a raw (lower-cased) text holds one of the Chinese entries. */
  hasCjk(lower: string): boolean {
    return this.cjk.some((entry) => lower.includes(entry));
  }

  /** Whether the text starts with an entry, after an optional "I", "we" or "let's" (我, 我们 in Chinese). */
  leads(text: Text): boolean {
    if (text.han && this.leadsCjk(text.lower)) return true;
    let words = text.words;
    if (words[0] && LEAD_IN.has(words[0])) words = words.slice(1);
    if (words.length === 0) return false;
    if (this.hasWord(words[0])) return true;
    const head = ` ${words.slice(0, 3).join(' ')} `;
    return this.padded.some((phrase) => head.startsWith(phrase));
  }

  private leadsCjk(lower: string): boolean {
    const cjkStart = lower.replace(/^[\s*_"“'「(（]*(?:我们|我)?/u, '');
    return this.cjk.some((entry) => cjkStart.startsWith(entry));
  }
}

/** Words a first-person or imperative action may start with: "I kick", "let's go". */
const LEAD_IN = new Set(['i', 'we', "let's", 'let’s', 'lets']);

interface Text {
  lower: string;
  words: string[];
  /** The words joined by single spaces, padded, for phrase lookups. */
  joined: string;
  /** The words as a set. */
  wordSet: Set<string>;
  /** Whether the text holds a Han character (else no Chinese entry can match). */
  han: boolean;
}

const HAN = /\p{Script=Han}/u;

function textOf(raw: string): Text {
  const lower = raw.toLowerCase();
  const words = lower.replace(CJK_CHAR, ' ').match(LATIN_WORD) ?? [];
  return { lower, words, joined: ` ${words.join(' ')} `, wordSet: new Set(words), han: HAN.test(lower) };
}

interface CompiledLexicon {
  action: WordList;
  feeling: WordList;
  timeSkip: WordList;
  worldQuestion: WordList;
  oocSlower: WordList;
  oocFaster: WordList;
  waiting: Set<string>;
}

function compile(lex: PacingLexicon): CompiledLexicon {
  return {
    action: new WordList(lex.action),
    feeling: new WordList(lex.feeling),
    timeSkip: new WordList(lex.timeSkip),
    worldQuestion: new WordList(lex.worldQuestion),
    oocSlower: new WordList(lex.oocSlower),
    oocFaster: new WordList(lex.oocFaster),
    waiting: new Set(lex.waiting.map(normalizeWaiting)),
  };
}

const LEXICONS = { en: compile(ENGLISH), zh: compile(CHINESE) };

/** A message reduced to its words: no surrounding markup, and no closing mark ("然后呢？" is "然后呢", "I wait." is "i wait"). */
function normalizeWaiting(text: string): string {
  return text
    .toLowerCase()
    .replace(/^[\s*_(（]+|[\s*_)）.!！?？,，。~～]+$/gu, '')
    .replace(/\s+/g, ' ');
}

/** A stage note in square brackets ("[Whispered]", "[Groggy]", "[Sighs]") says how a line is said, not what. */
const STAGE_NOTE = /\[[^\]\n]{1,40}\]/gu;

const ACTION: ActionTest = {
  word: (word) => LEXICONS.en.action.hasWord(word),
  zh: (clause) => LEXICONS.zh.action.hasCjk(clause),
};

// (OOC: slow down), [OOC ...], ((faster)), （OOC：慢一点）, OOC: more action (to the end of the line).
const OOC_PATTERNS: RegExp[] = [
  /\(\(([^)]*)\)\)/gu,
  /（（([^）]*)））/gu,
  /[([（【]\s*(?:ooc|场外|out of character)\s*[:：-]?\s*([^)\]）】]*)[)\]）】]/giu,
  /(?:^|\n)\s*(?:ooc|场外|out of character)\s*[:：]\s*([^\n]*)/giu,
];

/**
 * A message that names the role-play itself ("a task for a role play", "I'm crafting a roleplay
 * where ...", "directing a role-play") talks about the story from outside it, marked or not: no
 * character in a scene calls it that.
 */
const ROLEPLAY_TALK = /\brole[- ]?play(?:s|ing|ed)?\b|角色扮演/iu;

/**
 * Finds out-of-character notes; returns them and the text without them. With no marked note, a
 * message that names the role-play is one note as a whole, and a sentence about the game's
 * machinery (dice, the sheet, how replies are written) is a note of its own (table-talk.ts).
 * `heard`, what the player had just heard, makes a message that answers table talk a note as a
 * whole ("15." after "Make an arcana check.": heard.ts).
 */
export function splitOoc(text: string, heard?: string): { notes: string[]; rest: string } {
  if (heard && answersTableTalk(text, heard, cuesOf(text).action > 0)) return { notes: [text.trim()], rest: '' };
  return ownNotes(text);
}

function ownNotes(text: string): { notes: string[]; rest: string } {
  const notes: string[] = [];
  let rest = text;
  for (const pattern of OOC_PATTERNS) {
    rest = rest.replace(pattern, (_match, note: string) => {
      notes.push(note.trim());
      return ' ';
    });
  }
  if (notes.length > 0) return { notes, rest };
  if (ROLEPLAY_TALK.test(rest)) return { notes: [rest.trim()], rest: '' };
  return splitTableTalk(rest);
}

function oocDirection(note: string): OocCue['direction'] | undefined {
  let slower = 0;
  let faster = 0;
  const text = textOf(note);
  for (const lex of [LEXICONS.en, LEXICONS.zh]) {
    slower += lex.oocSlower.matches(text).length;
    faster += lex.oocFaster.matches(text).length;
  }
  if (slower === faster) return undefined;
  return slower > faster ? 'slower' : 'faster';
}

function dialogueShare(text: string): number {
  const total = text.replace(/\s+/g, '').length;
  if (total === 0) return 0;
  let quoted = 0;
  for (const match of text.matchAll(/"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』/gu)) {
    quoted += (match[1] ?? match[2] ?? match[3] ?? match[4] ?? '').replace(/\s+/g, '').length;
  }
  return Math.min(1, quoted / total);
}

/**
 * The lean of a message is its action cues minus its feeling cues over its length to the power
 * LENGTH_POWER (a long message needs more cues than a short one, but not in proportion), times
 * CUE_WEIGHT. Chosen on tests/corpora/player/messages.jsonl, where agreement is flat (0.83-0.87)
 * for weights 1.5-4 and powers 0.5-1; these keep slow and fast recall balanced.
 */
const CUE_WEIGHT = 2;
const LENGTH_POWER = 0.75;
/** Feelings in a question count half: "How do you feel about it?" is conversation, "Do you remember?" still lingers. */
const QUESTION_FEELING = 0.5;

const IGNORED_COMPOUNDS = new RegExp(
  [...(CHINESE.ignore ?? []), ...(ENGLISH.ignore ?? [])].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') || '(?!)',
  'giu',
);

/**
 * What the player only supposed someone would do is no act of theirs: "还以为你要跳楼呢", "I thought
 * you were going to run", up to the end of the clause.
 */
const SUPPOSED =
  /(?:我们?|还|本来|原本|原来|都|一直)以为[^，。！？,.!?；;\n]*|\bI\s+(?:thought|assumed|figured)\s+(?:you|he|she|they)(?:'d|’d|\s+would|\s+were going to|\s+was going to)\b[^.!?,;\n]*/giu;

/**
 * A capitalised word inside a sentence is a name ("Tiberius Stormwind", "the Take", "Rush
 * Street"): what it would mean in lower case is no cue. The first word of a sentence, a line or a
 * quotation keeps its meaning ("Run!", "*Grabs the rope*"), and so does a word in capitals.
 */
const NAME_INSIDE = /(?<=[\p{L}\p{N},;'’)\]]\s+)\p{Lu}\p{Ll}[\p{L}'’-]*/gu;

/**
 * "Listen, I don't want a fight", "Look, we're late": a verb of sensing that opens a clause and is
 * cut off by a comma calls for attention; nobody listens or looks.
 */
const ATTENTION = /(?:^|(?<=[.!?;:"“*(\n]\s*))(?:listen|look|see)\s*,/giu;

/**
 * "Sorry." with nobody being sorry ("Sorry, I need to leave", "It's my accent. Sorry.") is a
 * courtesy; "I'm sorry", "so sorry", "I feel sorry" still tell a feeling.
 */
const COURTESY =
  /(?<!\b(?:am|i['’]m|im|so|very|truly|really|terribly|deeply|awfully|feel|feels|felt|be|was|were|are|is|we['’]re|you['’]re)\s+)\bsorry\b/giu;

/**
 * "She steals a kiss", "I sneak a glance at him": to steal or sneak a kiss or a look is the kiss
 * or the look, done quickly; nothing is stolen and nobody sneaks anywhere.
 */
const STOLEN_MOMENT =
  /\b(?:steal|steals|stole|stolen|stealing|sneak|sneaks|sneaked|snuck|sneaking)(?=\s+(?:a|another)\s+(?:[\p{L}-]+\s+)?(?:kiss|kisses|glance|glances|look|looks|peek|peeks)\b)/giu;

/**
 * A smile, grin or smirk that introduces a line of speech ('She smiles, "Hello, Tam."', 'I grin
 * and say, "Not a chance."') is how the line is said: the line decides what the message does. A
 * smile with no line after it ("I smile at her.") still lingers.
 */
const SPEECH_TAG =
  /\b(?:smil|grin|smirk|beam)\p{L}*(?:\s+(?:a|an)\s+(?:[\p{L}-]+\s+){0,2}(?:smile|grin|smirk))?(?:\s+and\s+(?:says?|said|repl(?:y|ies|ied)|answers?|answered|whispers?|whispered|asks?|asked))?\s*[,:]?\s*(?=["“])/giu;

/**
 * "I confess nothing.", "I fear nothing!": a verb whose object is "nothing", closing its clause,
 * denies what it names. ("I want nothing more than..." goes on, and "I say nothing" waits.)
 */
const NOTHING_DENIED = /\b\p{L}+\s+(?:of\s+)?nothing(?=\s*(?:[.!?,;:…"”*)\n]|$))/giu;

/**
 * "He shakes his head", "she bows her head": with a possessive before it, "head" is the body
 * part, not heading somewhere. ("Cut off the head" keeps it: there it is what the blow is aimed at.)
 */
const HEAD_NOUN =
  /(?<=\b(?:my|his|her|their|your|our|its)\s+(?:[\p{L}-]+\s+)?)heads?\b|(?<=\b(?:on|in|over|above|atop|upon|around|behind)\s+(?:the|a)\s+)heads?\b/giu;

/**
 * A smile that is cruel, smug or sly ("smiles evilly", "a cold grin") is no tender gesture.
 */
const HOSTILE_SMILE =
  /\b(?:smil|grin|smirk)\p{L}*\s+(?:evil|wicked|cruel|cold|smug|sly|mock|sinister|menac|sarcastic|devious|malicious|dark)\p{L}*|\b(?:evil|wicked|cruel|cold|smug|sly|mocking|sinister|menacing|sarcastic|devious|malicious|dark)\s+(?:smile|grin|smirk)s?\b/giu;

/** The text with compounds that only look like cues blanked out ("听说" is no listening, "抱歉" no hug), idle senses of verbs, suppositions, calls for attention, courtesies and names. */
function withoutCompounds(text: string): string {
  return withoutIdleSenses(text)
    .replace(IGNORED_COMPOUNDS, ' ')
    .replace(SUPPOSED, ' ')
    .replace(ATTENTION, ' ')
    .replace(COURTESY, ' ')
    .replace(STOLEN_MOMENT, ' ')
    .replace(HEAD_NOUN, ' ')
    .replace(HOSTILE_SMILE, ' ')
    .replace(SPEECH_TAG, ' ')
    .replace(NOTHING_DENIED, ' ')
    .replace(NAME_INSIDE, ' ');
}

/**
 * What a clause says was not, is not or will not be done is no act: "I didn't steal it", "I don't
 * want a fight", "that doesn't mean we go knocking on their door", from the negation to the end of
 * its clause. "No!" alone is an outcry, not a negated act, so only "not", "-n't" and "never" count.
 */
const NEGATED = /\b(?:not|never|\p{L}+n['’]t|cannot)\b[^.!?,;:\n。！？，；]*/giu;

/**
 * A question about what was done ("Who did you steal it from?", "Had they fought before?") asks
 * for the past, and one asking where or how it could be done ("Where can we find the smith?",
 * "How do I get into the tower?") asks for information: their verbs are nobody's act now.
 */
const ASKED_DONE =
  /[^.!?。！？\n]*\b(?:[Dd]id|[Dd]idn['’]t|[Hh]ad|[Hh]adn['’]t|[Hh]as|[Hh]asn['’]t|[Hh]ave|[Hh]aven['’]t)\s+(?:you|he|she|they|it|we|I|\p{Lu}\p{Ll}+)\b[^.!?。！？\n]*[?？]|[^.!?。！？\n]*\b(?:[Ww]here|[Hh]ow)\s+(?:can|could|do|should|would|might)\s+(?:we|I|one)\b[^.!?。！？\n]*[?？]/gu;

/**
 * "Come on, he's not there.", "Percy, come on.": "come on" said alone, as a clause, urges someone
 * to move. "Oh, come on!" is exasperation, and with more after it ("come on in", "the lights come
 * on") it is another verb.
 */
const URGING = /(?<!\b(?:oh|aw|ah|awww?|ugh)[\s,]*)(?:^|(?<=[.!?;:,"“*(\n]\s*))come\s+on(?=\s*(?:[,.!?;:…"”*)\n]|$))/giu;

/**
 * An alarm raised: "There's a wolf!", "Guys, there's a thing!". Something new is announced in the
 * scene, cried out in a sentence of its own; said calmly ("There's a well in the yard.") or asked
 * ("Is there a way out?") it only describes. "It's a ...!" is left out: showing a thing says it too
 * ("Look at my drawing. It's a skunk!").
 */
const ALARM =
  /(?:^|(?<=[.!?;:"“*(\n—–-]\s*))(?:(?:guys|look|quick|oh\s+no|oh\s+god|wait|hey)\s*[,!]?\s+)?(?:there['’]s|there\s+is)\s+(?:a|an)\s+(?:(?:big|huge|giant|massive|whole)\s+)?[\p{L}-]+\s*!/giu;

/**
 * What the player only sees someone else do is not their act: an "as" clause of another's act
 * ("I freeze as Mara draws her knife", "...as he attacks"), and what is seen, heard or noticed
 * ("She sees the sudden attack", "I hear the door slam"), up to three words, stopping at a
 * clause of the player's own ("I see the guard and run").
 */
const OTHERS_ACT =
  /\b[Aa]s\s+(?:he|she|they|it|\p{Lu}\p{Ll}+)\s+\p{Ll}+s\b[^.!?,;:\n"“”]*|\b(?:see|sees|saw|seeing|watch|watches|watched|watching|notice|notices|noticed|noticing|spot|spots|spotted|hear|hears|heard|hearing)\s+(?:the|a|an|his|her|their|its|this|that|some)(?:\s+(?!(?:and|then|but|before|so)\b)[\p{L}-]+){1,3}/gu;

/** The sentences that are not questions. */
function statements(text: string): string {
  return (text.match(/[^.!?。！？\n]+[.!?。！？]*/gu) ?? []).filter((s) => !/[?？]\s*$/u.test(s)).join(' ');
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * True when the message only waits for the story to go on: a filler ("ok", "继续"), a go-on cue
 * ("and then?"), or passive acts alone ("I wait.", "I say nothing and watch her.", "我等着。"),
 * whatever the length or punctuation.
 */
export function isWaiting(text: string): boolean {
  return waitingOf(text);
}

/** Texts whose reading is kept: a turn reads the player's line in pacing, the planner and stagnation. */
const REMEMBERED = 32;

const waitingOf = boundedMemo(REMEMBERED, (raw: string): boolean => {
  const text = raw
    .replace(STAGE_NOTE, ' ')
    // A sound drawn out is the same sound: "Uhhhhh", "Hmmmm" (no English word holds a letter three times;
    // Han laughter, 嘿嘿嘿, is its own word).
    .replace(/(\p{Script=Latin})\1{2,}/gu, '$1')
    // A line that trails off in dashes ("Uh--", "Okay, well--") trails off as "..." does.
    .replace(/\s*(?:-{1,2}|[–—])\s*$/u, '...');
  const normal = normalizeWaiting(text);
  if (normal.length === 0) return true;
  if (/^[.…。]+$/u.test(normal)) return true;
  if (LEXICONS.en.waiting.has(normal) || LEXICONS.zh.waiting.has(normal)) return true;
  // A smile introducing a line is how the line is said: "I smile and reply, 'Yes, I understand.'" waits as the line does.
  return isPassive(asFirstPerson(text, isKnownVerb).replace(SPEECH_TAG, ' '), ACTION);
});

/** Whether an English word is one the readers know as something done or felt ("kill", "hope"). */
function isKnownVerb(word: string): boolean {
  return LEXICONS.en.action.hasWord(word) || LEXICONS.en.feeling.hasWord(word);
}

/**
 * Every pacing cue in one player message. Remembered for the last few texts and shared between
 * callers, so the object is frozen. `heard`, what the player had just heard (the narrator's last
 * reply), reads what only the line before gives a message: an answer to table talk, an echo, a vow.
 */
export function readCues(text: string, heard?: string): Readonly<MessageCues> {
  const own = cuesOf(text);
  if (!heard || heard.trim().length === 0) return own;
  // A message that answers table talk is table talk: nothing in it is said in the story.
  if (answersTableTalk(text, heard, own.action > 0))
    return Object.freeze({
      ...own,
      inCharacter: false,
      // A mark with no word ("?", "（？）") is a start whether at the dice or at the story: it still waits.
      waiting: own.waiting && !/[\p{L}\p{N}]/u.test(text),
      shortImperative: false,
      lingering: false,
      worldQuestion: false,
      score: 0,
    });
  // An echo of the line before asks for nothing: the player waits, whatever verb the echo repeats.
  if (echoes(text, heard, isWaiting)) return Object.freeze({ ...own, waiting: true, shortImperative: false, lingering: false, score: 0 });
  // "I do." to a vow question is the vow, and a vow is dwelt on.
  if (answersVow(text, heard))
    return Object.freeze({ ...own, feeling: own.feeling + 1, shortImperative: false, score: Math.min(own.score, -DWELT_LEAN) });
  // Praise going on with a eulogy the line before began dwells on the one honoured.
  if (continuesEulogy(text, heard))
    return Object.freeze({ ...own, feeling: own.feeling + 1, shortImperative: false, score: Math.min(own.score, -DWELT_LEAN) });
  return own;
}

/** How far a vow given in answer, or praise in a eulogy, leans toward the slow burn: past the planner's mark, as a feeling said outright would. */
const DWELT_LEAN = 0.5;

const cuesOf = boundedMemo(REMEMBERED, (text: string): Readonly<MessageCues> => {
  const { notes, rest } = ownNotes(text);
  let ooc: OocCue | undefined;
  for (const note of notes) {
    const direction = oocDirection(note);
    if (direction) ooc = Object.freeze({ direction, text: note });
  }
  const cjk = rest.match(CJK_CHAR)?.length ?? 0;
  const latin = rest.replace(CJK_CHAR, ' ').match(LATIN_WORD)?.length ?? 0;
  const words = latin + cjk * 0.6;
  const inCharacter = rest.trim().length > 0;
  const lexicons = [LEXICONS.en, LEXICONS.zh];
  let action = 0;
  let feeling = 0;
  let timeSkip: string | undefined;
  let worldQuestion = false;
  let actionLed = false;
  const trimmed = rest.trim();
  const plain = withoutCompounds(trimmed);
  const body = textOf(plain);
  // A pose under the character's name leads with its verb as "I ..." does ("Aria Vell draws her sword");
  // a message that is no pose reads as it is, already blanked above.
  // An act done at leisure leads nothing ("I take the lantern slowly from the hook").
  const asI = withoutUnhurriedActs(asFirstPerson(trimmed, isKnownVerb));
  const posed = asI === trimmed ? body : textOf(withoutCompounds(asI));
  // Another's act is cut before names are blanked: "as Mara draws" needs the name to be found.
  const done = textOf(
    withoutCompounds(withoutUnhurriedActs(trimmed).replace(OTHERS_ACT, ' '))
      .replace(ASKED_DONE, ' ')
      .replace(NEGATED, ' ')
      .replace(PAST_TOLD, ' '),
  );
  const told = textOf(statements(plain));
  for (const lex of lexicons) {
    action += lex.action.matches(done).length;
    if (lex === LEXICONS.en) action += (plain.match(URGING)?.length ?? 0) + (plain.match(ALARM)?.length ?? 0);
    const toldFeelings = lex.feeling.matches(told).length;
    feeling += toldFeelings + QUESTION_FEELING * Math.max(0, lex.feeling.matches(body).length - toldFeelings);
    timeSkip ??= lex.timeSkip.matches(body)[0];
    if (/[?？]/u.test(rest) && lex.worldQuestion.matches(body).length > 0) worldQuestion = true;
    if (lex.action.leads(posed)) actionLed = true;
  }
  const waiting = inCharacter && isWaiting(rest);
  const share = dialogueShare(rest);
  const shortImperative = actionLed && words <= 12 && !waiting;
  const lingering = !waiting && words >= 20 && (feeling > action || share >= 0.25);

  let raw = 0;
  if (inCharacter && !waiting) {
    // What the message does, by the density of its cues: length alone says nothing (a terse
    // "I wait." is not fast, a long interview question is not slow, a paragraph of action is fast).
    raw += clamp((CUE_WEIGHT * (action - feeling)) / Math.max(words, 3) ** LENGTH_POWER, -1, 1);
    if (actionLed) raw += 0.3;
    if (timeSkip) raw += 0.8;
    if (worldQuestion) raw += 0.15;
  }
  return Object.freeze({
    words,
    action,
    feeling,
    actionLed,
    shortImperative,
    dialogueShare: share,
    lingering,
    ...(timeSkip ? { timeSkip } : {}),
    worldQuestion,
    waiting,
    ...(ooc ? { ooc } : {}),
    inCharacter,
    score: Math.tanh(raw * 1.3),
  });
});
