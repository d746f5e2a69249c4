/**
 * English fact patterns: names, relations (people and pets), promises, possessions, places,
 * likes and dislikes, and trades, each anchored on the player's own "I" or "my", so what the
 * player says of someone else ("his dog is called Biscuit") is never taken for their own.
 */
import { fold, trimClause, trimSentence, type Found, type Pattern } from './fact-patterns.js';

const RELATIONS = [
  'best friend',
  'mother',
  'father',
  'mom',
  'mum',
  'dad',
  'sister',
  'brother',
  'son',
  'daughter',
  'wife',
  'husband',
  'friend',
  'lover',
  'partner',
  'fiancé',
  'fiancée',
  'fiance',
  'fiancee',
  'uncle',
  'aunt',
  'cousin',
  'grandmother',
  'grandfather',
  'grandma',
  'grandpa',
  'niece',
  'nephew',
  'mentor',
  'master',
  'apprentice',
  'enemy',
  'rival',
  'boss',
  'teacher',
  'student',
  'captain',
  'guardian',
  'twin',
  'girlfriend',
  'boyfriend',
  'stepmother',
  'stepfather',
  // Pets and mounts are named like kin, and remembered like them.
  'dog',
  'cat',
  'horse',
  'pony',
  'mare',
  'stallion',
  'hound',
  'puppy',
  'kitten',
  'parrot',
  'falcon',
  'hawk',
  'raven',
  'crow',
  'owl',
  'wolf',
  'fox',
  'ferret',
  'rabbit',
  'goat',
  'mule',
  'donkey',
  'bird',
  'snake',
  'lizard',
];
const AGE = '(?:(?:older|younger|little|big|baby|elder|twin|kid|step|half|old|young)\\s+)?';
const REL = `${AGE}(?:${RELATIONS.map((r) => r.replace(/ /g, '\\s+')).join('|')})`;
/** Kin and those the player serves or learns from, as they are called to their face. */
const ADDRESS =
  'Mother|Father|Mom|Mum|Dad|Mama|Papa|Sister|Brother|Uncle|Auntie|Aunt|Grandma|Grandpa|Grandmother|Grandfather|Master|Mistress|Teacher|Sensei|Mentor';
/** Address words that chat also types in lower case as slang ("thanks brother", "mama mia"): read only capitalised. */
const SLANG_ADDRESS = new Set(['brother', 'sister', 'mama', 'papa']);
/** Words before a noun that make it someone's or some one ("your master", "a teacher", "the Mother"). */
const DETERMINERS = 'a|an|the|my|your|his|her|its|our|their|this|that|whose|which|what|no|any|some|every';
/** A bare reply that an address can follow: "No, Mistress.", "Yes father", "Thank you, Mother." */
const REPLIES =
  'no|yes|yeah|yep|nope|aye|nay|thanks|thank you|sorry|please|of course|very well|as you wish|at once|right away|understood|forgive me|goodbye|farewell|good night|good morning|good evening|hello|hi|greetings|welcome';
/**
 * Those the player says they are someone's to, in the second person: "you are my best friend",
 * "you have been my strength and my teacher", "now I can make you my wife". Each item of a list
 * may be one; a hypothetical ("if you were my brother") is none.
 */
const YOU_ARE_MY = new RegExp(
  `\\b(?:you(?:['’]re|\\s+are|\\s+were|['’]ve\\s+been|\\s+have\\s+been|\\s+had\\s+been|['’]ll\\s+be|\\s+will\\s+be|\\s+became|\\s+have\\s+become)|(?:make|made|call|called|name|named)\\s+you)\\s+(?:always\\s+)?((?:my\\s+[^,.;!?\\n]{1,30}?(?:,\\s+(?:and\\s+)?|\\s+and\\s+))*my\\s+(${REL}))\\b(?!['’-])`,
  'giu',
);
/** Make-believe just before a clause: what follows is pretended or imagined, not so. */
const MAKE_BELIEVE = /\b(?:pretend(?:s|ed|ing)?|imagin(?:e|es|ed|ing)|make[- ]believe|daydream(?:s|ed|ing)?)\s+(?:that\s+)?$/iu;
const HYPOTHETICAL = /\b(?:if|as if|as though|like|wish|unless|whether)\b[^.!?;\n]*$/iu;

