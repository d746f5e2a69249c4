/**
 * A reply to a direct question that talks about something else: it takes up nothing of the question
 * (none of the player's words, no answer of the form the question asks for, no reaction to being
 * asked) and it is off the story's subject, sharing almost no word with the pack or the recent turns.
 * A model that answers another conversation ("Ah, C++ ... I recommend ...") to "Where am I?" fits;
 * an in-character deflection does not, because it stays in the story's world and speaks its words.
 */
import type { WorldPack } from '../../world/types.js';
import type { CriticContext } from './context.js';
import { askedQuestions } from '../planner/questions.js';
import { packTexts, packVocabulary } from './pack-vocabulary.js';
import { compilePack } from './pack-cache.js';
import { CJK, contentTokensOf, echoes } from './text.js';
import { boundedMemo } from '../../text/memo.js';

/** Below this many distinct content words a reply is too short to call off the subject. */
const MIN_REPLY_WORDS = 8;
/** The same for Chinese, whose content words are character pairs, two or three to a word. */
const MIN_REPLY_PAIRS = 20;
/** Below this many distinct content words the story says too little to know its subject. */
const MIN_STORY_WORDS = 40;
/** At most this share of the reply's words the story knows: an answer in the story's world names some of it. */
const MAX_KNOWN_SHARE = 0.1;
/** At most this many of a large pack's words, its most used, are read as its subject (most packs have fewer). */
const PACK_TOPIC = 200;
/** The recent turns read as the story's subject besides the pack. */
const RECENT_TURNS = 6;

// Words any topic uses: they say nothing of what a reply is about. Contractions and the commonest
// adjectives, adverbs and nouns of talk, from no corpus.
const COMMON = new Set(
  (
    "i'm i've i'll i'd you're you've you'll you'd it's that's there's here's don't doesn't didn't can't won't isn't aren't " +
    "wasn't let's we're they're he's she's what's well great good first many much every way time really never always " +
    'friend dear sure indeed perhaps maybe little new old right need feel think mean'
  ).split(/\s+/),
);

// A programming language or a tool named with its signs ("C++", "C#", "F#") is a word of its own.
const SIGNED = /(?<![\p{L}\p{N}])[A-Za-z]\w{0,6}(?:\+\+|#)(?![\p{L}\p{N}])/gu;

/** The first five letters of a long word: "recommand" and "recommend", "programmer" and "programming" agree. */
const prefix = (token: string): string => (token.length >= 6 && !CJK.test(token) ? token.slice(0, 5) : token);

function topicWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of contentTokensOf(text)) if (!COMMON.has(t)) out.add(prefix(t));
  for (const m of text.matchAll(SIGNED)) out.add(m[0].toLowerCase());
  return out;
}

const topicWordsOf = boundedMemo(16, topicWords);

const packWords = new WeakMap<WorldPack, Set<string>>();

/**
 * The pack's words that speak of its subject. A small pack's every word does; a large card (a persona of two thousand
 * tokens, example dialogues, a lorebook) also uses much of everyday English once or twice ("power", "attention",
 * "provide"), and a reply on any subject meets a tenth of its words there. Its subject is what it says again and
 * again: its most used words, at most PACK_TOPIC of them, and its names.
 */
function packTopic(pack: WorldPack): Set<string> {
  let words = packWords.get(pack);
  if (!words) {
    const vocabulary = packVocabulary(pack);
    words = topicWords([...vocabulary.words].join(' ') + ' ' + vocabulary.cjkText);
    if (words.size > PACK_TOPIC) words = mostUsed(pack, words);
    packWords.set(pack, words);
  }
  return words;
}

/**
 * Of `all` (the pack's topic words), those the most of its texts (setting, persona, each lore entry and example) use,
 * at most PACK_TOPIC of them. Words used alike are kept or dropped together (the cap may keep fewer); the pack's names
 * are always kept.
 */
function mostUsed(pack: WorldPack, all: Set<string>): Set<string> {
  const uses = new Map<string, number>();
  for (const text of packTexts(pack)) for (const w of topicWords(text)) uses.set(w, (uses.get(w) ?? 0) + 1);
  const ranked = [...all].map((w) => uses.get(w) ?? 1).sort((a, b) => b - a);
  // The least use kept: one more than the use of the first word past the cap.
  const least = ranked[PACK_TOPIC] + 1;
  const out = new Set([...all].filter((w) => (uses.get(w) ?? 1) >= least));
  for (const name of compilePack(pack).names) for (const w of topicWords(name)) out.add(w);
  return out;
}

