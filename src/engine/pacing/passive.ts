/**
 * Passive messages: the player makes no move of their own and leaves the next one to the story
 * ("ok", "and then?", "I wait.", "I say nothing and watch her.", "我等着。", "我继续听着"). Read
 * clause by clause: every clause must be a filler, a go-on cue, or a passive act (waiting,
 * listening, watching, staying put, saying nothing) with nothing done in it, whatever the
 * message's length or punctuation. A single clause that acts, asks or says something makes the
 * message active ("I wait for the guard to turn, then slip through the gate").
 */
import { PASSIVE_EN, PASSIVE_ZH, UNDO_PASSIVE_ZH } from './passive-lexicon.js';

const LATIN_WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

const FILLERS_EN = new Set(PASSIVE_EN.fillers);
/** A letter held in a word of one filler ("mmhmm", "hmmm", "okaaay"): the filler with each run of a letter kept once. */
const held = (word: string): string => word.replace(/(\p{L})\1+/gu, '$1');
const HELD_FILLERS_EN = new Set(PASSIVE_EN.fillers.filter((f) => !f.includes(' ')).map(held));
const LEADS_EN = PASSIVE_EN.leads.map((l) => l.split(' '));
const STRIP_EN = new Set(PASSIVE_EN.strip);
const FILLERS_ZH = new Set(PASSIVE_ZH.fillers);
/** Laughter alone ("haha", "hehe", "lol"; "哈哈", "嘿嘿嘿") is a filler like "hm". */
const LAUGH_EN = /^(?:(?:ha){2,}h?|(?:he){2,}h?|h[ae]h|(?:hi){2,}|lol|lmao)$/u;
const LAUGH_ZH = /^[哈嘿呵嘻嗬]{2,}$/u;
/** "Thank you" in Chinese, with at most a short addressee after it ("谢谢你", "多谢大人"). */
const THANKS_ZH = /^(?:谢谢|多谢|感谢)(?:你|您)?(.*)$/u;
/** A bare verdict on the moment: "真遗憾", "那可真是倒霉", "太好了" (a compliment to someone is not one). */
const VERDICT_ZH = /^(?:可|也)?(?:真是|真|太|实在是?)?(?:遗憾|可惜|倒霉|糟糕|不幸|好|棒)$/u;
/**
 * A question that only echoes what was just said, asking to hear more: "什么惊喜？", "什么节日呢？",
 * "问什么？", "为什么？". A longer one asks something of its own ("什么树最好？"), and "这是什么？"
 * asks about the world.
 */
const ECHO_ZH = /^(?:什么\p{Script=Han}{1,2}|[问说讲为]什么)$/u;
/**
 * Taking in a correction: "我误会了", "是我搞错了", "原来是我记错了". "我误会你了" owns up to a wrong
 * done to someone and is not one.
 */
const TAKEN_IN_ZH = /^(?:原来)?(?:是)?(?:我们?)?(?:误会|搞错|弄错|想错|记错|听错|看错)$/u;
/**
 * Giving up on a riddle and asking to be told, a go-on cue: "猜不到", "猜不出来", "告诉我吧",
 * "你能告诉我吗", "小月能告诉我吗". "告诉我你是谁" asks something of its own.
 */
const TELL_ME_ZH = /^(?:猜不(?:出来?|到|着)|(?:(?:你|您|\p{Script=Han}{2,3})(?:能|可以)|快)?告诉我[吗吧]?)$/u;
/** Two or three characters that can be a name called out, no pronoun among them. */
const CALLED_ZH = /^(?![^我你您他她它们]*[我你您他她它们])\p{Script=Han}{2,3}$/u;
const CALLED_AFTER_QUESTION = /[？?]\s*\p{Script=Han}{2,3}[？?！!]*\s*$/u;
/**
 * A bare verdict on the moment, as in Chinese above: "Wonderful.", "How awful.", "That's a shame.",
 * "This is odd.", or on the moment just past: "That was fun."
 * An adjective with something after it judges a thing ("Wonderful view, let's stop") and is read
 * as the rest of the clause is.
 */
