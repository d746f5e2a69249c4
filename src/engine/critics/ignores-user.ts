import type { CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { isWaiting } from '../pacing/cues.js';
import { declinesAsAssistant, turnsDown } from './out-of-character.js';
import { compilePack } from './pack-cache.js';
import { CJK, contentTokens, contentTokensOf, echoes, evidenceAt, quoteRangesOf, resultFrom, sentencesOf, wholeEvidence } from './text.js';
import { boundedMemo } from '../../text/memo.js';
import { copiedWhole, copyOf } from './repetition.js';
import { answersElsewhere } from './answers-elsewhere.js';
import { amountUnanswered } from './amount-asked.js';
import { offeredBack } from './offered-back.js';
import { execAll } from '../../text/regexp.js';

const QUESTION =
  /[?？]|^\s*(?:who|what|where|when|why|how|is|are|do|does|did|can|could|will|would)\b|(?:吗|呢|什么|哪里|哪儿|为什么|怎么|谁)/iu;
// Someone speaks in the reply: quotes, or a first or second person (a character answering in voice),
// capitalised too: "We just arrived" opens its sentence. "Worse than yours" speaks to the player as "your" does.
const VOICE =
  /\b(?:I|I'm|I've|I'll|I'd|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|[Uu]s|[Oo]urs?|[Yy]ou|[Yy]ours?|[Tt]hee|[Tt]hou|[Tt]hy)\b|[我你您咱吾俺朕]|在下|老夫|本王|本宫/u;
// Someone shown in the narration (he, she, they): a nod, a shrug or a hand pointing may be the answer, and a turn
// toward the asker is the beat before one, so narration about a person does not surely pass the question by.
const PERSON = /\b(?:[Hh]e|[Ss]he|[Tt]hey|[Hh]is|[Hh]er|[Hh]im|[Tt]heir|[Tt]hem)\b|[他她]/u;
// A whole turn given as asides: "Socrates (thinking): ..." paragraphs and nothing said aloud.
const ASIDE =
  /^[ \t]*[^\n(（:：]{1,40}[(（](?:thinking|thought|thinks|inner thoughts?|internal|aside|内心|心想|思考|心里)[)）][ \t]*[:：]/imu;
// Cheap gate: the reply must open on a part header before every part is read.
const ASIDE_FIRST = /^\s*[^\n(（:：]{1,40}[(（][^)）\n]{1,24}[)）][ \t]*[:：]/u;
const PART = /^[ \t]*[^\n(（:：]{1,40}[(（][^)）\n]{1,24}[)）][ \t]*[:：]/gmu;

// A brush-off in place of an answer: a disclaimer before a change of subject ("While I am no scholar of their
// history ... However"), a refusal to bother ("You think I got time for that?"), a sneer at the asking (连这个都不知道).
// A gruff character may refuse in character, so this is only ever a hint.
const DEFLECT =
  /\b(?:I(?:'m|\s+am)\s+no\s+(?:scholar|expert|historian|authority)\b|(?:don'?t|do\s+not)\s+give\s+a\s+(?:damn|shit|fuck|hoot)\b|(?:got|have|had)\s+(?:no\s+)?time\s+for\s+(?:that|this)\b[^.!?\n]{0,12}\?|ask\s+me\s+something\s+(?:else|worth|better)\b|change\s+the\s+subject\b|none\s+of\s+your\s+business\b)|连这个都不知道|关你什么事|少管闲事|换个话题|无可奉告/iu;
const SURE = 0.85;
const UNSURE = 0.45;
/** Too short to judge by overlap: a one-line retort or a nod takes a message up without its words. */
const MIN_WORDS = 8;
const MIN_CJK = 12;

const clean = (): CriticResult => ({ id: 'ignores-user', flagged: false, score: 1, evidence: [] });

/** The reply is only asides: every part is a "(thinking)" part, so nothing answers the player aloud. */
function asideOnly(text: string): boolean {
  if (!ASIDE_FIRST.test(text)) return false;
  const parts = [...execAll(PART, text)];
  if (parts.length === 0 || text.slice(0, parts[0].index ?? 0).trim() !== '') return false;
  return parts.every((p) => ASIDE.test(p[0]));
}

const SCRIPTS = ['latin', 'greek', 'cyrillic', 'cjk'] as const;

/** Letters per script (latin, greek, cyrillic, cjk) by code-unit range: a plain loop costs far less than script regexes. */
function scriptCounts(s: string): number[] {
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 65) continue;
    if (c <= 90 || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) counts[0]++;
    else if ((c >= 0x370 && c <= 0x3ff) || (c >= 0x1f00 && c <= 0x1fff)) counts[1]++;
    else if (c >= 0x400 && c <= 0x52f) counts[2]++;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff))
      counts[3]++;
  }
  return counts;
}

