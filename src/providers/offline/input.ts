/**
 * Reads the player's last message: whether it asks something, which character it addresses, and
 * a key noun phrase the reply can reflect back so the player sees they were heard.
 */
import type { WorldPack } from '../../world/types.js';
import type { Terse } from './templates/types.js';
import { escapeRegExp } from '../../text/regexp.js';

export interface InputReading {
  question: boolean;
  /** Character id the player named, if any. */
  addressed?: string;
  /** A short noun phrase ("the wheel", "磨坊"), or ''. */
  topic: string;
  /** The topic is one of the pack's lore keys: a subject of the story, not only a thing at hand. */
  topicKnown?: boolean;
  /** True when there was anything to react to (not empty, not a bare "continue"). */
  present: boolean;
  /** The player's question or spoken words, short enough for a character to repeat, or ''. */
  echo: string;
  /** What the player did, as a gerund phrase ("looking around") or a bare Chinese clause, or ''. */
  doing: string;
  /** True when the player told or said something ("I tell him I came back"), rather than did it. */
  telling: boolean;
  /** Set when the message is only a filler ("ok", "hmm", "no", "……"): it is answered, never quoted. */
  terse?: Terse;
}

const ASSENT =
  /^(ok|okay|k|kk|yes|yeah|yep|yup|sure|fine|alright|all right|right|agreed|deal|very well|of course|好|好的|好吧|行|是|是的|对|嗯嗯|可以|成)$/i;
const REFUSAL = /^(no|nope|nah|never|not now|no thanks|不|不要|不行|没有|算了)$/i;
const SILENCE = /^(hmm+|hm+|mm+|uh+|um+|erm|ah|oh|huh|well|so|sigh|shrug|nothing|嗯|哦|唔|呃|啊|哎|……|…|\.+)$/i;
/** Asks the story to go on: answered by carrying on, not as a silence. */
const ONWARD =
  /^(and|and then|then|then what|what then|what next|what happens next|go on|continue|keep going|next|然后呢|然后|后来呢|接着呢|接着|继续|继续说|还有呢)$/i;

/** "ok." -> assent, "hmm..." -> silence, "and then?" -> onward, "…" -> silence; anything with content -> undefined. */
export function terseKind(input: string): Terse | undefined {
  const bare = input
    .trim()
    .replace(/^[*"“(]+|[*"”)]+$/g, '')
    .replace(/[.!?,。！？，~～]+$/u, '')
    .trim()
    .toLowerCase();
  if (!bare) return /[.…。]/.test(input) ? 'silence' : undefined;
  if (ASSENT.test(bare)) return 'assent';
  if (REFUSAL.test(bare)) return 'refusal';
  if (SILENCE.test(bare)) return 'silence';
  if (ONWARD.test(bare)) return 'onward';
  return undefined;
}

const IRREGULAR: Record<string, string> = { lie: 'lying', die: 'dying', tie: 'tying', see: 'seeing', be: 'being' };

/** "sit" -> "sitting", "take" -> "taking", "look" -> "looking": enough for the common verbs. */
function gerund(verb: string): string {
  const v = verb.toLowerCase();
  if (IRREGULAR[v]) return IRREGULAR[v];
  if (/[^aeiou]e$/.test(v) && v.length > 2) return `${v.slice(0, -1)}ing`;
  if (/^[^aeiou]*[aeiou][bdgmnprt]$/.test(v)) return `${v}${v.slice(-1)}ing`;
  return `${v}ing`;
}