const VERDICT_EN = new RegExp(
  `^(?:(?:how|so|very|really|just|quite|pretty|absolutely|simply|too|that's|thats|that is|that was|it's|its|it is|this is|this was|what a|what|a)\\s+)*(?:${PASSIVE_EN.verdicts.join('|')})$`,
  'u',
);
/**
 * "I know.", "I guess.", "I suppose so.", "We agree.": a stance taken with nothing after it (no
 * object, no clause) only acknowledges what was said.
 */
const STANCE_EN = new RegExp(`^(?:${PASSIVE_EN.stances.join('|')})(?:\\s+(?:so|not|that|it))?$`, 'u');
/**
 * "I didn't know that.", "I had no idea.", "Good to know.", "My mistake.": the player only takes in
 * what was just said. With anything after it ("I didn't know you could sing") it says something.
 * The present "I don't know." answers a question (it tells that the player cannot say), as
 * "Maybe." does.
 */
const TAKEN_IN_EN = new RegExp(
  `^(?:(?:did not|didn't|never) (?:know|knew|realise|realize)(?: that| it| this)?|never knew(?: that| it)?|${PASSIVE_EN.takenIn.join('|')})$`,
  'u',
);
/** An oath or interjection alone ("Damn.", "Oh no.", "Well, shit."): a reaction, no move. */
const INTERJECTIONS_EN = new Set(PASSIVE_EN.interjections);
/** "Probably.", "Maybe not.", "Hopefully so.": a hedge alone, or with a bare yes or no after it. */
const HEDGES_EN = new Set(PASSIVE_EN.hedges);
const HEDGE_TAIL = new Set(['not', 'so', 'yes', 'no']);
/**
 * Words that after a comma at a message's end say when or where ("Sure, tomorrow.", "Fine,
 * here."), not whom the player speaks to.
 */
const NOT_CALLED_EN = new Set([
  'today',
  'tomorrow',
  'tonight',
  'yesterday',
  'later',
  'soon',
  'here',
  'there',
  'first',
  'next',
  'instead',
  'maybe',
  'perhaps',
  'probably',
]);
/**
 * "Pardon?", "Come again?", "Sorry?": one word of not having caught what was said, like "Huh?" and
 * "What?". Only as a question: "Excuse me." calls someone, "Sorry." may apologise, and a full
 * question ("I'm sorry, what did you say?") asks something of its own.
 */
const NOT_CAUGHT_EN = /^(?:pardon(?: me)?|excuse me|come again|sorry)\s*[?？]+$/u;
/**
 * "What was that?", "Wait, what was it?": a bare question pointing back at what just happened, with
 * nothing of its own in it, asks the story to go on as "What?" does. The past tense points back;
 * "What is this?" asks about a thing in the world, and a question with more in it ("What was that
 * noise?", "What did she just say?") asks something of its own.
 */
const POINT_BACK_EN = /^(?:(?:wait|sorry|huh|hey|oh|um|uh|hm+|er+)[.…]*\s+)*what\s+was\s+(?:that|this|it)(?:\s+just)?\s*[?？]+$/u;
/** A verb of saying with at most a manner or an addressee after it: the tag of a line, no move of its own. */
const SPEECH_TAG_EN =
  /^(?:say|says|said|reply|replies|replied|answer|answers|answered|respond|responds|responded|whisper|whispers|whispered|murmur|murmurs|murmured|mutter|mutters|muttered)(?:\s+(?:back|softly|quietly|calmly|simply|slowly|finally|gently|aloud|to\s+(?:him|her|them|you|me|us)))?$/u;
/**
 * "Why, of course.", "why yes": "why" before an assent is an interjection, not a question. The
 * assents are the ones that alone only agree.
 */
const WHY_ASSENT = /^(\s*)why\s*,?\s+(?=(?:yes|of course|certainly|sure|indeed|naturally)\b)/u;
/**
 * "-chuckles-", "-hum-": a pose between hyphens, as text games write an emote inside speech, is
 * marked like one between asterisks. A hyphen inside a word ("well-read") or between spaced words
 * ("now - later") marks nothing.
 */
