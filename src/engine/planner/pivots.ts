/**
 * Emotional pivots in the player's message: a confession, a vow, grief, a reunion, an apology, or
 * tears and pleading. At a pivot the story slows down whatever the pacing, because rushing past it is
 * what players remember as the model not listening.
 */
import { execAll } from '../../text/regexp.js';
import { readCues } from '../pacing/cues.js';
import { answersTableTalk, answersVow } from '../pacing/heard.js';

export type PivotKind = 'confession' | 'vow' | 'grief' | 'reunion' | 'apology' | 'distress';

export interface Pivot {
  kind: PivotKind;
  /** The words that gave it away, for the reason line. */
  cue: string;
}

/** Whose death is grief: the player's own people ("my mother died"), not a guard felled in a fight. */
const CLOSE =
  /\b(?:i|my|me|we|our|us|mother|father|mum|mom|dad|brother|sister|wife|husband|son|daughter|child|friend|grand(?:mother|father|ma|pa))\b|我|我们|爸|妈|父亲|母亲|哥|姐|弟|妹|爷爷|奶奶|外公|外婆|朋友|孩子|妻子|丈夫/iu;

/** A lifetime on a pledge: "forever", "all my days", "till death", "as long as we both shall live". */
const LIFETIME =
  /\b(?:forever|for ever|always|eternally|all (?:my|our) days|for the rest of (?:my|our) (?:life|lives|days)|(?:till|until) death|as long as (?:i|we)(?: both)?(?: shall)? live)\b|一辈子|永远|生生世世|此生/iu;

/**
 * Owning up to a mistaken belief about someone or something said: "I thought you were", "I took
 * you for", "I misheard". ("I thought I could save him" is no mistake of that kind.)
 */