/** The letters of the reply are mostly in a script the player's message does not use (Greek to an English question). */
function otherScript(text: string, input: string): boolean {
  const mine = scriptCounts(text);
  const total = mine.reduce((a, b) => a + b, 0);
  if (total < 20) return false;
  const theirs = scriptCounts(input);
  for (let k = 0; k < SCRIPTS.length; k++) if (mine[k] / total >= 0.8) return theirs[k] === 0;
  return false;
}

/** Whether the reply has at least `min` words (or CJK characters when `cjk`), counted without splitting. */
function atLeast(text: string, min: number, cjk: boolean): boolean {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length && n < min; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 0x3000;
    if (cjk) {
      if (!space) n++;
    } else if (!space && !inWord) n++;
    inWord = !space;
  }
  return n >= min;
}

// One sentence of the player's message that ends on a question mark.
const ASKED_SENTENCE = /[^.!?。！？…\n]*[?？]+/gu;

/** The player's message with its echoes of the last reply left out: they check, they ask nothing new. */
function withoutEchoes(input: string, last: string | undefined): string {
  return input.replace(ASKED_SENTENCE, (q) => (echoes(q, last) ? ' ' : q));
}

// Every candidate of a turn (raw and repaired) answers the same input.
const waiting = boundedMemo(8, isWaiting);

/**
 * The player's message asks or does something the message `before` did not: one of its questions (two content words
 * or more, an echo of the last reply left out) shares no content word with `before`, or, asking nothing, most of the
 * message's words are new to it ("I give 5 gold to the orphanage" after "I try to buy a castle for 1000 gold" shares only
 * the coin). A message that asks again what it asked before ("What brought you here?" once more) is not new.
 */
function asksAnew(input: string, before: string, last: string | undefined): boolean {
  const known = new Set(contentTokensOf(before));
  const questions = [...input.matchAll(ASKED_SENTENCE)].map((m) => m[0]).filter((q) => !echoes(q, last));
  const parts = questions.length > 0 ? questions : [input];
  const least = questions.length > 0 ? 2 : 1;
  return parts.some((part) => {
    const words = contentTokens(part);
    if (words.length < least) return false;
    const kept = words.filter((w) => known.has(w)).length;
    return questions.length > 0 ? kept === 0 : kept * 2 < words.length;
  });
}

/**
 * The player's message is not taken up. Sure only where a reader would agree: an empty reply, a
 * reply that is only a "(thinking)" aside, a reply in a script the player does not write, or a
 * direct question met by two or more sentences of pure narration (no one speaks) that share none
 * of its words. Hints: a refusal or an AI's disclaimer in place of an answer, a brush-off, a
 * question nobody answers aloud. A reply sharing no content word with the player is otherwise
 * left alone (an answer, a retort or a feeling need not repeat the player's words), and short
 * replies are not judged at all. Continues, inputs without content words and waiting cues are
 * never flagged.
 */