const HYPHEN_POSE = /(?<=^|[\s,.!?;:"“])-(\p{L}[\p{L}'’ ]*?\p{L}|\p{L})-(?=$|[\s,.!?;:"”])/gu;
/** Words that turn waiting into a time skip ("for hours", "until dawn"). */
const SPAN = new Set(['until', 'till', 'hours', 'days', 'weeks', 'months', 'years', 'overnight']);

/** What counts as doing something: the pacing model's action lexicon, given by the caller. */
export interface ActionTest {
  /** Whether one lower-cased English word is an action ("grab", "kicked"). */
  word(word: string): boolean;
  /** Whether a Chinese clause holds an action ("冲", "打开"). */
  zh(clause: string): boolean;
}

/** Whether `words` starts with `lead` (a `*` in the lead allows any ending). */
function startsWith(words: readonly string[], lead: readonly string[]): boolean {
  if (words.length < lead.length) return false;
  return lead.every((w, i) => (w.endsWith('*') ? words[i].startsWith(w.slice(0, -1)) : words[i] === w));
}

/** One English clause, lower-cased: a filler, or a passive lead with nothing active after it. */
function passiveClauseEn(clause: string, action: ActionTest, context: { subject: boolean }): boolean {
  let words: string[] = [...(clause.replace(/’/g, "'").match(LATIN_WORD) ?? [])];
  // Before the leading "oh" is stripped: "oh no" is an outcry, "no" alone an answer.
  if (INTERJECTIONS_EN.has(words.join(' '))) return true;
  // "I say nothing and watch her": the clause after "and" keeps the first one's subject.
  if (['i', 'we', "i'm", "we're", "i'll", "we'll"].includes(words[0])) context.subject = true;
  // "Probably." answers; stripped as an adverb in -ly it would read as saying nothing.
  if (words.length > 0 && HEDGES_EN.has(words[0]) && words.slice(1).every((w) => HEDGE_TAIL.has(w))) return false;
  const subject = context.subject;
  // Leading fillers and adverbs ("I just", "still", "quietly") say nothing about what is done.
  while (words.length > 0 && (STRIP_EN.has(words[0]) || (words[0].length > 4 && words[0].endsWith('ly') && !action.word(words[0]))))
    words = words.slice(1);
  if (words.length === 0) return true;
  // "omg omg", "hm hm": one word said over is that word said once.
  if (words.length > 1 && words.every((w) => w === words[0])) words = [words[0]];
  if (FILLERS_EN.has(words.join(' ')) || (words.length === 1 && LAUGH_EN.test(words[0]))) return true;
  if (words.length === 1 && /(\p{L})\1/u.test(words[0]) && HELD_FILLERS_EN.has(held(words[0]))) return true;
  if (VERDICT_EN.test(words.join(' ')) || (subject && STANCE_EN.test(words.join(' ')))) return true;
  if (TAKEN_IN_EN.test(words.join(' ')) || INTERJECTIONS_EN.has(words.join(' '))) return true;
  // "I nod and reply", "she says softly": a speech tag alone; what is said is read as its own clauses.
  if (SPEECH_TAG_EN.test(words.join(' '))) return true;
  // "Thank you for the tea": an acknowledgement, whatever it thanks for.
  if ((words[0] === 'thanks' || (words[0] === 'thank' && words[1] === 'you')) && words.length <= 6)
    return !words.some((w) => action.word(w));
  const lead = LEADS_EN.find((l) => startsWith(words, l));
  if (!lead) return false;
  const rest = words.slice(lead.length);
  // "Stay by my side", "Wait for me at the mill": a bare verb with more after it asks someone else.
  if (!subject && rest.length > 0 && PASSIVE_EN.leads.includes(`${words[0]}*`)) return false;
  // "We stayed in the park for hours" skips time. Acts joined on ("I wait, then go") are clauses
  // of their own; nouns after the lead ("by the fire") are not checked as verbs.
  return !rest.some((w) => SPAN.has(w));
}