/** Nouns that make "I have a ..." a relation rather than a possession. */
const RELATION_NOUN = new RegExp(`^(?:a|an|one|two|three|my)\\s+${REL}s?\\b(?!['’])`, 'iu');

/** A capitalised name of one or two words. */
const NAME = "[A-Z][\\p{L}'\\-]+(?:\\s+[A-Z][\\p{L}'\\-]+)?";
/** Capitalised words in a name's place that are not names. */
const NOT_NAMES = new Set([
  'I',
  "I'm",
  "I've",
  "I'll",
  "I'd",
  'Not',
  'So',
  'Sorry',
  'Here',
  'Fine',
  'Okay',
  'OK',
  'Just',
  'Still',
  'Back',
  'Home',
  'Ready',
  'Sure',
  'Done',
  'Going',
  'The',
  'A',
  'An',
  'Your',
  'His',
  'Her',
  'Their',
  'Very',
  'Really',
  'Too',
  'English',
  'French',
  'German',
  'American',
  'British',
  'Chinese',
  'Human',
  'Afraid',
  'Glad',
  'And',
  'But',
  'Is',
  'Was',
  'He',
  'She',
  'They',
  'We',
  'You',
  'It',
]);
const isName = (name: string): boolean => !NOT_NAMES.has(name.split(/\s+/)[0]) && !/'s$/.test(name);

/** Things one "has" that are not possessions: moods, plans, questions, quantities. */
const NOT_POSSESSIONS =
  /^(?:feeling|bad feeling|question|moment|minute|second|headache|look|word|few|hunch|right|chance|lot|idea|ideas|thing|problem|plan|way|job|point|favou?r|choice|date|meeting|deal|lead|sense|suspicion|theory|dream|thought|secret|bit|little|couple|sneaking|strange|weird|good|great|better|hard|long|busy|day|limit|something|nothing|anything|everything|time|life|special)\b/i;

/** "I have a room booked", "a system set up": something arranged, not a thing owned. */
const ARRANGED = /\s(?:set up|booked|arranged|lined up|scheduled|reserved)\b/i;

/** "... to catch", "... to keep me warm": a verb after "to" (not "to the", "to my"). */
const FOR_A_PURPOSE = /\sto\s+(?!(?:a|an|the|my|your|his|her|our|their|this|that|these|those|me|him|them|us|you)\b)\p{Ll}+/u;

/** Words after a carried thing that make carrying a movement. */
const MOTION = /\s(?:closer|to|towards?|into|across|over|up|down|back|out|away|through|onto|inside|outside|along)\b/i;