// The form an answer takes, by what was asked. A reply holding the form may answer without the question's words.
const PLACE =
  /\b(?:here|home|you(?:'re|\s+are)\s+(?:in|at|on|inside|safe|home|with)|this\s+is|welcome\s+to)\b|(?:^|[.!?…]["”*]?\s+|\n)\s*["“*]?(?:in|at|on|near|under|inside|beyond|by|outside)\s|这里|这儿|那里|此处|家/iu;
const TIME =
  /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|several|half|an?)\s+(?:\w+\s+)?(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|moons?|winters?|summers?|dawns?)\b|\b(?:yesterday|today|tonight|since|ago|a\s+while|not\s+long|too\s+long|morning|evening|dawn|dusk|noon|midnight)\b|[一二两三四五六七八九十几半\d]+\s*(?:天|日|夜|晚|小时|个时辰|时辰|周|星期|个月|月|年)|昨|今天|刚才|不久/iu;
const PERSON =
  /\b(?:I\s+am|I'm|my\s+name|name's|call\s+me|known\s+as|this\s+is|that's|that\s+is|he\s+is|she\s+is|he's|she's)\b|我是|我叫|名字|叫我/iu;
const YES_NO =
  /(?:^|[.!?…]["”*]?\s+|\n)\s*["“*]?(?:yes|yeah|yep|aye|no|nope|nay|right|correct|exactly|true)\b|\b(?:of\s+course|certainly|indeed|perhaps|maybe|absolutely|definitely|probably|i\s+(?:do|don't|can|can't|cannot|will|won't|am|am\s+not|did|didn't))\b|当然|是的|不是|没有|不会|不能|好的|没错|不错|正是|(?:^|[。！？\s])(?:对|嗯|是)[，。！…]/iu;
const DOING = /\b(?:I'm|I\s+am|I\s+was|we're|we\s+are|just)\s+\w+ing\b|在/iu;
const NUMBER =
  /\b(?:\d+|none|one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|many|few)\b|[一二两三四五六七八九十百千万几]/iu;
// A reason given, what a "why" asks for: "because", "so that", ", so we must", "To keep ...", "the reason", 因为, 为了.
const REASON =
  /[,;]\s*so\b|\b(?:because|cause|since|so\s+that|in\s+order\s+to|reasons?|due\s+to|owing\s+to|for\s+the\s+sake|that's\s+why|which\s+is\s+why|why)\b|(?:^|[.!?…]["”*]?\s+|\n)\s*["“*]?to\s+\w+|因为|由于|为了|所以|原因|缘故|为的是/iu;
// Whatever was asked: not knowing, or a reaction to the asking (a question back, "you ask", "questions").
const ANY_ANSWER =
  /[?？]|\b(?:i\s+(?:don'?t|do\s+not|can'?t|cannot)\s+(?:know|say|tell|remember|recall)|no\s+idea|who\s+knows|not\s+sure|(?:i'm|i\s+am)\s+afraid|questions?|ask(?:s|ed|ing)?|answers?|requests?|wonder)\b|不知道|不清楚|问/iu;

/** The answer forms the questions ask for; open questions (what, how) have none a pattern could name, and bring none. */
function formsAsked(questions: readonly string[]): RegExp[] {
  const forms: RegExp[] = [];
  for (const q of questions) {
    if (/\bwhere\b|哪里|哪儿|何处/iu.test(q)) forms.push(PLACE);
    if (/\bwhen\b|\bhow\s+long\b|\bwhat\s+time\b|多久|多长时间|几天|什么时候/iu.test(q)) forms.push(TIME);
    if (/\bwho\b|\bwhat(?:'s|\s+is)\s+your\s+name\b|谁|名字/iu.test(q)) forms.push(PERSON);
    if (/\bwhat\s+(?:are|were)\s+you\s+\w+ing\b|在(?:做|干)什么/iu.test(q)) forms.push(DOING);
    if (/\bhow\s+(?:many|much|old)\b|多少|几/iu.test(q)) forms.push(NUMBER);
    // "Why" asks for a reason, a form a pattern can name: an answer on another subject with no reason in it passes
    // the question by, as one with no place in it passes a "where" by.
    if (/\bwhy\b|为什么|为何|凭什么/iu.test(q)) forms.push(REASON);
    if (
      /^\s*(?:(?:and|but|so|well|then|or)\b[\s,]*)?(?:is|are|was|were|am|do|does|did|can|could|will|would|shall|should|have|has|had|may|might|must)\b/iu.test(
        q,
      ) ||
      /[吗么][？?]*$/u.test(q)
    )
      forms.push(YES_NO);
  }
  return forms;
}

/**
 * Why the reply answers something other than the player's question, or undefined when it takes the question
 * up or cannot be judged (no question asked, a short reply, a story too thin to know its subject).
 */
export function answersElsewhere(text: string, ctx: CriticContext): string | undefined {
  // A question that only says back the last reply's words checks it, and asks for nothing.
  const last = ctx.recentReplies.at(-1);
  const questions = askedQuestions(ctx.playerInput).filter((q) => !echoes(q, last));
  const forms = formsAsked(questions);
  // An open question (what, how) may fairly be met by a new subject: only a closed one, or a "why", is judged.
  if (forms.length === 0) return undefined;
  const mine = topicWordsOf(text);
  if (mine.size < (CJK.test(text) ? MIN_REPLY_PAIRS : MIN_REPLY_WORDS)) return undefined;
  const asked = topicWordsOf(ctx.playerInput);
  for (const w of mine) if (asked.has(w)) return undefined;
  if (ANY_ANSWER.test(text) || forms.some((form) => form.test(text))) return undefined;
  const story = new Set(packTopic(ctx.pack));
  for (const m of ctx.history.slice(-RECENT_TURNS)) for (const w of topicWordsOf(m.text)) story.add(w);
  for (const r of ctx.recentReplies.slice(-RECENT_TURNS)) for (const w of topicWordsOf(r)) story.add(w);
  if (story.size < MIN_STORY_WORDS) return undefined;
  let known = 0;
  for (const w of mine) if (story.has(w)) known++;
  if (known > MAX_KNOWN_SHARE * mine.size) return undefined;
  return 'the player asked a direct question and the reply takes up none of it, on a subject the story never mentions';
}
