/**
 * Replies where the character and the player trade places: the character speaks to the player by
 * the character's own name ("that's a tough one, Bibi! you're stunning"), claims the player's
 * name ("I'm Ben", 我是曾家原) or signs as them, repeats the player's whole turn as its reply, or
 * speaks of itself in the third person ("Socrates often said... He believed"). Both the
 * speaks-for-user and the reference-confusion critics read these; they are found once per reply.
 */
import type { Character } from '../../world/types.js';
import type { CriticContext } from './context.js';
import type { Finding } from './findings.js';
import { ADVERB_EN, isAct } from './agency.js';
import { boundedSource, CJK, sentencesOf, tokensOf, type Sentence } from './text.js';
import { boundedMemo } from '../../text/memo.js';
import { voicesOf, type Range, type Voices } from './voices.js';
import { clauseStart, clauseStartZh, compileWho, type Who, type WhoCharacter } from './who.js';
import { escapeRegExp, execAll } from '../../text/regexp.js';

export interface RoleFindings {
  /** The speaker calls the player by the speaker's own name. */
  ownName: Finding[];
  /** The speaker claims the player's name or signs as the player. */
  asPlayer: Finding[];
  /** The reply repeats the player's turn as its own. */
  echo: Finding[];
  /** The speaker speaks of itself in the third person. */
  selfThird: Finding[];
}