/** One Chinese clause: a filler, or a passive act with nothing done in it. */
function passiveClauseZh(clause: string, action: ActionTest): boolean {
  let c = clause.replace(/\s+/g, '');
  for (let changed = true; changed;) {
    changed = false;
    for (const s of PASSIVE_ZH.strip) {
      if (c.startsWith(s) && c.length > s.length) {
        c = c.slice(s.length);
        changed = true;
      }
    }
  }
  c = c.replace(/[啊呀吧呢了嘛哦啦]+$/u, '');
  if (c.length === 0 || FILLERS_ZH.has(c) || LAUGH_ZH.test(c) || VERDICT_ZH.test(c) || ECHO_ZH.test(c)) return true;
  if (TAKEN_IN_ZH.test(c) || TELL_ME_ZH.test(c)) return true;
  if (UNDO_PASSIVE_ZH.some((u) => c.includes(u))) return false;
  // The lead itself may hold a verb of doing ("走不动": cannot walk); only what follows it must not.
  const lead = PASSIVE_ZH.leads.find((l) => c.startsWith(l));
  // Asking whether to wait or watch ("还等吗", "要一直看着么") is a question, as "Should we wait?" is.
  if (lead && /[吗么]$/u.test(c)) return false;
  if (lead) return !action.zh(c.slice(lead.length));
  if (action.zh(c)) return false;
  const thanks = THANKS_ZH.exec(c);
  return thanks !== null && thanks[1].length <= 4;
}

/** Splits narration into clauses at sentence marks, commas and "and"/"then" joins. */
function clauses(text: string): string[] {
  return text
    .split(/[.!?;:,…。！？；：，、\n~～]+|\s+(?:and then|and|then|but|while)\s+/u)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/** Quoted speech and the narration around it. */
function splitSpeech(text: string): { speech: string[]; narration: string } {
  const speech: string[] = [];
  const narration = text.replace(/"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』/gu, (_m, a, b, c, d) => {
    speech.push(String(a ?? b ?? c ?? d ?? ''));
    return ' , ';
  });
  return { speech, narration };
}

/** True when every clause of the message is passive. `text` is in-character text (no OOC notes). */
export function isPassive(text: string, action: ActionTest): boolean {
  const plain = text
    .toLowerCase()
    .replace(HYPHEN_POSE, ' , $1 , ')
    .replace(/[*_()（）[\]【】]/gu, ' , ')
    .trim()
    .replace(WHY_ASSENT, '$1');
  if (plain.replace(/[\s,]/g, '').length === 0) return true;
  const bare = plain.replace(/["“”,\s]+/gu, ' ').trim();
  if (NOT_CAUGHT_EN.test(bare) || POINT_BACK_EN.test(bare)) return true;
  const { speech, narration } = splitSpeech(plain);
  const parts = [...speech.flatMap(clauses), ...clauses(narration)];
  if (parts.length === 0) return true;
  // A go-on question ("and then?", "such as?", "然后呢？") is passive; any other question is not.
  const context = { subject: false };
  const han = parts.some((part) => /\p{Script=Han}/u.test(part));
  // Only after a question ("……？派蒙？"): after a comma two characters are as likely a verdict ("哇，好美！").
  const called = CALLED_AFTER_QUESTION.test(plain);
  const calledAtEnd = /,\s*\p{L}+\s*[.!?…]*\s*$/u;
  return parts.every((part, i) => {
    // "什么啊？派蒙？": a short name called out after the rest, as with Latin names below.
    if (i === parts.length - 1 && i > 0 && called && CALLED_ZH.test(part) && !action.zh(part)) return true;
    if (/\p{Script=Han}/u.test(part)) return passiveClauseZh(part, action);
    // In a Chinese message a lone Latin word between marks is a name called out ("谢谢你！CatGPT！").
    if (han && /^[\p{L}\p{N}]+$/u.test(part) && !action.word(part)) return true;
    // "Thank you, Percy.", "okay, grog": one word after a comma at the end is the one spoken to;
    // calling them adds no move. A verb ("Fine, go.") or a when or where ("Sure, tomorrow.") does.
    if (
      i === parts.length - 1 &&
      i > 0 &&
      calledAtEnd.test(plain) &&
      /^\p{L}{2,}$/u.test(part) &&
      !NOT_CALLED_EN.has(part) &&
      !action.word(part)
    )
      return true;
    return passiveClauseEn(part, action, context);
  });
}