const MISTAKEN =
  /\b(?:i|we)\s+(?:(?:thought|assumed)\s+(?:you|he|she|they|it)(?:\s+|['’])(?:were|was|are|is|re|s|meant|said|wanted)\b|took (?:you|him|her|them) for|mistook|misheard|misunderstood|misread)/iu;

/** Begging for one's own release or life: "let me go", "don't hurt me", "spare me", 放开我, 别伤害我. */
const OWN_SAFETY =
  /\blet me go\b|\bdon['’]?t (?:hurt|kill) me\b|\bspare me\b|\bplease don['’]?t shoot\b|放开我|放过我|饶了我|饶命|(?:别|不要)(?:伤害|杀)我/iu;

interface PivotPattern {
  kind: PivotKind;
  re: RegExp;
  /** Checked on the sentence holding the cue; a pivot only when it passes. */
  holds?: (sentence: string, cue: string) => boolean;
}

// Ordered by precedence: a message that confesses and apologises is a confession first.
const PATTERNS: PivotPattern[] = [
  {
    kind: 'confession',
    // Giving oneself ("I am forever yours", "and I yours") is read as a vow, below.
    re: /\b(?:i love you|i(?:'m| am) in love with you|i(?:'ve| have) (?:always )?loved you|i care about you|i(?:'ve| have) fallen for you|i have to tell you|i need to tell you|i(?:'ve| have) never told (?:you|anyone)|there(?:'s| is) something i(?:'ve| have)? (?:need|have|want)(?:ed)? to tell you|i have a confession)\b|我爱你|我喜欢你|我一直喜欢|我必须告诉你|我得告诉你|有件事(?:我)?(?:要|想|必须)告诉你|我从来没(?:有)?告诉过|陪(?:伴)?在(?:你|您)身边/iu,
  },
  {
    // Formal speech binds rather than confesses: a vow or a proposal says no "I love you" but gives
    // oneself ("I am yours"), pledges devotion ("I shall cherish you", "honour you all my days") or
    // takes the other in marriage. Devotion to a cause, a duty for a lifetime without "you", and a
    // command ("I will keep watch forever") pledge no one.
    kind: 'vow',
    re: new RegExp(
      [
        // Giving oneself: "I am yours", "I'm all yours", "and I yours"; not "I'm yours to command".
        String.raw`\b(?:i am|i'm|i will be|i'll be|i shall be)\s+(?:forever\s+|always\s+|only\s+|wholly\s+|truly\s+)?(?:yours|thine)\b|\band\s+i\s+(?:yours|thine)\b`,
        // Pledging a devotion to the other: "I will always love you", "I vow to cherish thee".
        String.raw`\bi\s+(?:will|shall|'ll|promise to|swear to|vow to|pledge to|mean to)\s+(?:always\s+|ever\s+|forever\s+|truly\s+|faithfully\s+)?(?:love|cherish|treasure|adore|be true to|be faithful to|belong to)\s+(?:you|thee)\b`,
        // A pledge with a lifetime on it: "I will honour that faith forever", "I'll stand by you all my days".
        String.raw`\bi\s+(?:will|shall|'ll|promise to|swear to|vow to|pledge to)\s+(?:always\s+|ever\s+)?(?:honou?r|keep|stand by|stay by|walk beside|wait for|care for|be with|be by)\b[^.!?]{0,60}?\b(?:forever|for ever|all (?:my|our) days|for the rest of (?:my|our) (?:life|lives|days)|(?:till|until) death|as long as (?:i|we)(?: both)?(?: shall)? live)\b`,
        // Taking the other in marriage, or asking to: "take thee to be my wedded wife", "marry me".
        String.raw`\b(?:take|taking)\s+(?:you|thee)[\s,]+(?:\p{L}+[\s,]+){0,2}?(?:to be|as)\s+my\s+(?:lawful(?:ly)?\s+)?(?:wedded\s+)?(?:wife|husband|spouse|bride|groom)\b|\bmake you my\s+(?:wife|husband|bride)\b|\bmarry me\b`,
        // 嫁给我 / 娶你 / 我是你的人 / 一辈子守着你.
        String.raw`嫁给我|娶你|我(?:这辈子)?(?:就)?是你的(?:人|妻子|丈夫)(?=[，。！…]|$)|我(?:会|要|愿意?)?(?:一辈子|永远|生生世世|此生)(?:都)?(?:爱|守着|守护|陪着|陪伴|照顾|跟着)(?:你|您)`,
      ].join('|'),
      'iu',
    ),
    // "I'm yours" alone is as often a flirt's or a servant's ("I'm all yours", "I'm yours for the
    // taking"): it gives oneself for good only with a lifetime on it, in the cue or the sentence.
    holds: (sentence, cue) => !/^i(?:\s+am|'m|'ll be|\s+will be|\s+shall be)\s+(?:yours|thine)$/iu.test(cue) || LIFETIME.test(sentence),
  },
  {
    kind: 'grief',
    // Mourning is grief without "died": a toast to the fallen, "in memory of", a eulogy in the past
    // tense ("she was the bravest of us"), someone close lost ("we lost our mentor"; not "in the crowd").
    re: /\b(?:died|dies|passed away|funeral|his grave|her grave|their grave|mourn(?:ing|s)?|buried (?:him|her|them)|is dead|was dead|are dead|killed (?:him|her|them)|(?:our|my) fallen (?:friend|brother|sister|comrade|companion|member|hero|king|queen|leader|captain)s?|(?:our|my|the) fallen(?=\s*(?:[.!?,;]|$))|in (?:loving )?memory of|rest in peace|may (?:he|she|they) rest|(?:he|she|they) (?:was|were) the (?:best|bravest|kindest|finest|truest|greatest|wisest|gentlest|noblest) (?:of (?:us|them|all of us)|(?:\p{L}+ )?(?:i|we)(?:'ve|’ve| have)? ever (?:known|knew|met))|(?:i|we)(?:'ve|’ve| have| had)? lost (?:the love of (?:my|our) li(?:fe|ves)|(?:my|our) (?:(?:dear|beloved|best|only|little|big|older|younger|baby|twin) )*(?:mother|father|mum|mom|dad|brother|sister|wife|husband|son|daughter|child|children|friend|friends|family|love|lover|partner|companion|comrade|mentor|grandmother|grandfather|grandma|grandpa)(?!\s+(?:in|at|among|somewhere|for)\b)))\b|去世|过世|死了|葬礼|坟前|墓前|节哀|走了(?:好|很)?(?:多|久)?年/iu,
    // "died", "is dead" and "死了" are grief only for someone close; a funeral or a grave always is.
    holds: (sentence, cue) => !/^(?:died|dies|is dead|was dead|are dead|killed|死了)/iu.test(cue) || CLOSE.test(sentence.replace(cue, ' ')),
  },
  {
    kind: 'reunion',
    // Meeting again someone one feared not to see again ("glad I get to see you again", "thought it
    // was the last time I'd see you"); a polite "good to see you again" is a greeting.
    re: /\b(?:you came back|you(?:'re| are) back|you(?:'re| are) alive|after all (?:these|those) years|i missed you|it(?:'s| has) been (?:so long|years)|welcome home|you found me|i found you|never thought i(?:'d| would) see you again|(?:happy|glad|grateful|thankful|relieved) (?:that )?i (?:got|get) to see you again|thought i(?:'d| would) never see you again|thought\b[^.!?]{0,60}\b(?:said goodbye|saw you|see you)\b[^.!?]{0,30}\blast time|thought\b[^.!?]{0,60}\blast time\b[^.!?]{0,30}\b(?:see|saw) you)\b|你回来了|好久不见|我好想你|我想你了|你还活着|终于见到你|这么多年|终于找到你/iu,
  },
  {
    kind: 'apology',
    re: /\b(?:i(?:'m| am) (?:so |truly |really )?sorry|forgive me|i apologi[sz]e|it was my fault|it(?:'s| is) my fault|i was wrong)\b|对不起|抱歉|原谅我|是我的错|我错了/iu,
    // "I'm sorry, what did you say?" is politeness, not an apology; so is owning up to a
    // mistaken belief ("Sorry, I thought you were someone else"): it corrects, it repents nothing.
    holds: (sentence) => !/[?？]\s*$/u.test(sentence) && !MISTAKEN.test(sentence),
  },
  {
    kind: 'distress',
    // A captive's plea for their own skin ("I beg you, let me go", "求求你放开我") is fear of a captor,
    // not a turning point; tears, said with it, are one (their own cue, found apart).
    holds: (sentence, cue) => !/^(?:i beg you|求求你)$/iu.test(cue) || !OWN_SAFETY.test(sentence),
    re: /\bi (?:quietly |softly |silently )?(?:(?:start|started|begin|began) (?:to )?)?(?:cry|weep|wept|sob)\b(?!\s+out)|\b(?:sobbing|sobs|sobbed|burst(?:s)? into tears|break(?:s)? down (?:in|into) tears|broke down|tears (?:stream|roll|run|fall)\w*|crying|don'?t leave me|please don'?t go|stay here\W*with me|i beg you)\b|泪水|泪流|流泪|哽咽|哭着|大哭|痛哭|泣不成声|心如刀绞|别离开我|不要离开我|求求你/iu,
  },
];

/** The sentence of `text` that holds position `at`. */
function sentenceAt(text: string, at: number, length: number): string {
  const before = text.slice(0, at);
  const start = Math.max(...['.', '!', '?', '。', '！', '？', '\n'].map((m) => before.lastIndexOf(m))) + 1;
  const rest = text.slice(at + length);
  const end = rest.search(/[.!?。！？\n]/u);
  return text.slice(start, end < 0 ? text.length : at + length + end + 1).trim();
}

/** Each pattern's global form, made once: compiling them anew was most of a message's cost here. */
const GLOBAL_PATTERNS = PATTERNS.map((p) => ({ ...p, global: new RegExp(p.re.source, `${p.re.flags.replace('g', '')}g`) }));

/** What follows opens with a greeting ("Hi.", "Hello there", "Good evening"). */
const GREETING = /^[\s"“”*_]*(?:hi|hello|hey|good (?:morning|afternoon|evening|day)|greetings|excuse me)\b/iu;

/** How things usually or normally are: "it's usually not like this", "normally it's quiet". */
// "its" is how "it's" is often typed in chat.
const CIRCUMSTANCES =
  /\b(?:it|this|that|things|the \p{L}+)(?:['’]?s|\s+is|\s+isn['’]t|\s+are|\s+aren['’]t)\s+(?:not\s+)?(?:usually|normally|generally|typically)\b|\b(?:usually|normally|generally|typically)\s+(?:it|this|that|things)\b/iu;

/** The sentence after `sentence` in `text`, or nothing. */
function nextSentence(text: string, sentence: string): string {
  const after = text.slice(text.indexOf(sentence) + sentence.length);
  return /^[^.!?。！？\n]+[.!?。！？]*/u.exec(after.trim())?.[0] ?? '';
}

/** A sentence that is the cue alone ("I'm sorry."), so it says nothing the next one does not. */
function bare(sentence: string, cue: string): boolean {
  return (
    sentence
      .replace(/[\s.!?。！？…,，]+/gu, ' ')
      .trim()
      .toLowerCase() === cue.toLowerCase()
  );
}

/**
 * The emotional pivot in a message, if any. `heard`, what the player had just heard (the narrator's
 * last reply), gives a bare "I do." to a vow question its weight, and takes it from a reaction to
 * table talk ("I love you." said to whoever just rolled the damage).
 */
export function detectPivot(text: string, heard?: string): Pivot | undefined {
  if (heard) {
    if (answersVow(text, heard)) return { kind: 'vow', cue: text.trim() };
    if (answersTableTalk(text, heard, readCues(text).action > 0)) return undefined;
  }
  for (const { kind, holds, global } of GLOBAL_PATTERNS) {
    const found = execAll(global, text).map((match) => {
      const sentence = sentenceAt(text, match.index ?? 0, match[0].length);
      return { cue: match[0], sentence, holds: !holds || holds(sentence, match[0]) };
    });
    for (const [i, f] of found.entries()) {
      if (!f.holds) continue;
      // "I'm sorry. I'm sorry, were we late?": a bare cue repeated into a sentence that does not
      // hold is the same politeness said twice.
      const next = found[i + 1];
      if (next && !next.holds && bare(f.sentence, f.cue)) continue;
      // "I'm sorry. Hello, could I have a word?": a bare apology opening a greeting is the
      // politeness of breaking in, not a wrong owned up to.
      if (kind === 'apology' && bare(f.sentence, f.cue) && GREETING.test(text.slice(text.indexOf(f.sentence) + f.sentence.length)))
        continue;
      // "I'm sorry. It's usually not this loud here.": sorry for how things are, said to a guest,
      // with how they usually are; no wrong of the speaker's is owned up to.
      if (kind === 'apology' && CIRCUMSTANCES.test(`${f.sentence} ${nextSentence(text, f.sentence)}`)) continue;
      return { kind, cue: f.cue };
    }
  }
  return undefined;
}