const SURE = 0.85;
const UNSURE = 0.5;
// Someone addressed besides the speaker: the second person or an inclusive "we".
const ADDRESSEE = /\b(?:you|your|yours|yourself|we|us|our|let['’]s)\b|[你您咱]|我们/iu;
const FIRST_PERSON = /\b(?:I|me|my|I['’]m|I['’]ve|I['’]d)\b|我/u;
const PLAYER_SPEAKS = /\byou\s+(?:\w+ly\s+)?(\p{L}+)|你(?:说|问|答|喊|低声)/giu;
const SPEECH_VERBS = new Set(
  'say said ask asked whisper whispered reply replied answer answered call called shout shouted murmur murmured tell told'.split(' '),
);

/** The narration has the player speaking ("you say", 你说): the quotes there may be theirs. */
function playerSpeaks(narration: string): boolean {
  for (const m of execAll(PLAYER_SPEAKS, narration)) if (m[1] === undefined || SPEECH_VERBS.has(m[1].toLowerCase())) return true;
  return false;
}

interface CharacterPatterns {
  /** Any of the character's names, on word boundaries. */
  named: RegExp;
  vocative: RegExp;
  selfSubject: RegExp;
  pronounNext: RegExp;
}

const patternCache = new WeakMap<Character, CharacterPatterns>();

function namesSource(forms: readonly string[]): string {
  return `(?:${[...forms]
    .sort((a, b) => b.length - a.length)
    .map((f) => (CJK.test(f) ? escapeRegExp(f) : boundedSource(f)))
    .join('|')})`;
}

function patternsFor(c: WhoCharacter): CharacterPatterns {
  const hit = patternCache.get(c.character);
  if (hit) return hit;
  const names = namesSource(c.forms);
  const pronoun = c.gender === 'm' ? 'He' : c.gender === 'f' ? 'She' : '(?:He|She)';
  const pronounZh = c.gender === 'm' ? '他' : c.gender === 'f' ? '她' : '[他她]';
  const patterns: CharacterPatterns = {
    named: new RegExp(names, 'u'),
    // ", Bibi!", "Hey Bibi,", a speech opening "Wren," or 「林风，」: the name as the one spoken to.
    vocative: new RegExp(
      `(?:(?:^["“「『]?|[,，、]|[.!?。！？…~]\\s)\\s*|\\b(?:[Hh]ey|[Hh]i|[Hh]ello|[Oo]h|[Dd]ear|[Mm]y dear)\\s+)(${names})(?=\\s*(?:[,，!！.。?？…~—"”」』]|$))`,
      'gmu',
    ),
    // Group 1 the name and 2 the word after it (English), or 3 the name (Chinese, verb included).
    selfSubject: new RegExp(
      `${clauseStart(`(${names})`)}(?:\\s+(?:often|always|never|once|also|\\w+ly))?\\s+(\\p{L}+)` +
        `|${clauseStartZh(`(${names})`)}(?:常常|经常|总是|曾经|一直|也)?(?:常说|说过|认为|觉得|相信|曾|是)`,
      'gu',
    ),
    pronounNext: new RegExp(
      `${clauseStart(pronoun)}${ADVERB_EN}\\s+(\\p{L}+)|${clauseStartZh(pronounZh)}(?:常常|经常|总是|曾经|一直|也)?(?:说|认为|觉得|相信)`,
      'gu',
    ),
  };
  patternCache.set(c.character, patterns);
  return patterns;
}

// What a person does or did, said of the speaker by name: "Socrates often said", "Ilsa knows".
const SELF_VERB = /^(?:is|was|has|had|would|will|can|could|taught|[a-z]+ed|[a-z]{2,}[^s']s)$/u;

function statesAct(m: RegExpMatchArray, wordGroup: number, text: string, offset: number): boolean {
  const word = m[wordGroup];
  if (word === undefined) return true;
  const end = offset + (m.index ?? 0) + m[0].length;
  return SELF_VERB.test(word) || isAct(word, text.slice(end, end + 12));
}

function sentenceAt(list: readonly Sentence[], pos: number): number {
  for (let i = 0; i < list.length; i++) if (pos < list[i].end) return i;
  return list.length - 1;
}

type Speakers = Map<number, WhoCharacter | undefined>;

/** The character who says the speech in `range`, when the reply makes it plain (memo per paragraph). */
function speakerOf(text: string, voices: Voices, range: Range, who: Who, memo: Speakers): WhoCharacter | undefined {
  const only = who.characters.length === 1 ? who.characters[0] : undefined;
  if (voices.shape === 'plain') return only;
  // The paragraph's narration names the speaker ("Wren says", "*Kurisu sighs*").
  const paraStart = text.lastIndexOf('\n', range[0]) + 1;
  if (memo.has(paraStart)) return memo.get(paraStart);
  const speaker = paragraphSpeaker(text, voices, paraStart, range, who, only);
  memo.set(paraStart, speaker);
  return speaker;
}

function paragraphSpeaker(
  text: string,
  voices: Voices,
  paraStart: number,
  range: Range,
  who: Who,
  only: WhoCharacter | undefined,
): WhoCharacter | undefined {
  const nextBreak = text.indexOf('\n', range[1]);
  const paraEnd = nextBreak < 0 ? text.length : nextBreak;
  const named = new Set<WhoCharacter>();
  let narration = '';
  for (const [s, e] of voices.narration) {
    if (e <= paraStart || s >= paraEnd) continue;
    narration += ` ${text.slice(Math.max(s, paraStart), Math.min(e, paraEnd))}`;
  }
  if (playerSpeaks(narration)) return undefined;
  for (const c of who.characters) {
    if (patternsFor(c).named.test(narration)) named.add(c);
  }
  if (named.size === 1) return [...named][0];
  return named.size === 0 ? only : undefined;
}

/**
 * Whether the speaker is talking to someone: a "you" or "we" in the sentence with the name or in
 * the next two, stopping at a sentence about "I" ("Okay, Kurisu, focus. I need a plan.").
 */
function addressed(list: readonly Sentence[], pos: number, text: string, nameEnd: number): boolean {
  const i = sentenceAt(list, pos);
  const here = list[i];
  const own = here ? `${text.slice(here.start, pos)} ${text.slice(nameEnd, here.end)}` : '';
  if (ADDRESSEE.test(own)) return true;
  for (const next of list.slice(i + 1, i + 3)) {
    if (ADDRESSEE.test(next.text)) return true;
    if (FIRST_PERSON.test(next.text)) return false;
  }
  return false;
}

// The name set after "I," or "we," names the speaker ("I, Vexarion, shall guide you"): an appositive, not the one spoken to.
const APPOSITIVE_TO = /\b(?:I|we|We)\s*,\s*$/u;

function checkOwnName(text: string, voices: Voices, who: Who, speakers: Speakers, list: readonly Sentence[], out: Finding[]): void {
  for (const range of voices.speech) {
    const speaker = speakerOf(text, voices, range, who, speakers);
    if (!speaker) continue;
    const segment = text.slice(range[0], range[1]);
    const p = patternsFor(speaker);
    if (!p.named.test(segment)) continue;
    for (const m of execAll(p.vocative, segment)) {
      const name = m[1] ?? '';
      const start = range[0] + (m.index ?? 0) + m[0].length - name.length;
      if (APPOSITIVE_TO.test(text.slice(Math.max(0, start - 8), start))) continue;
      const sure = addressed(list, start, text, start + name.length);
      out.push({
        start,
        end: start + name.length,
        why: sure
          ? `${speaker.character.name} speaks to the player by ${speaker.character.name}'s own name`
          : `${speaker.character.name} says their own name as if to someone (maybe talking to themself)`,
        confidence: sure ? SURE : UNSURE,
      });
    }
  }
}

// Cheap test before the claim patterns.
const CLAIM_HINT = /\bI['’]m\b|\bI am\b|\bname is\b|\bcall me\b|我(?:就)?[是叫]/i;

const claims = new WeakMap<Who, { claim: RegExp; signOff: RegExp } | null>();

/** "I'm Ben" / 我是曾家原, and a last line signed "— Ben" or "Ben xx", for the player's names. */
function claimPatterns(who: Who): { claim: RegExp; signOff: RegExp } | null {
  const hit = claims.get(who);
  if (hit !== undefined) return hit;
  const forms = who.playerForms.filter((f) => f !== '{{user}}');
  const names = namesSource(forms);
  const compiled =
    forms.length === 0
      ? null
      : {
          claim: new RegExp(
            `\\b(?:I['’]m|I am|[Mm]y name is|[Cc]all me)\\s+(${names})(?!['’]s|\\s*的|[\\p{L}])|我(?:就)?(?:是|叫)(${names})(?![的之])`,
            'gu',
          ),
          signOff: new RegExp(
            `(?:^|\\n)[ \\t]*((?:[-–—~]+\\s*|(?:[Ll]ove|[Yy]ours|[Cc]heers|[Xx]oxo|[Yy]our\\s+\\w+),\\s*)(${names})|(${names})\\s+x{2,})[ \\t]*$`,
            'u',
          ),
        };
  claims.set(who, compiled);
  return compiled;
}

function checkAsPlayer(text: string, voices: Voices, who: Who, speakers: Speakers, out: Finding[]): void {
  const patterns = claimPatterns(who);
  if (!patterns) return;
  const { claim, signOff } = patterns;
  for (const range of CLAIM_HINT.test(text) ? voices.speech : []) {
    if (!speakerOf(text, voices, range, who, speakers)) continue;
    for (const m of execAll(claim, text.slice(range[0], range[1]))) {
      const start = range[0] + (m.index ?? 0);
      out.push({ start, end: start + m[0].length, why: "the character gives the player's name as its own", confidence: SURE });
    }
  }
  const body = text.trimEnd();
  const lastLine = body.lastIndexOf('\n') + 1;
  const m = signOff.exec(body.slice(lastLine));
  if (m) {
    const start = lastLine + (m.index ?? 0) + m[0].length - m[0].trimStart().length;
    out.push({ start, end: start + m[0].trim().length, why: "the reply is signed with the player's name", confidence: SURE });
  }
}

const GRAM = 6;

function grams(text: string): string[] {
  const t = tokensOf(text).map((x) => x.t);
  const out: string[] = [];
  for (let i = 0; i + GRAM <= t.length; i++) out.push(t.slice(i, i + GRAM).join(' '));
  return out;
}

/** Five stretches of the player's turn a copy of it would contain verbatim (a cheap first test). */
const probes = boundedMemo(32, (input: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i < 5; i++) {
    const at = Math.floor(((input.length - 16) * i) / 4);
    out.push(input.slice(at, at + 16));
  }
  return out;
});
const inputGrams = boundedMemo(32, grams);

function checkEcho(text: string, ctx: CriticContext, out: Finding[]): void {
  const input = ctx.playerInput.trim();
  if (input.length < 40) return;
  if (probes(input).filter((p) => text.includes(p)).length < 2) return;
  const said = inputGrams(input);
  if (said.length < 8) return;
  const reply = new Set(grams(text));
  const copied = said.filter((g) => reply.has(g)).length;
  if (copied / said.length < 0.6) return;
  const head = text.length - text.trimStart().length;
  out.push({
    start: head,
    end: Math.min(text.length, head + 80),
    why: `repeats ${Math.round((100 * copied) / said.length)}% of the player's own turn as its reply`,
    confidence: SURE,
  });
}

// A stage direction in brackets just before the name ("(Excited) Alice has found ..."): the reply has turned to
// narrating its speaker as a script does, a slip of form, not the character taking itself for someone else.
const STAGE_CUE = /[(（[][^()（）[\]\n]{1,30}[)）\]][ \t]*$/u;

function checkSelfThird(text: string, voices: Voices, who: Who, speakers: Speakers, out: Finding[]): void {
  for (const range of voices.speech) {
    const speaker = speakerOf(text, voices, range, who, speakers);
    if (!speaker) continue;
    const segment = text.slice(range[0], range[1]);
    if (!FIRST_PERSON.test(segment)) continue;
    const p = patternsFor(speaker);
    if (!p.named.test(segment)) continue;
    const hits = [...execAll(p.selfSubject, segment)].filter((m) => statesAct(m, 2, segment, 0));
    if (hits.length === 0) continue;
    const first = hits[0];
    const at = range[0] + (first.index ?? 0);
    const afterAt = (first.index ?? 0) + first[0].length;
    const after = segment.slice(afterAt);
    const continued = [...execAll(p.pronounNext, after)].some((m) => statesAct(m, 1, segment, afterAt));
    const zh = first[3] !== undefined;
    const sure = continued || (hits.length >= 2 && !zh);
    const name = first[1] ?? first[3] ?? speaker.character.name;
    const nameAt = text.indexOf(name, at);
    out.push({
      start: nameAt,
      end: nameAt + name.length,
      why: `${speaker.character.name} speaks of ${speaker.character.name} in the third person`,
      confidence: sure && !STAGE_CUE.test(text.slice(Math.max(0, nameAt - 40), nameAt)) ? 0.8 : UNSURE,
    });
  }
}

let memo: { text: string; ctx: CriticContext; found: RoleFindings } | undefined;

/** Every role swap in `text`, found once per reply and context. */
export function roleFindings(text: string, ctx: CriticContext): RoleFindings {
  if (memo && memo.text === text && memo.ctx === ctx) return memo.found;
  const who = compileWho(ctx.pack, ctx.persona);
  const voices = voicesOf(text);
  const list = sentencesOf(text);
  const found: RoleFindings = { ownName: [], asPlayer: [], echo: [], selfThird: [] };
  const speakers: Speakers = new Map();
  checkOwnName(text, voices, who, speakers, list, found.ownName);
  checkAsPlayer(text, voices, who, speakers, found.asPlayer);
  checkEcho(text, ctx, found.echo);
  checkSelfThird(text, voices, who, speakers, found.selfThird);
  memo = { text, ctx, found };
  return found;
}