/** Objects of "I love / I hate" that are about the listener or the moment, not a taste. */
const NOT_TASTES =
  /^(?:you|your|yours|him|her|them|us|me|it|its|it's|that|this|these|those|to|how|what|when|where|why|who|the way|the idea|the thought|being|every|each|all|so|too|very|myself|yourself|his|their|our|a lot|one|nothing|everything|another|any more|anymore|one more)\b/i;
/** "I love the feeling of ...": a reaction to the moment, not a lasting taste. */
const REACTIONS = /^the\s+(?:sound|feeling|satisfaction|thrill|rush|thought|idea|sight)\s+of\b/i;
const MENTIONS_LISTENER = /\b(?:you|your|yours)\b/i;

/** The noun phrase after a verb, up to punctuation or a clause break, at most `words` words. */
const PHRASE =
  "([\\p{L}\\p{N}'’\\-]+(?:[ \\t]+(?!(?:but|because|while|when|so|then|if|though|although|since|which|who|that)\\b)[\\p{L}\\p{N}'’\\-]+)*)";

const OCCUPATIONS = [
  'blacksmith',
  'smith',
  'builder',
  'carpenter',
  'farmer',
  'fisherman',
  'hunter',
  'sailor',
  'soldier',
  'knight',
  'guard',
  'watchman',
  'merchant',
  'trader',
  'healer',
  'doctor',
  'nurse',
  'physician',
  'priest',
  'priestess',
  'monk',
  'nun',
  'teacher',
  'student',
  'scholar',
  'scribe',
  'baker',
  'cook',
  'chef',
  'innkeeper',
  'tailor',
  'miner',
  'mason',
  'thief',
  'assassin',
  'mercenary',
  'bard',
  'musician',
  'singer',
  'painter',
  'writer',
  'poet',
  'actor',
  'actress',
  'detective',
  'journalist',
  'reporter',
  'lawyer',
  'witch',
  'wizard',
  'mage',
  'sorcerer',
  'alchemist',
  'apothecary',
  'herbalist',
  'ranger',
  'scout',
  'pilot',
  'engineer',
  'mechanic',
  'programmer',
  'waiter',
  'waitress',
  'butler',
  'courier',
  'messenger',
  'shepherd',
  'woodcutter',
  'miller',
  'brewer',
  'cobbler',
  'jeweller',
  'jeweler',
  'potter',
  'weaver',
  'librarian',
  'cartographer',
  'navigator',
  'fisherwoman',
  'midwife',
  'smuggler',
  'pirate',
];
const OCCUPATION = `(?:(?:skilled|professional|trained|retired|former|master|journeyman|humble|simple|travelling|traveling|young|old)\\s+)?(${OCCUPATIONS.join('|')})`;

/**
 * Nouns for a person as such: with an adjective before them, after "only a" / "just a", they say
 * what the player's lot is ("only a blind old woman"). Compounds in -hand, -man, -woman, -maid,
 * -boy, -girl are people too ("farmhand", "ferryman"); trades are in OCCUPATIONS.
 */
const PERSONS =
  'man|woman|person|boy|girl|lad|lass|fellow|guy|kid|child|soul|creature|widow|widower|orphan|beggar|peasant|servant|commoner|slave|nobody|vagrant|drifter|wanderer|traveller|traveler|foreigner|outcast|exile|refugee|\\p{L}+(?:hand|man|woman|maid|boy|girl)';
const LOT = `\\bI(?:'m| am)\\s+(?:just|only|merely|simply|nothing but|but)\\s+(a|an)\\s+((?:[\\p{L}-]+\\s+){1,3}?(?:${PERSONS}|${OCCUPATIONS.join('|')}))\\b(?!['’-])`;

/** Drops the function words a word limit leaves at a phrase's end ("teased by a" to "teased"). */
const tidy = (phrase: string): string => phrase.replace(/(?:\s+(?:a|an|the|my|your|his|her|their|and|or|some|little|by|very|so))+$/i, '');

/**
 * A phrase still ending in a preposition ("the sound of" before "that") lost its object to a
 * clause break: too unsure to keep.
 */
const dangling = (phrase: string): boolean => /\s(?:of|to|for|with|about|in|at|on|as|that)$/i.test(phrase);

const cut = (text: string, words: number): string => tidy(trimClause(text.replace(/^that\s+(?=\S+\s)/i, ''), words));

function taste(kind: 'likes' | 'hates' | 'fears', what: string, player: string): Found | undefined {
  const thing = cut(what, 6);
  if (!thing || NOT_TASTES.test(thing) || REACTIONS.test(thing) || MENTIONS_LISTENER.test(thing)) return undefined;
  if (dangling(thing)) return undefined;
  const verb = kind === 'likes' ? 'likes' : kind === 'hates' ? 'hates' : 'is afraid of';
  return { text: `${player} ${verb} ${thing}.`, subject: thing.toLowerCase(), value: kind };
}

function relation(name: string, rel: string, player: string): Found | undefined {
  if (!isName(name)) return undefined;
  const r = fold(rel);
  return { text: `${name} is ${player}'s ${r}.`, subject: name, value: r };
}

function promise(whole: string, rest: string, player: string): Found | undefined {
  const content = rest.replace(/^[\s,:;—–-]+/, '').trim();
  // "I promise." or "I promise nothing" commits to nothing.
  if (content.split(/\s+/).filter(Boolean).length < 2 && !/^(?:to|that)\b/i.test(content)) return undefined;
  // "I swear, if this is ..." is an oath of exasperation, not a promise.
  if (/^(?:nothing|if|by|on|to god)\b/i.test(content)) return undefined;
  const said = trimSentence(whole);
  return { text: `${player} promised: "${said}".`, subject: said.toLowerCase(), value: 'promised' };
}

export const ENGLISH: Pattern[] = [
  {
    kind: 'name',
    regex: new RegExp(`\\b(?:[Mm]y name is|[Mm]y name's|[Cc]all me|[Tt]hey call me|[Nn]ame's)\\s+(${NAME})`, 'gu'),
    render: (m) => (isName(m[1]) ? { text: `The player's character is named ${m[1]}.`, subject: 'player', value: m[1] } : undefined),
  },
  {
    kind: 'name',
    // "I'm Currently directing a play": a capitalised word before a verb in -ing is not a name.
    regex: new RegExp(`\\bI(?:'m| am)\\s+(${NAME})\\b(?!\\s+\\p{Ll}+ing\\b)`, 'gu'),
    render: (m) => (isName(m[1]) ? { text: `The player's character is named ${m[1]}.`, subject: 'player', value: m[1] } : undefined),
  },
  {
    // A letter signed "- Ben" at the very end (markdown leftovers after it are ignored). The dash
    // opens a line or follows a finished sentence: after a word on the same line ("Gestures -
    // Shrug", "Mood - Calm") it joins a label to its value, and that value is no signature.
    kind: 'name',
    regex: /(?<=(?:^|[\n.!?…)\]"'”’\p{Extended_Pictographic}])[ \t]*)(?<=\s|^)[-–—]\s?([A-Z][\p{L}'-]+)\s*(?:\[[^\]]*\]\([^)]*\)\s*)*$/gu,
    render: (m) => (isName(m[1]) ? { text: `The player's character is named ${m[1]}.`, subject: 'player', value: m[1] } : undefined),
  },
  { kind: 'relationship', regex: new RegExp(`\\b(${NAME}) is my (${REL})\\b`, 'gu'), render: (m, p) => relation(m[1], m[2], p) },
  {
    kind: 'relationship',
    regex: new RegExp(`\\b[Mm]y (${REL}),?\\s+(?:(?:is|was)\\s+)?(?:(?:named|called)\\s+)?(${NAME})`, 'gu'),
    render: (m, p) => relation(m[2], m[1], p),
  },
  {
    kind: 'relationship',
    regex: new RegExp(
      `\\bI(?:'ve\\s+got|\\s+have(?:\\s+got)?|\\s+got|\\s+had)\\s+(?:a|an|one)\\s+(${REL})\\s*(?:,\\s*(?:(?:named|called)\\s+)?|\\s+(?:named|called)\\s+)(${NAME})`,
      'gu',
    ),
    render: (m, p) => relation(m[2], m[1], p),
  },
  { kind: 'relationship', regex: new RegExp(`\\bI named my (${REL}) (${NAME})`, 'gu'), render: (m, p) => relation(m[2], m[1], p) },
  {
    // "Brother, run.", "I'm tired, Mistress.", "Thank you Mother.": kin, or the one the player
    // serves, called by that word alone is the player's. Capitalised, as a name is; standing alone
    // before a comma or the sentence's end at its start, or after a comma or "you" at its end.
    // Words anyone is called by ("boss", "friend", "lord") and a title before a name ("Captain
    // Vell") are left out.
    kind: 'relationship',
    regex: new RegExp(
      `(?:(?:^|[.!?…]\\s+|["“*]\\s*)(${ADDRESS})(?=\\s*[,.!?…])|(?:,|\\byou)\\s+(?:my\\s+)?(${ADDRESS})(?=\\s*(?:[.!?…"”*]|$)))`,
      'gmu',
    ),
    render: (m, p) => {
      const called = m[1] ?? m[2];
      const rel = called.toLowerCase();
      return { text: `${p} speaks to their ${rel} ("${called}").`, subject: `${p}'s ${rel} (called so)`, value: rel };
    },
  },
  {
    // "Problems Mistress?", "if you wish mistress?", "No mistress..": kin or the one the player
    // serves, called at the end of a question or after a bare reply, without the comma and the
    // capital that chat often leaves out. After a determiner or a possessive ("is he your
    // master?", "a teacher?") the word is someone's or some one, not the one spoken to.
    kind: 'relationship',
    regex: new RegExp(
      `(?<!\\b(?:${DETERMINERS})\\s+)\\b(${ADDRESS})(?=\\s*[?？])|(?:^|[.!?…]\\s+)(?:${REPLIES}),?\\s+(${ADDRESS})(?=\\s*(?:[.!?…,]|$))`,
      'gimu',
    ),
    render: (m, p) => {
      const called = m[1] ?? m[2];
      const rel = called.toLowerCase();
      if (called === rel && SLANG_ADDRESS.has(rel)) return undefined;
      return { text: `${p} speaks to their ${rel} ("${called}").`, subject: `${p}'s ${rel} (called so)`, value: rel };
    },
  },
  {
    kind: 'relationship',
    regex: YOU_ARE_MY,
    render: (m, p) => {
      const sentence = m.input.slice(0, m.index);
      if (HYPOTHETICAL.test(sentence.slice(Math.max(sentence.search(/[^.!?\n]*$/u), 0)))) return undefined;
      const rel = fold(m[2]);
      return { text: `${p} says the one they speak to is their ${rel}.`, subject: `${p}'s ${rel} (the one spoken to)`, value: rel };
    },
  },
  {
    // "my sister is a healer", "My father was a blacksmith": a relation the player names by what
    // it does rather than by name is still theirs. Only a trade: "my brother is a fool" is an
    // opinion, and "my sister would be with him" says nothing lasting of her.
    kind: 'relationship',
    regex: new RegExp(`\\bmy\\s+(${REL})(?:\\s+(is|was)|['’]s)\\s+(?:a|an)\\s+${OCCUPATION}\\b`, 'giu'),
    render: (m, p) => {
      const rel = fold(m[1]);
      const job = m[3].toLowerCase();
      const was = m[2]?.toLowerCase() === 'was' ? 'was' : 'is';
      return {
        text: `${p}'s ${rel} ${was} ${/^[aeiou]/.test(job) ? 'an' : 'a'} ${job}.`,
        subject: `${p}'s ${rel}`,
        value: `${rel}, ${job}`,
      };
    },
  },
  {
    kind: 'relationship',
    regex: new RegExp(`\\bI(?:'m| am)\\s+(${NAME})'s\\s+(${REL})\\b`, 'gu'),
    render: (m, p) =>
      isName(m[1]) ? { text: `${p} is ${m[1]}'s ${fold(m[2])}.`, subject: m[1], value: `player is ${fold(m[2])}` } : undefined,
  },
  {
    kind: 'relationship',
    regex: new RegExp(`\\bI love you,?\\s+(${NAME})\\b`, 'gu'),
    render: (m, p) => (isName(m[1]) ? { text: `${p} loves ${m[1]}.`, subject: m[1], value: 'loved by the player' } : undefined),
  },
  {
    kind: 'promise',
    regex: /\bI\s+(?:promise|promised|swear|swore|vow|vowed|give you my word|gave (?:you |him |her |them )?my word)\b([^.!?\n]*)/giu,
    render: (m, p) => promise(m[0], m[1], p),
  },
  {
    kind: 'promise',
    regex: /\bI\s+(?:made|make)\s+(?:a\s+)?(?:promise|vow|oath)\b([^.!?\n]*)/giu,
    render: (m, p) => promise(m[0], m[1], p),
  },
  {
    kind: 'promise',
    regex: /\bno matter what(?:\s+happens)?,?\s+(I(?:'ll| will)\s+[^.!?\n]+)/giu,
    render: (m, p) => promise(m[1], m[1].replace(/^I(?:'ll| will)\s+/i, ''), p),
  },
  {
    kind: 'possession',
    regex:
      /\bI(?:'ve\s+got|\s+(have|carry|own|still have|brought|have got))\s+((?:a|an|the|my|two|three|some|this|that)\s+(?:(?!\s(?:and|but|while|so|then|because|in mind|that|which|who|planned|ahead|I)\s)[^.,!?;\n])+)/giu,
    render: (m, p) => {
      // "I carry the lantern closer to the wall" moves a thing; it does not say the player owns it.
      if (/^(?:carry|brought)$/i.test(m[1] ?? '') && MOTION.test(m[2])) return undefined;
      // "I pretend I have my dragon with me", "imagine I had a sword": what is make-believe is not owned.
      if (MAKE_BELIEVE.test((m.input ?? '').slice(0, m.index ?? 0))) return undefined;
      if (ARRANGED.test(m[2])) return undefined;
      // "I have a train to catch", "my spells to keep me warm": a thing had for a purpose or a duty
      // is what it is for, not what is owned.
      if (FOR_A_PURPOSE.test(m[2])) return undefined;
      const what = tidy(trimClause(m[2], 6));
      const noun = what.replace(/^(a|an|the|my|two|three|some|this|that)\s+/i, '');
      // "a little" is a quantity ("a little time"); after "this", "that", "my" or "the" it is the
      // thing's size ("this little deck of cards"), and the noun after it is what is owned.
      const core = /^(?:the|my|this|that)\s+little\s+\S/i.test(what) ? noun.replace(/^little\s+/i, '') : noun;
      if (core !== noun && new RegExp(`^(?:${PERSONS})\\b`, 'iu').test(core)) return undefined;
      if (NOT_POSSESSIONS.test(core) || RELATION_NOUN.test(what) || MENTIONS_LISTENER.test(what) || dangling(what)) return undefined;
      return { text: `${p} has ${what.replace(/^my\s+/i, 'their ')}.`, subject: noun.toLowerCase(), value: 'owned' };
    },
  },
  {
    kind: 'place',
    regex: new RegExp(
      `\\bI\\s+(?:live|lived|have lived|'ve lived|still live)\\s+(?:in|at|on|near|by|above|below|outside)\\s+${PHRASE}`,
      'gu',
    ),
    render: (m, p) => {
      const where = trimClause(m[1], 8);
      return /^(?:a|an|the|[A-Z])/.test(where) ? { text: `${p} lives in ${where}.`, subject: 'home', value: where } : undefined;
    },
  },
  {
    kind: 'place',
    regex: /\bI(?:'m| am| come| came| was born| was raised| grew up)\s+(?:from|in)\s+((?:the\s+)?[A-Z][\p{L}'-]*(?:\s+[A-Z][\p{L}'-]*)*)/gu,
    render: (m, p) =>
      isName(m[1].replace(/^the\s+/, '')) ? { text: `${p} comes from ${m[1]}.`, subject: 'origin', value: m[1] } : undefined,
  },
  {
    kind: 'preference',
    regex: new RegExp(
      `\\bI\\s+(?:(?:really|truly|also|just|absolutely|do|still|always|especially|simply)\\s+)*(hate|hated|loathe|despise|detest|can't stand|cannot stand|love|loved|adore|like|enjoy|enjoyed)\\s+${PHRASE}`,
      'giu',
    ),
    render: (m, p) => {
      // "I enjoy the silence for a moment" narrates the moment; "I enjoy sea fishing" is a taste.
      if (/^enjoy/i.test(m[1]) && /^(?:the|this|that)\s/i.test(m[2])) return undefined;
      return taste(/hate|loathe|despise|detest|stand/i.test(m[1]) ? 'hates' : 'likes', m[2], p);
    },
  },
  {
    kind: 'preference',
    regex: new RegExp(
      `\\bI(?:'m| am)\\s+(?:(?:really|so|very|terribly|deathly|always)\\s+)?(?:afraid|scared|terrified|frightened)\\s+of\\s+${PHRASE}`,
      'giu',
    ),
    render: (m, p) => taste('fears', m[1], p),
  },
  {
    kind: 'preference',
    regex: new RegExp(`\\b[Mm]y\\s+(?:all-time\\s+)?favou?rite\\s+[\\p{L} ]{1,20}?\\s+(?:is|are|was|involves?)\\s+${PHRASE}`, 'gu'),
    // "My favourite fantasy involves being tied up": the gerund is the taste here.
    render: (m, p) => taste('likes', m[1].replace(/^being\s+/i, ''), p),
  },
  {
    kind: 'preference',
    regex: new RegExp(
      `\\bI(?:'ve|\\s+have)?\\s+(?:always\\s+)?(?:had|have|got)\\s+a\\s+(?:real\\s+|soft\\s+)?thing\\s+for\\s+${PHRASE}`,
      'giu',
    ),
    render: (m, p) => taste('likes', m[1], p),
  },
  {
    kind: 'preference',
    regex: new RegExp(
      `\\bI(?:'m| am)\\s+(?:(?:really|pretty much|pretty|so|totally|very|big|huge)\\s+)*(?:into|all about)\\s+${PHRASE}`,
      'giu',
    ),
    render: (m, p) => taste('likes', m[1], p),
  },
  {
    // "I'm really good at trails", "I am good with horses": a skill the player claims, a lasting fact
    // about them ("I'm good at this point" is no skill: a skill is a thing or a doing, not a moment).
    kind: 'other',
    regex:
      /\bI(?:'m|’m| am)\s+(?:(?:really|pretty|very|so|quite|actually|kind of|rather)\s+)*good\s+(at|with)\s+((?!this\b|that\b|it\b|the moment\b|times?\b)[\p{L}'-]+(?:\s+(?!and\b|but\b|so\b|because\b)[\p{L}'-]+)?)/giu,
    render: (m, p) => ({ text: `${p} is good ${m[1].toLowerCase()} ${m[2]}.`, subject: 'skill', value: m[2].toLowerCase() }),
  },
  {
    kind: 'other',
    regex: /\bI\s+work\s+as\s+(?:a|an)\s+([\p{L}'-]+(?:\s+[\p{L}'-]+)?)/giu,
    render: (m, p) => {
      const job = m[1].replace(/\s+(?:at|in|for|on)$/i, '');
      return { text: `${p} works as a ${job}.`, subject: 'occupation', value: job.toLowerCase() };
    },
  },
  {
    kind: 'other',
    regex: new RegExp(`\\bI(?:'m| am)\\s+(?:a|an)\\s+${OCCUPATION}\\b`, 'giu'),
    render: (m, p) => ({ text: `${p} is a ${m[1].toLowerCase()}.`, subject: 'occupation', value: m[1].toLowerCase() }),
  },
  {
    // "As a doctor, I can't promise that": a trade the player speaks from.
    kind: 'other',
    regex: new RegExp(`\\bAs\\s+(?:a|an)\\s+${OCCUPATION}\\s*,?\\s+I\\b`, 'giu'),
    render: (m, p) => ({ text: `${p} is a ${m[1].toLowerCase()}.`, subject: 'occupation', value: m[1].toLowerCase() }),
  },
  {
    // "I am Kashaw, a cartwright.": in a self-introduction the noun after the name says what the
    // player is, listed trade or not. A relation ("I'm Bram, a friend") is no trade, and a phrase
    // that goes on ("a friend of your father's", "a bit tired today") is not a bare role.
    kind: 'other',
    regex: new RegExp(`\\bI(?:'m| am)\\s+(${NAME}),\\s+(a|an)\\s+(\\p{Ll}[\\p{Ll}-]+)(?=\\s*(?:[.!?;]|$))`, 'gu'),
    render: (m, p) =>
      isName(m[1]) && !RELATIONS.includes(m[3]) ? { text: `${p} is ${m[2]} ${m[3]}.`, subject: 'occupation', value: m[3] } : undefined,
  },
  {
    // "I'm only a blind old woman", "i'm just a homeless man": the lot in life the player is
    // resigned to. An adjective is needed ("just a man" says nothing lasting), and the noun must be
    // a person ("just a little tired", "only a minute away" are a mood and a moment).
    kind: 'other',
    regex: new RegExp(LOT, 'giu'),
    render: (m, p) => ({ text: `${p} is ${m[1].toLowerCase()} ${m[2].toLowerCase()}.`, subject: 'status', value: m[2].toLowerCase() }),
  },
  {
    kind: 'other',
    regex: /\bI(?:'m| am)\s+(?:a|an)\s+([\p{L}'-]+(?:\s+[\p{L}'-]+)?)\s+by\s+trade\b/giu,
    render: (m, p) => ({ text: `${p} is a ${m[1].toLowerCase()} by trade.`, subject: 'occupation', value: m[1].toLowerCase() }),
  },
];
