import type { CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { ACT_ZH, ADVERB_EN, FEELING_EN, FEELING_ZH, isAct } from './agency.js';
import { pickedOption } from './choices.js';
import { compilePack } from './pack-cache.js';
import { resultFromFindings, type Finding } from './findings.js';
import { asideActs, clauseActs } from './aside-acts.js';
import { narratorAsPlayer, narratorOnly } from './narrator-as-player.js';
import { ownLines, partyActs } from './party.js';
import { restatesWait } from './restates-wait.js';
import { roleFindings } from './role-swap.js';
import { boundedSource, CJK, contentTokens, contentTokensOf, lastReplies, sentencesOf, type Sentence } from './text.js';
import { boundedMemo } from '../../text/memo.js';
import { narratedSpeech, voicesOf, withStressRead, within, type Range, type Voices } from './voices.js';
import { clauseStart, clauseStartZh, compileWho, pronounCounts, type Gender, type Who } from './who.js';
import { execAll } from '../../text/regexp.js';

// Deliberate acts, speech and thoughts. Perception ("you see", "you hear", "you notice") is the
// narrator's to describe and is deliberately absent.
const VERBS = new Set(
  (
    'say said says nod nodded nods decide decided decides feel felt feels think thought thinks smile smiled smiles laugh laughed laughs ' +
    'reply replied replies answer answered answers agree agreed agrees whisper whispered whispers shout shouted shouts ask asked asks ' +
    'grab grabbed grabs take took takes walk walked walks step stepped steps reach reached reaches draw drew draws realize realized realise realised ' +
    'wonder wondered wonders shrug shrugged shrugs sigh sighed sighs grin grinned grins frown frowned frowns ' +
    'pull pulled pulls push pushed pushes kiss kissed kisses hug hugged hugs tell told tells promise promised promises ' +
    'lean leaned leant leans follow followed follows blush blushed blushes murmur murmured murmurs respond responded responds ' +
    'hesitate hesitated hesitates swallow swallowed swallows clench clenched clenches hand handed hands'
  ).split(/\s+/),
);
const HOLD_OUT = /^(?:hold|held|holds)\s+out\b/iu;
// Feeling something outside oneself is perception, as hearing is: "you feel a low hum vibrating through the wood", "you
// feel a sorrowful confusion radiating from the stag". A feeling rising in the player ("a surge of anger rising in your
// chest") is theirs, and decided.
const FELT_OUTSIDE =
  /^(?:feel|feels|felt)\s+(?:a|an|the|its|his|her|their|some)\s+[^.!?;:"“”]{0,60}?\b\p{L}+ing\s+(?:from|through|in|under|beneath|against|across|along|off|out\s+of)\b(?!\s+(?:your|you)\b)/iu;

// Only where "you" opens a clause: "a sound you feel", "until you take it" and "neither of you
// says" describe the scene around the player rather than decide for them. The word after "you"
// (group 1) is checked against VERBS and the decided feelings.
// A closing single quote ends a character's line as a double one does: "'No,' you say" tells the player speaking.
const CLAUSE_BEFORE = '(?:^|[.!?;:,—–…*"”)\\]]|(?<=[.,!?…—–-])[\'’])\\s*|\\b(?:and|then|but|so|now|finally)\\s+';
const SECOND = new RegExp(
  `${clauseStart('you', CLAUSE_BEFORE)}(?:\\s+(?:\\w+ly|finally|then|just|slowly|quietly|also))?\\s+(\\p{L}+)`,
  'gimu',
);
const SECOND_ZH = new RegExp(
  `${clauseStartZh('你')}(?:轻轻地?|缓缓地?|默默地?|终于|也)?(?:(说道?|点了?点头|点头|决定|心想|想道|觉得|感到|回答|答道|笑了|笑着|微笑|答应|拿起|走向|转身|伸手|叹了口气|耸了耸肩|握住|低声道|喊道|问道)|${FEELING_ZH})`,
  'gu',
);

// A thought or decision given to the player further into a sentence that 你 opens, or in their mind:
// 你的内心犹豫了一下，但还是决定……, 你的脑海里闪过一个主意, 你踱步离开营地，……，心里开始构思. A later
// clause with a subject of its own (他/她/我, a quote) is somebody else's; 你们 and 你的朋友 are not the player alone.
const MIND_ZH = '(?:心里|心中|心底|内心|脑海里?|脑子里|脑中)[^。！？\\n“”「」]{0,8}?(?:犹豫|闪过|构思|盘算|思索|想到|浮现|打定主意)';
// 你若…, 你如果…, 你可以…: a condition or an offer, not the player's move ("你若点头，决定权便在你").
const IF_ZH = '若|如果|要是|倘若|假如|可以|能否|愿意';
const SECOND_ZH_LATER = new RegExp(
  `${clauseStartZh('你')}(?:的?${MIND_ZH}|(?![们的]|${IF_ZH})[^。！？\\n“”「」他她它我]{0,30}?[，,](?:但|可|却|于是|便|就|又)?(?:还是|最终|终于|最后)?(决定(?!权)|${MIND_ZH}))`,
  'gu',
);

// People a pronoun may stand for besides the player, by the pronoun they take (neutral: either).
const PEOPLE: Record<Gender | 'n', RegExp> = {
  m: /\b(?:man|men|boy|guy|gentleman|king|prince|lord|father|brother|son|husband|uncle|grandfather|monk|priest|sir)\b|男人|男子|少年|老人/iu,
  f: /\b(?:woman|women|girl|lady|queen|princess|mother|sister|daughter|wife|aunt|grandmother|nun|madam)\b|女人|女子|少女|姑娘/iu,
  n: /\b(?:stranger|guard|figure|soldier|knight|merchant|servant|someone|somebody|person|child|kid|driver|officer|thief|criminal|visitor|bandit|captain|innkeeper|bartender|doctor|boss|master|teacher|student|friend|enemy|attacker|customer|clerk|constable|sheriff)s?\b|陌生人|侍卫|士兵|客人|店主|掌柜/iu,
};
const SECOND_PERSON = /\byou(?:r|rs|rself)?\b|你/iu;
const CAPITALISED = /(?<=[\p{Ll},;]\s+)\p{Lu}\p{Ll}+/gu;

const SURE = 0.85;

// A quote opening before the sentence's closing question mark: the question is what someone says.
const QUOTED_QUESTION = /["“「『][^"“”「」『』]*[?？][\s"'”’」』*)）]*$/u;

/** The clause at `pos` asks the player something: its sentence ends on a question mark that no quote after `pos` holds. */
function isQuestion(list: readonly Sentence[], pos: number): boolean {
  for (const s of list)
    if (pos >= s.start && pos < s.end) return /[?？][\s"'”’」』*)）]*$/u.test(s.text) && !QUOTED_QUESTION.test(s.text.slice(pos - s.start));
  return false;
}

// Going somewhere, in whatever verb: "You step into the cellar" carries out "go cellar" or "I head down".
const MOVES = new Set(
  (
    'go goes going went walk walks walked step steps stepped head heads headed move moves moved enter enters entered ' +
    'return returns returned climb climbs climbed cross crosses crossed wander wanders wandered proceed proceeds proceeded ' +
    'venture ventures ventured travel travels travelled traveled'
  ).split(' '),
);

// Taking hold and pulling, in whatever verb: "You pull him into the lee" carries out "I tug him toward the shadow".
const HOLDS = new Set(
  'grab grabs grabbed seize seizes seized snatch snatches snatched clutch clutches clutched grip grips gripped'.split(' '),
);
const PULLS = new Set('pull pulls pulled tug tugs tugged yank yanks yanked drag drags dragged haul hauls hauled'.split(' '));
const KINDS = [MOVES, HOLDS, PULLS];

// A place the player's message names, as a word after an article or a possessive ("at the guild", "into my room").
const NAMED_PLACE = /\b(?:the|my|a|an|our)\s+(\p{L}{4,})\b/giu;

/**
 * Going to the place where the player said they act: "You step through the doors of the Adventurers' Guild" after "I
 * register at the guild" is how their move begins, not a move of the narrator's choosing.
 */
function goesWhereNamed(verb: string, rest: string, input: string): boolean {
  if (!MOVES.has(verb.toLowerCase())) return false;
  const clause = rest
    .slice(verb.length)
    .split(/[.!?;:]/u)[0]
    .toLowerCase();
  for (const m of execAll(NAMED_PLACE, input)) if (new RegExp(`\\b${m[1].toLowerCase()}`, 'u').test(clause)) return true;
  return false;
}

/** The player already did this: "You nod" after "I nod" restates their move rather than deciding it. */
function restates(verb: string | undefined, input: string): boolean {
  if (!verb) return false;
  const word = verb.toLowerCase().replace(/\s.*$/, '');
  const stem = word.slice(0, 4);
  const said = inputWords(input);
  if (KINDS.some((kind) => kind.has(word) && said.some((w) => kind.has(w)))) return true;
  return stem.length >= 2 && said.some((w) => w.startsWith(stem));
}

const SPEECH = new Set(
  'say said says ask asked asks reply replied replies answer answered answers whisper whispered whispers shout shouted shouts murmur murmured murmurs respond responded responds tell told tells'.split(
    ' ',
  ),
);
// The words a speech verb is attached to: the quote just before it ("“Who's in there?” you ask") or just after it
// ("you ask, “Who's in there?”").
const QUOTE_BEFORE = /["“]([^"“”]{1,200})["”][\s,]*$/u;
const QUOTE_AFTER = /^[\s,:]*["“]([^"“”]{1,200})["”]/u;
const SAID_WORD = /[\p{L}\p{N}]{2,}/gu;

/**
 * The player's own words said back with a speech verb: "“Who's in K-9?” you ask" after the player asked who is in K-9
 * restates their line. Most of the quote's words must be in the player's message; new words are the narrator's.
 */
function saysBack(text: string, youAt: number, verbEnd: number, input: string): boolean {
  const quote = QUOTE_BEFORE.exec(text.slice(Math.max(0, youAt - 240), youAt)) ?? QUOTE_AFTER.exec(text.slice(verbEnd, verbEnd + 240));
  const words = quote?.[1].toLowerCase().match(SAID_WORD);
  if (!words) return false;
  const said = new Set(input.toLowerCase().match(SAID_WORD) ?? []);
  return words.filter((w) => said.has(w)).length * 3 >= words.length * 2;
}

// The player's words that may be their move: a word after an article or a possessive is a noun ("her voice
// dropping to a whisper" is no whispering done), so it excuses nothing.
const DETERMINER = /^(?:a|an|the|my|his|her|their|our|your|its)$/u;
const inputWords = boundedMemo(32, (input: string) => {
  const words = input.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.filter((_, i) => i === 0 || !DETERMINER.test(words[i - 1]));
});

const replyPronouns = boundedMemo(64, pronounCounts);

/** The pronoun the story uses for the player, when no character shares it. */
function playerPronoun(ctx: CriticContext, who: Who): Gender | undefined {
  const genders = who.characters.map((c) => c.gender);
  let g = who.playerGender;
  if (!g) {
    // The story calls the player by the pronoun none of the characters take.
    if (genders.length === 0 || genders.some((x) => x === undefined) || new Set(genders).size !== 1) return undefined;
    const other: Gender = genders[0] === 'm' ? 'f' : 'm';
    const seen = lastReplies(ctx.recentReplies, 3).reduce((n, r) => n + replyPronouns(r)[other], 0);
    if (seen < 2) return undefined;
    g = other;
  }
  return genders.includes(g) ? undefined : g;
}

function inNarration(start: number, narration: readonly Range[]): boolean {
  return within(start, narration);
}

// "You decide to leave the house": the decision is the move after "to", the player's own when they made it.
const DECIDE_TO = /^(?:decide|decides|decided)\s+to\s+(\p{L}+)/iu;
// "You quickly realize that the world has turned": a realisation is as often a fact of the scene handed over (which
// is the narrator's, as "you notice" is) as a thought given to the player, so it is not sure.
const REALIZE_THAT = /^(?:realize|realized|realizes|realise|realised|realises)\s+that\b/iu;

// "you think you can check your gold": the player's own attempt read back as their belief (a taunt), not a thought given.
const THINK_YOU_CAN =
  /^(?:think|thinks|thought|believe|believes|believed)\s+(?:that\s+)?you\s+(?:can|could|will|would|may|might)\s+(\p{L}+)/iu;

const FEEL = new Set(['feel', 'feels', 'felt']);
/** Words of the player's move the reply must name before a feeling counts as that move's effect. */
const MOVE_WORDS_TOLD = 2;

/**
 * The reply has told the player's own act before `at` (two of its content words: "You eat the granola bar" after "I
 * eat a granola bar"): a feeling after it ("you feel a renewed sense of vigor") may be how that act lands, not a feeling
 * the narrator chose for the player, so it is not sure.
 */
function afterOwnAct(text: string, at: number, move: string): boolean {
  const said = new Set(contentTokensOf(move));
  if (said.size < MOVE_WORDS_TOLD) return false;
  let told = 0;
  for (const t of new Set(contentTokens(text.slice(0, at)))) if (said.has(t) && ++told >= MOVE_WORDS_TOLD) return true;
  return false;
}

function secondPerson(text: string, ctx: CriticContext, voices: Voices, list: readonly Sentence[], out: Finding[]): void {
  const why = 'narrates what the player does, says, thinks or feels';
  const narration = voices.narration;
  const drifted = narratedSpeech(text, voices);
  const outOfStars: Finding[] = [];
  // A bare "2" picks option 2 of the last reply's menu: the option's words are the player's move.
  const pick = pickedOption(ctx.playerInput, lastReplies(ctx.recentReplies, 1)[0]);
  const move = pick === undefined ? ctx.playerInput : `${ctx.playerInput}\n${pick}`;
  for (const m of execAll(SECOND, text)) {
    const start = m.index ?? 0;
    const told = inNarration(start, narration);
    if ((!told && !within(start, drifted)) || isQuestion(list, start)) continue;
    const word = m[1] ?? '';
    const wordAt = start + m[0].length - word.length;
    const rest = text.slice(wordAt, wordAt + 60);
    const feeling = FEELING_EN.exec(rest) ?? HOLD_OUT.exec(rest);
    const into = told ? out : outOfStars;
    if (feeling) {
      into.push({ start, end: wordAt + feeling[0].length, why, confidence: SURE });
    } else if (
      VERBS.has(word.toLowerCase()) &&
      !FELT_OUTSIDE.test(text.slice(wordAt, wordAt + 120)) &&
      !restates(word, move) &&
      !restates(DECIDE_TO.exec(rest)?.[1], move) &&
      !restates(THINK_YOU_CAN.exec(rest)?.[1], move) &&
      !goesWhereNamed(word, rest, move) &&
      !restatesWait(ctx.playerInput, text, wordAt) &&
      !(
        SPEECH.has(word.toLowerCase()) &&
        saysBack(text, start + Math.max(0, text.slice(start, wordAt).search(/\byou\b/iu)), wordAt + word.length, ctx.playerInput)
      )
    ) {
      // A picked option is terse ("Use your knife"); carrying it out tells acts it did not name ("You take out your
      // knife"), so after a pick an act is not surely the narrator's.
      if (pick !== undefined)
        into.push({ start, end: start + m[0].length, why: `${why}, after a picked option it may carry out`, confidence: 0.6 });
      else if (REALIZE_THAT.test(rest))
        into.push({ start, end: start + m[0].length, why: `${why}, or hands over a fact`, confidence: 0.6 });
      else if (FEEL.has(word.toLowerCase()) && afterOwnAct(text, start, move))
        into.push({ start, end: start + m[0].length, why: `${why}, after the player's own act it may be the effect of`, confidence: 0.6 });
      else into.push({ start, end: start + m[0].length, why, confidence: SURE });
    }
  }
  // Outside the stars one such clause may still be a character telling the player what to do ("You
  // take the left path."); two are the narrator telling the player's turn.
  const sure = outOfStars.length >= 2;
  for (const f of outOfStars) out.push({ ...f, why: `${why}, in plain text outside the reply's *actions*`, confidence: sure ? SURE : 0.6 });
  for (const m of execAll(SECOND_ZH, text)) {
    const start = m.index ?? 0;
    if (!inNarration(start, narration) || isQuestion(list, start)) continue;
    if (restates(m[1], ctx.playerInput)) continue;
    out.push({ start, end: start + m[0].length, why, confidence: SURE });
  }
  for (const m of execAll(SECOND_ZH_LATER, text)) {
    const start = m.index ?? 0;
    if (!inNarration(start, narration) || isQuestion(list, start)) continue;
    if (m[1] !== undefined && ctx.playerInput.includes(m[1])) continue;
    out.push({ start, end: start + m[0].length, why: 'gives the player a thought or a decision', confidence: SURE });
  }
}

function byName(text: string, ctx: CriticContext, who: Who, narration: Range[], list: readonly Sentence[], out: Finding[]): void {
  const why = 'narrates the player by name, deciding what they do';
  who.playerName.lastIndex = 0;
  if (!who.playerName.test(text)) return;
  for (const m of execAll(who.playerActs, text)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (!inNarration(start, narration) || isQuestion(list, start)) continue;
    if (!isAct(m[1] ?? '', text.slice(end, end + 12)) || restates(m[1], ctx.playerInput)) continue;
    if (restatesWait(ctx.playerInput, text, end - (m[1] ?? '').length)) continue;
    out.push({ start, end, why, confidence: SURE });
  }
  // A game master tells the player's move through an aside too ("Alistair, having reloaded, fires"): as sure.
  const forms = narratorOnly(ctx.pack) ? who.playerForms.filter((f) => !CJK.test(f)).sort((a, b) => b.length - a.length) : [];
  for (const a of asideActs(text, forms.map(boundedSource))) {
    if (!inNarration(a.start, narration) || isQuestion(list, a.start) || restates(a.verb, ctx.playerInput)) continue;
    if (out.some((f) => f.start < a.end && f.end > a.start)) continue;
    out.push({ start: a.start, end: a.end, why, confidence: SURE });
  }
  // The player's hand moving, or the player in a clause "as" or "while" sets: that often carries on their own move in
  // other words, so it is only a hint, unless the player's message declared nothing of theirs this turn.
  const latin = who.playerForms.filter((f) => !CJK.test(f)).sort((a, b) => b.length - a.length);
  // A message with lines for the rest of the party and none of the player's own (an empty one, a continue, is not).
  const idle = ctx.playerInput.trim() !== '' && ownLines(ctx).trim() === '';
  for (const a of clauseActs(text, latin.map(boundedSource))) {
    if (!inNarration(a.start, narration) || isQuestion(list, a.start) || restates(a.verb, ctx.playerInput)) continue;
    if (out.some((f) => f.start < a.end && f.end > a.start)) continue;
    if (!a.subordinate || idle) out.push({ start: a.start, end: a.end, why, confidence: SURE });
    else
      out.push({
        start: a.start,
        end: a.end,
        why: 'narrates the player by name doing something, in a clause that may carry on their own move',
        confidence: 0.6,
      });
  }
  for (const m of who.playerActsZh ? execAll(who.playerActsZh, text) : []) {
    const start = m.index ?? 0;
    if (!inNarration(start, narration) || isQuestion(list, start)) continue;
    out.push({ start, end: start + m[0].length, why, confidence: SURE });
  }
}

// Group 1: the word after an English pronoun (checked with isAct); a Chinese match is whole.
const pronounPatterns: Record<Gender, RegExp> = {
  m: new RegExp(`${clauseStart('He|he')}${ADVERB_EN}\\s+(\\p{L}+)|${clauseStartZh('他')}${ACT_ZH}`, 'gu'),
  f: new RegExp(`${clauseStart('She|she')}${ADVERB_EN}\\s+(\\p{L}+)|${clauseStartZh('她')}${ACT_ZH}`, 'gu'),
};

/** "He opens the door and finds a letter" when the story's "he" is the player. */
function byPronoun(text: string, ctx: CriticContext, who: Who, narration: Range[], list: readonly Sentence[], out: Finding[]): void {
  const g = playerPronoun(ctx, who);
  if (!g) return;
  const told = narration.map(([s, e]) => text.slice(s, e)).join('\n');
  // A reply that speaks to the player as "you" tells of someone else with "he".
  if (SECOND_PERSON.test(told)) return;
  const known = compilePack(ctx.pack).names;
  const previous = lastReplies(ctx.recentReplies, 1)[0] ?? '';
  const someoneElse = (s: string): boolean => PEOPLE[g].test(s) || PEOPLE.n.test(s);
  const strangers = (s: string): boolean => [...execAll(CAPITALISED, s)].some((m) => !known.has(m[0].toLowerCase()));
  const found: Finding[] = [];
  for (const m of execAll(pronounPatterns[g], text)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (!inNarration(start, narration) || isQuestion(list, start)) continue;
    if (m[1] !== undefined && !isAct(m[1], text.slice(end, end + 12))) continue;
    const before = text.slice(0, start);
    if (someoneElse(before) || strangers(before)) continue;
    const sentence = list.find((s) => start >= s.start && start < s.end)?.text ?? '';
    who.playerName.lastIndex = 0;
    if (who.playerName.test(sentence)) continue;
    if (restates(m[1], ctx.playerInput)) continue;
    found.push({ start, end, why: 'narrates the player in the third person, deciding what they do', confidence: 0 });
  }
  // One clause may still be somebody the story met earlier; several in a row are the player,
  // unless the last reply met someone else or spoke to the player as "you".
  const lastTold = voicesOf(previous)
    .narration.map(([s, e]) => previous.slice(s, e))
    .join('\n');
  const sure = found.length >= 2 && !someoneElse(previous) && !strangers(lastTold) && !SECOND_PERSON.test(lastTold);
  for (const f of found) out.push({ ...f, confidence: sure ? 0.8 : 0.6 });
}

// The player's own blow told as done: "your shot rings out", "your first arrow finds the gap". The noun names the act,
// not the weapon ("your blade gleams" is a thing described), and the verb after it is told (-s, -ed).
const YOUR_BLOW =
  /\b[Yy]our\s+(?:\p{L}+\s+)?(?:shot|blow|swing|strike|thrust|slash|stab|punch|kick|throw|arrow|bolt|bullet)\s+(?:\p{L}+ly\s+)?\p{L}+(?:s|ed)\b/gu;
// A condition or a time yet to come: "if your shot misses", "before your blow lands".
const NOT_YET = /\b(?:if|unless|until|before|when|once|whether|should)\s+$/iu;
// An attack the player's own lines declare: telling how it lands carries it out.
const ATTACKS =
  /\b(?:fir(?:e|es|ed|ing)|shoot(?:s|ing)?|shot|attack(?:s|ed|ing)?|strik(?:e|es|ing)|struck|swing(?:s|ing)?|swung|slash(?:es|ed|ing)?|stab(?:s|bed|bing)?|punch(?:es|ed|ing)?|kick(?:s|ed|ing)?|throw(?:s|ing)?|threw|loos(?:e|es|ed|ing)|cleav(?:e|es|ed|ing)|hit(?:s|ting)?|thrust(?:s|ing)?|lung(?:e|es|ed|ing)|charg(?:e|es|ed|ing)|aim(?:s|ed|ing)?)\b/iu;

/**
 * The player's blow, shot or throw told as done when their own lines this turn declared no attack: sure when they
 * declared nothing at all, a hint when they did something else ("I pull the trigger" is an attack in other words).
 */
function blowsTold(text: string, ctx: CriticContext, narration: Range[], list: readonly Sentence[], out: Finding[]): void {
  const own = ownLines(ctx);
  if (!/\byour\b/iu.test(text) || ATTACKS.test(own)) return;
  for (const m of execAll(YOUR_BLOW, text)) {
    const start = m.index ?? 0;
    if (!inNarration(start, narration) || isQuestion(list, start) || NOT_YET.test(text.slice(Math.max(0, start - 12), start))) continue;
    const why = "tells the player's attack as done, which their message did not declare";
    out.push({ start, end: start + m[0].length, why, confidence: ctx.playerInput.trim() !== '' && own.trim() === '' ? SURE : 0.6 });
  }
}

function lines(text: string, who: Who, out: Finding[]): void {
  for (const m of execAll(who.playerLine, text)) {
    const start = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    out.push({ start, end: (m.index ?? 0) + m[0].length, why: 'a line spoken as the player', confidence: SURE });
  }
}

/**
 * The reply acts for the player: narrates what they do, say, think or feel (in the second
 * person, by name, or by the pronoun the story uses for them), writes their lines, or is written
 * as the player (it calls the character by the character's own name, claims the player's name,
 * or repeats the player's turn). Quoted and unquoted speech of a character is skipped, and so is
 * a question to the player. Findings it is not sure of come with a lower confidence (a hint).
 */
export function speaksForUser(text: string, ctx: CriticContext): CriticResult {
  const who = compileWho(ctx.pack, ctx.persona);
  const voices = withStressRead(text, voicesOf(text));
  const list = sentencesOf(text);
  const found: Finding[] = [];
  secondPerson(text, ctx, voices, list, found);
  byName(text, ctx, who, voices.narration, list, found);
  byPronoun(text, ctx, who, voices.narration, list, found);
  blowsTold(text, ctx, voices.narration, list, found);
  lines(text, who, found);
  const roles = roleFindings(text, ctx);
  // A name said with nobody addressed may be self-talk: only the sure ones are a role swap here.
  for (const f of roles.ownName) if (f.confidence >= SURE) found.push({ ...f, why: `written as the player: ${f.why}` });
  found.push(...roles.asPlayer, ...roles.echo, ...narratorAsPlayer(text, ctx));
  found.push(...partyActs(text, ctx));
  return resultFromFindings('speaks-for-user', text, found, 0.4);
}