export function ignoresUser(text: string, ctx: CriticContext): CriticResult {
  const input = ctx.playerInput.trim();
  const asked = contentTokensOf(input);
  if (asked.length === 0 || waiting(input)) return clean();
  if (text.trim() === '') return resultFrom('ignores-user', [wholeEvidence(text, 'an empty reply answers nothing')], 0.8, SURE);
  if (asideOnly(text))
    return resultFrom('ignores-user', [wholeEvidence(text, 'only an aside: nothing is said or done in reply')], 0.8, SURE);
  const mine = new Set(contentTokensOf(text));
  const shared = new Set(asked.filter((t) => mine.has(t)));
  if (shared.size === 0 && otherScript(text, input))
    return resultFrom('ignores-user', [wholeEvidence(text, 'written in a script the player does not use')], 0.8, SURE);

  // An earlier reply said again whole answered an earlier message: when this one asks or does something new, the
  // copy cannot take it up. Where the player asks the same again, the old answer may still serve.
  if (ctx.recentReplies.length > 0) {
    const copy = copyOf(text, ctx);
    if (copiedWhole(copy) && asksAnew(input, copy.prompt, ctx.recentReplies.at(-1)))
      return resultFrom(
        'ignores-user',
        [wholeEvidence(text, 'an earlier reply said again, while the player asked or did something new')],
        0.8,
        SURE,
      );
  }
  const cjk = compilePack(ctx.pack).cjk || CJK.test(text.slice(0, 40));
  if (!atLeast(text, cjk ? MIN_CJK : MIN_WORDS, cjk)) return clean();
  const asking = withoutEchoes(input, ctx.recentReplies.at(-1));
  const question = QUESTION.test(asking);
  if (offeredBack(input, text))
    return resultFrom(
      'ignores-user',
      [wholeEvidence(text, "the player's move is offered back as one choice among others instead of carried out")],
      0.8,
      SURE,
    );
  const amount = amountUnanswered(asking, text);
  if (amount)
    return resultFrom(
      'ignores-user',
      [wholeEvidence(text, 'the player asked how much or how many and the reply names no amount')],
      0.8,
      amount === 'own' ? SURE : UNSURE,
    );
  if (shared.size === 0) {
    const narration = quoteRangesOf(text).length === 0 && !VOICE.test(text);
    if (question && narration && asked.length >= 2 && sentencesOf(text).length >= 2)
      return resultFrom(
        'ignores-user',
        [wholeEvidence(text, 'the player asked a question and the reply only narrates something else')],
        0.8,
        PERSON.test(text) ? 0.6 : 0.8,
      );
  }
  // Sharing no word with the player is no sign by itself (an answer, a retort or a feeling need not
  // repeat them): across the five real corpora that hint was right 5 times in 75, and 0 in 8 when no
  // one spoke either. A refusal or an AI's disclaimer in place of the answer is a sharper sign (right
  // 5 times in 11), still a hint: a character may refuse in voice.
  if (declinesAsAssistant(text))
    return resultFrom(
      'ignores-user',
      [wholeEvidence(text, 'the model declines the message as an assistant, opening on an apology')],
      0.8,
      SURE,
    );
  if (turnsDown(text))
    return resultFrom(
      'ignores-user',
      [wholeEvidence(text, 'turns the message down (a refusal or an AI disclaimer) instead of taking it up')],
      0.6,
      UNSURE,
    );
  const brushOff = DEFLECT.exec(text);
  if (brushOff)
    return resultFrom(
      'ignores-user',
      [evidenceAt(text, brushOff.index, brushOff.index + brushOff[0].length, 'brushes the message off instead of taking it up')],
      0.6,
      UNSURE,
    );
  // A closed question ("Where am I?") met by another subject altogether: none of the player's words, no answer of
  // the form asked, next to nothing the story speaks of. No corpus reply fits it (none clean, none labelled); put after
  // such a question, 5 of 396 in-story corpus replies fit it: a hint for the judge to confirm.
  if (shared.size === 0) {
    const elsewhere = answersElsewhere(text, ctx);
    if (elsewhere) return resultFrom('ignores-user', [wholeEvidence(text, elsewhere)], 0.6, UNSURE);
  }
  if (question && quoteRangesOf(text).length === 0 && !VOICE.test(text) && shared.size < 2) {
    return resultFrom('ignores-user', [wholeEvidence(text, 'the player asked a question and nobody answers it')], 0.6, UNSURE);
  }
  return clean();
}