function shortEnough(text: string, words: number): string {
  const t = text
    .trim()
    .replace(/^["“]|["”]$/g, '')
    .trim();
  return t && t.split(/\s+/).length <= words && !/["“”]/.test(t) ? t : '';
}

const STOP = new Set(
  (
    'a an the and or but if then so of to in on at by for with from into over under about as is are was were be been am do does did ' +
    'have has had it its this that these those there here he him his she her they them their we us our you your i me my not no yes ' +
    'what which who whom whose when where why how all any some just only also still again now up down out off away back very can could ' +
    'will would shall should may might must let go say tell ask look see take give get make come walk turn want know think feel try ' +
    'nothing something anything everything beside sit stand pick put continue stop start ' +
    // "find her before the thaw": after a pronoun, a preposition or adverb is no noun.
    'before after until since tonight today tomorrow soon ever yet too once ' +
    // Forms of address ("Your Majesty", "my lord") are not things in the scene.
    'majesty highness lord lady grace sir madam honor honour excellency liege dear love friend'
  ).split(' '),
);

// Telling is answered as words heard, not as something done: "Wren's eyes follow yours to the harvest" misreads it.
const TELLING_EN =
  /\b(?:I|and)\s+(?:\w+ly\s+)?(?:tell|say|explain|admit|confess|mention|whisper|murmur|answer|reply|promise|swear|insist|remind|warn|announce|declare|introduce|report)\b/i;
// "I have a key from my mother", "I grew up in Harrowgate", "Mara is my sister": said about the player, not done.
const STATEMENT_EN =
  /^\s*(?:I\s+(?:am|was|have|had|still|came|come|grew|live|lived|used to|once)\b|I['’](?:m|ve|d)\b|My\s)|\b(?:is|are|was|were)\s+my\b/i;
// A past tense makes no gerund ("grewing up"): what the player did before the story is told, not watched.
const PAST =
  /^(?:[a-z]+ed|went|came|grew|was|were|saw|took|made|said|told|knew|gave|got|left|felt|found|thought|brought|bought|ran|sat|stood|held|kept|lost|met|spoke|wrote|ate|drank|fell|forgot|heard|hid|lay|led|meant|paid|rode|rose|sang|sent|shook|stole|swore|taught|threw|woke|wore|won|did|had)$/i;
const TELLING_ZH = /^我(?:[^，。]{0,6}?)(?:说|告诉|答应|保证|发誓|承认|解释|回答)|^我(?:叫|是|姓|名叫|来自|住在)/;
// A Chinese clause that says who the player is or what they think ("我叫阿远", "我觉得") is not something seen done.
const NOT_DOING_ZH = /^(?:叫|是|姓|名叫|有|想|要|觉得|知道|说|告诉|答应|保证|发誓|来自|住在|承认|解释|回答|认为|记得)/;

// Verbs that make poor gerunds to reflect back ("I am", "I have").
const STOP_VERB = new Set([
  'am',
  'was',
  'have',
  'had',
  'do',
  'did',
  'will',
  'would',
  'can',
  'could',
  'should',
  'must',
  'may',
  'might',
  'think',
  'feel',
  'want',
  'need',
  'know',
]);

// The words after the determiner are looked at, not taken: "ask her about the letter" must leave "the"
// for the next match when "her" turns out to be a pronoun ("her about" keeps nothing).
const DETERMINER = /\b(the|a|an|my|your|his|her|their|this|that|our)\s+(?=([a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*)?))/gi;

interface DeterminerPhrase {
  determiner: string;
  /** The words kept after the determiner, cut at the first function word. */
  words: string[];
  index: number;
}

/**
 * The short noun phrases of `text` ("the wheel and" -> "the wheel"), leaving out a phrase whose
 * determiner follows straight on from the phrase before, or after a "that"/"which": that phrase is
 * the first one's relative clause ("the letter my mother left", "the key that his father gave me"
 * are about the letter and the key).
 */
function* determinerPhrases(text: string): Generator<DeterminerPhrase> {
  let previousEnd = -1;
  for (const m of text.matchAll(DETERMINER)) {
    const words: string[] = [];
    for (const w of m[2].split(/\s+/)) {
      if (STOP.has(w.toLowerCase())) break;
      words.push(w);
    }
    if (words.length === 0) continue;
    const relative = previousEnd >= 0 && /^\s+(?:(?:that|which|whom)\s+)?$/i.test(text.slice(previousEnd, m.index));
    previousEnd = m.index + m[0].length + words.join(' ').length;
    if (!relative) yield { determiner: m[1].toLowerCase(), words, index: m.index };
  }
}

// "for a while", "a lot to fix", "lead the way": a measure of time or amount is no thing in the scene
// ("Nothing about the while escapes Wren"); nor is the time named after "for" ("home for the night").
const MEASURE = /^(while|moment|bit|lot|little|minute|second|instant|spell|way|time|couple|few|kind|sort)$/i;
const SPAN = /^(night|day|evening|morning|afternoon|week|hour|year|years|winter|summer|season)$/i;

/** True when a determiner phrase at `index` of `text`, whose first word is `noun`, measures time or amount. */
function measures(text: string, index: number, noun: string): boolean {
  return MEASURE.test(noun) || (SPAN.test(noun) && /\b(?:for|all)\s+$/i.test(text.slice(0, index)));
}

/** Strips out-of-character asides so "(OOC: slower)" is not taken for story. */
function inCharacter(text: string): string {
  return text.replace(/\(\(.*?\)\)|\(\s*ooc\b.*?\)|\[\s*ooc\b.*?\]/gis, ' ').trim();
}

function nameForms(pack: WorldPack): Array<{ id: string; form: string }> {
  const out: Array<{ id: string; form: string }> = [];
  for (const c of pack.characters) {
    for (const f of [c.name, ...c.aliases, c.nickname ?? '', c.name.split(/\s+/)[0]]) {
      if (f && f.length > 1 && !/^(the|a|an)$/i.test(f)) out.push({ id: c.id, form: f });
    }
  }
  return out.sort((a, b) => b.form.length - a.form.length);
}

function loreKeys(pack: WorldPack): string[] {
  return pack.lore.flatMap((l) => l.keys).filter((k) => k.trim() && !/^\/.*\/[a-z]*$/.test(k));
}

/**
 * The character the player speaks to: named as a vocative ("Wren, ...", "..., Wren?") or as the
 * one asked, told or touched. "Who is Ilsa?" is about Ilsa, not to her: it addresses no one
 * unless she is the only character the message names.
 */
function addressedIn(text: string, pack: WorldPack): string | undefined {
  const named = nameForms(pack).filter((n) => new RegExp(`\\b${escapeRegExp(n.form)}\\b`, 'i').test(text));
  if (named.length === 0) return undefined;
  const spokenTo = named.find((n) => {
    const f = escapeRegExp(n.form);
    return (
      new RegExp(`(^|[,"“.!?]\\s*)${f}\\s*[,!?.…"”]`, 'i').test(text) ||
      new RegExp(`,\\s*${f}\\s*([?!.…"”]|$)`, 'i').test(text) ||
      new RegExp(`\\b(ask|asks|tell|tells|to|at|face|hug|kiss|thank|greet|beg|answer|follow|touch|take)\\s+${f}\\b`, 'i').test(text)
    );
  });
  if (spokenTo) return spokenTo.id;
  // "Who is Ilsa?" or "Where is Ilsa tonight?": a question about someone, asked of whoever is here.
  const about = named.find((n) => new RegExp(`\\b(is|was|about|of|did|does)\\s+${escapeRegExp(n.form)}\\b`, 'i').test(text));
  return about ? undefined : named[0].id;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * True when a `?` closes a stretch that holds a letter or digit since the last `.!?"“”`: what
 * /[\p{L}\p{N}][^.!?"“”]*\?/u finds, in one pass (the regex retries from every letter of a long
 * sentence without a question mark: 4 s on a 16 KB line).
 */
function asksInWords(text: string): boolean {
  let word = false;
  for (const ch of text) {
    if (ch === '?') {
      if (word) return true;
    } else if (ch === '.' || ch === '!' || ch === '"' || ch === '“' || ch === '”') {
      word = false;
    } else if (!word && WORD_CHAR.test(ch)) {
      word = true;
    }
  }
  return false;
}

/** Reads an English (or other spaced-script) message. */
const EMOTE = /\*([^*\n]{1,200})\*/;
const EMOTES = /\*[^*\n]{1,200}\*/g;

function readLatin(text: string, pack: WorldPack): InputReading {
  const lower = text.toLowerCase();
  // "Ezra?" calls someone; it asks nothing a piece of lore could answer.
  const withoutNames = nameForms(pack).reduce((t, n) => t.replace(new RegExp(`\\b${escapeRegExp(n.form)}\\b`, 'gi'), ''), text);
  const asks = asksInWords(withoutNames.replace(/^\s*I\s[^."“]*[.!]/, ''));
  // "I ask about the letter" asks as surely as a question mark does.
  const question =
    asks ||
    /^\s*"?(who|what|where|when|why|how|is|are|do|does|did|can|could|will|would)\b/i.test(text) ||
    /(^|[.!]\s+)I\b[^."“]*\bask\b/i.test(text);
  const addressed = addressedIn(text, pack);
  const key = loreKeys(pack)
    .sort((a, b) => b.length - a.length)
    .find((k) => new RegExp(`\\b${escapeRegExp(k)}\\b`, 'i').test(lower));
  const phrases: string[] = [];
  for (const { determiner: det, words, index } of determinerPhrases(text)) {
    if (measures(text, index, words[0])) continue;
    const lead =
      det === 'my'
        ? 'your'
        : det === 'your' || det === 'a' || det === 'an' || det === 'this' || det === 'that' || det === 'our'
          ? 'the'
          : det;
    phrases.push(`${lead} ${words.join(' ')}`);
  }
  let topic = '';
  if (key) {
    // Cut the phrase at the key: "the wheel stop" -> "the wheel".
    const phrase = phrases.find((p) => p.toLowerCase().includes(key.toLowerCase()));
    const at = phrase ? phrase.toLowerCase().indexOf(key.toLowerCase()) + key.length : -1;
    topic = phrase ? phrase.slice(0, at) : /^[A-Z]/.test(key) ? key : `the ${key.toLowerCase()}`;
  } else if (phrases.length > 0) topic = phrases[phrases.length - 1];
  const present = /[\p{L}\p{N}]/u.test(text) && !/^\s*(continue|go on|\.\.\.)\s*$/i.test(text);
  // "*I laugh softly* You haven't changed": the starred part is what the player does, the rest what they say.
  const emote = EMOTE.exec(text)?.[1];
  const said = emote === undefined ? '' : text.replace(EMOTES, ' ').replace(/\s+/g, ' ').trim();
  const quoted = /"([^"]{2,120})"|“([^”]{2,120})”/.exec(text);
  const spoken = quoted ? (quoted[1] ?? quoted[2] ?? '') : /\p{L}/u.test(said) ? said : undefined;
  const action = /^\s*I\s+(?:(?:just|slowly|quietly|carefully|gently|only|still)\s+)?([a-z]+)((?:\s+[a-z'’]+){0,3})/i.exec(emote ?? text);
  const statement = STATEMENT_EN.test(text);
  const telling = TELLING_EN.test(text) || statement || Boolean(spoken);
  let doing = '';
  // "I tell her I came to serve": "watches you telling her" reads as a stage direction.
  if (action && !statement && !STOP_VERB.has(action[1].toLowerCase()) && !PAST.test(action[1]) && !TELLING_EN.test(`I ${action[1]}`)) {
    const rest: string[] = [];
    for (const w of action[2].trim().split(/\s+/).filter(Boolean)) {
      // A clause after the verb ("ask Ilsa what she wants") does not fit in a gerund phrase.
      if (/^(and|but|then|while|as|because|what|who|whom|why|how|where|when|whether|if|that|he|she|they|it|we|i)$/i.test(w)) break;
      if (/^to$/i.test(w) && rest.length > 0) break;
      rest.push(w.toLowerCase() === 'my' ? 'your' : w.toLowerCase() === 'me' ? 'you' : w);
    }
    doing = [gerund(action[1]), ...rest].join(' ');
  }
  const echo = spoken !== undefined ? shortEnough(spoken, 12) : question || !action ? shortEnough(text, 12) : '';
  return {
    question,
    addressed,
    topic: present ? topic : '',
    ...(present && key ? { topicKnown: true } : {}),
    present,
    echo: present ? echo : '',
    doing: present ? doing : '',
    telling,
  };
}

// A clause that asks: a final question particle, or a question word anywhere in it.
const QUESTION_CLAUSE_ZH = /[吗呢么嘛][？?]?$|谁|什么|哪|怎么|为什么|为何|几|多少|是否|有没有|是不是/u;

/** Reads a Chinese (or other unspaced-script) message; Latin words never become the topic. */
function readCjk(text: string, pack: WorldPack): InputReading {
  // 什么/怎么 also appear in statements ("什么也没说"): only a question mark, a final particle or a
  // leading question word counts.
  const question =
    /[?？]/.test(text) ||
    /(吗|呢)[。！…\s]*$/.test(text) ||
    /^[^，。]{0,6}(为什么|怎么|谁|哪里|哪儿|什么时候|多少)/.test(text) ||
    /^(告诉我|说说|讲讲|说吧)/.test(text.trim());
  const addressed = nameForms(pack).find((n) => text.includes(n.form))?.id;
  const key = loreKeys(pack)
    .filter((k) => /[\p{Script=Han}]/u.test(k))
    .sort((a, b) => b.length - a.length)
    .find((k) => text.includes(k));
  let topic = key ?? '';
  if (!topic) {
    // Without a lore key, only the player's quoted words are echoed; a bare clause reads oddly.
    const quoted = /[“「『"]([^”」』"]{1,16})[”」』"]/.exec(text)?.[1] ?? '';
    const clause = quoted
      .replace(/[A-Za-z0-9]+/g, '')
      .split(/[，。！？、；：,.!?;:\s…]+/)
      .map((s) => s.replace(/^我(想|要|们)?/, '').trim())
      .filter((s) => /\p{Script=Han}/u.test(s));
    const last = clause[clause.length - 1] ?? '';
    // A quoted question ("还有空房吗") is no subject to ask about in turn: "为什么是「还有空房吗」" reads as nonsense.
    topic = last && !QUESTION_CLAUSE_ZH.test(last) ? `「${last.slice(0, 10)}」` : '';
  }
  const present = /[\p{L}\p{N}]/u.test(text) && !/^\s*(继续|……|\.\.\.)\s*$/.test(text);
  const bare = text
    .replace(/[A-Za-z0-9]+/g, '')
    .replace(/[“”「」『』"]/g, '')
    .trim();
  const clauses = bare.split(/[，。！？；,.!?;…\s]+/).filter((c) => /\p{Script=Han}/u.test(c));
  const clause = clauses[0]?.replace(/^我(们)?/, '') ?? '';
  const doing = !question && /^我/.test(bare) && clause && !NOT_DOING_ZH.test(clause) ? clause.slice(0, 14) : '';
  // What the player says aloud, when the message also tells what they do ("我推门进去，问掌柜：今晚还有空房吗？"):
  // only the words said are heard and repeated, never the narration around them.
  const said = (/[“「『"]([^”」』"]{1,24})[”」』"]/.exec(text)?.[1] ?? /[：:]\s*([^：:]{1,24})$/.exec(bare)?.[1] ?? '').trim();
  // "我叫阿远" repeated back in someone else's mouth makes them introduce themselves.
  const whole = !doing && !/^我(?:叫|是|姓|名叫|来自|住在)/.test(bare) && bare.length <= 24 ? bare : '';
  const echo = (/\p{Script=Han}/u.test(said) ? said : whole).replace(/[。！]+$/, '');
  const telling = TELLING_ZH.test(bare) || /[“「『"]/.test(text);
  return { question, addressed, topic: present ? topic : '', present, echo: present ? echo : '', doing: present ? doing : '', telling };
}

/** What the reply should acknowledge in `input`. */
export function readInput(input: string, pack: WorldPack, cjk: boolean): InputReading {
  const text = inCharacter(input);
  const reading = cjk ? readCjk(text, pack) : readLatin(text, pack);
  const terse = terseKind(text);
  // A filler has nothing to echo; "continue" and a bare ellipsis stay a plain request to go on.
  if (terse && reading.present) return { ...reading, terse, topic: '', echo: '', doing: '' };
  return reading;
}

/** A noun phrase from authored text ("he owes Ilsa the mill" -> "the mill"), for hints; '' if none. */
export function nounPhrase(text: string, pack: WorldPack, cjk: boolean): string {
  if (cjk) {
    const named = [...loreKeys(pack), ...pack.characters.map((c) => c.name)].filter((k) => /\p{Script=Han}/u.test(k) && text.includes(k));
    return named.sort((a, b) => b.length - a.length)[0] ?? '';
  }
  let last = '';
  for (const { words } of determinerPhrases(text)) last = `the ${words.join(' ')}`;
  return last;
}
