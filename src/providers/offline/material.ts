/**
 * The authored material the offline narrator composes from: the cast in the scene, each
 * character's lines and quirks cleaned of card scaffolding, lore, setting details, and the law
 * filter every sentence passes through before it can be spoken.
 */
import { parsePatternKey } from '../../text/pattern.js';
import type { Character, LoreEntry, WorldPack } from '../../world/types.js';
import type { NarrationContext, Plan } from '../../engine/types.js';
import { resolveMacros } from '../../engine/macros.js';
import { isCjkLanguage, phraseRegex } from '../../engine/critics/text.js';
import { pronounOf, type Pronoun } from './pronouns.js';
import { quirkAction } from './quirks.js';
import { splitSentences } from '../../text/sentences.js';
import { escapeRegExp } from '../../text/regexp.js';
import { keptFold, sceneOf, type Scene } from '../../engine/planner/scene.js';
import { mentionedIn } from '../../engine/planner/actors.js';

export interface CastMember {
  character: Character;
  /** How the narration names them: the nickname, or the first name in Latin scripts. */
  name: string;
  /** Lines in their voice, quoted, macros resolved. */
  lines: string[];
  /** Quirks as behaviour in the scene ("counts sacks under his breath"), never the pack's note as written. */
  quirks: string[];
  /** False for someone brought in from outside the scene (only a complication may bring them). */
  present: boolean;
  /** What the pack says they are called: '' when it does not say, and templates avoid pronouns. */
  pronoun: Pronoun;
}

/** True when the pack is written without spaces between words. */
export function isCjkPack(pack: WorldPack): boolean {
  return isCjkLanguage(pack.language);
}

/** Tags of a story told gently: its interruptions are a knock or a kettle, not a scream. */
const GENTLE_TAGS = new Set([
  'slice-of-life',
  'slow-burn',
  'cozy',
  'cosy',
  'comfort',
  'wholesome',
  'healing',
  'romance',
  '日常',
  '治愈',
  '慢热',
  '温馨',
]);

/** Whether the pack's tags ask for a gentle telling (harbor-lights: slice-of-life, slow-burn). */
export function isGentlePack(pack: WorldPack): boolean {
  return pack.tags.some((tag) =>
    GENTLE_TAGS.has(
      tag
        .trim()
        .toLowerCase()
        .replace(/[\s_]+/g, '-'),
    ),
  );
}

/**
 * Rough token count: words for spaced scripts; for CJK, characters / 1.25 (the o200k tokenizer the
 * length critic uses spends a token on little more than one Chinese character, not 1.5).
 */
export function roughTokens(text: string, cjk: boolean): number {
  if (!cjk) return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const han = (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu) ?? []).length;
  const latin = (text.match(/[A-Za-z0-9]+/g) ?? []).length;
  return Math.round(han / 1.25) + latin;
}

/** A predicate that rejects any text holding a word from a law's `forbid` list. */
export function lawFilter(pack: WorldPack): (text: string) => boolean {
  const regex = phraseRegex(pack.laws.flatMap((l) => l.forbid));
  if (!regex) return () => true;
  return (text) => {
    regex.lastIndex = 0;
    return !regex.test(text);
  };
}

function displayName(c: Character, cjk: boolean): string {
  if (c.nickname?.trim()) return c.nickname.trim();
  if (cjk) return c.name;
  const first = c.name.split(/\s+/)[0];
  return first && !/^(the|a|an)$/i.test(first) ? first : c.name;
}

/**
 * Card examples carry scaffolding (`<START>`, `{{user}}: ...` turns, `{{char}}:` prefixes). Only
 * the character's own lines are kept: a line of the player's would put words in their mouth.
 */
export function cleanLines(c: Character, pack: WorldPack, playerName: string, quote: (s: string) => string): string[] {
  const names = { user: playerName, char: c.name };
  const forms = [c.name, ...c.aliases, c.nickname ?? ''].filter(Boolean).map((n) => n.toLowerCase());
  const out: string[] = [];
  for (const example of c.examples) {
    for (let line of resolveMacros(example, names).split(/\n+/)) {
      line = line.trim();
      if (!line || /^<\s*start\s*>$/i.test(line)) continue;
      const prefix = /^([^:：]{1,40})[:：]\s*(.*)$/.exec(line);
      if (prefix) {
        const who = prefix[1].trim().toLowerCase();
        if (who === playerName.toLowerCase() || who === 'user' || who === 'you') continue;
        if (forms.includes(who) || who === 'char') line = prefix[2].trim();
      }
      if (line.toLowerCase().startsWith(playerName.toLowerCase())) continue;
      if (line.length > 400 || !line) continue;
      out.push(quote(line));
    }
  }
  return out;
}

/**
 * Who is in the scene (the planner's own reading, scene.ts), with anyone the planner's thread
 * names, since the thread's beat is told in this reply.
 */
export function scenePeopleOf(context: NarrationContext, plan: Plan): Scene {
  return sceneOf({
    pack: context.pack,
    opening: context.opening.characters,
    history: context.history,
    playerInput: context.playerInput,
    openingScene: context.opening.scene,
    ...(plan.thread?.beat ? { threadText: plan.thread.beat } : {}),
    // The planner's fold of this very story: the candidates read only its last messages.
    ...(keptFold(plan) ? { fold: keptFold(plan) } : {}),
  });
}

/**
 * The characters of this candidate, lead first: the planned actors who are in the scene, else
 * the scene's people. A second, absent character follows a lone actor: only an entrance
 * brings them in (compose.ts).
 */
export function castFor(
  context: NarrationContext,
  plan: Plan,
  index: number,
  addressed: string | undefined,
  quote: (s: string) => string,
): CastMember[] {
  const { pack, persona } = context;
  const cjk = isCjkPack(pack);
  const byId = new Map(pack.characters.map((c) => [c.id, c]));
  const pickIds = (ids: Iterable<string>) => [...ids].map((id) => byId.get(id)).filter((c): c is Character => Boolean(c));
  const { present: people, left, behind } = scenePeopleOf(context, plan);
  // A pack whose opening names no one has no scene to keep to: its first characters stand in.
  const scene = people.size > 0 || left.size > 0 ? people : new Set(pack.characters.slice(0, 3).map((c) => c.id));
  let cast = pickIds(plan.actors.filter((id) => scene.has(id)));
  if (cast.length === 0) cast = pickIds(context.opening.characters.filter((id) => scene.has(id)));
  if (cast.length === 0) cast = pickIds(scene).slice(0, 3);
  // Everyone here has gone: someone who has not just left comes in (compose.ts tells the arrival).
  const comers = pack.characters.filter((c) => !left.has(c.id));
  if (cast.length === 0) cast = pickIds(plan.actors.filter((id) => !left.has(id))).slice(0, 1);
  if (cast.length === 0) cast = comers.slice(0, 1);
  // Everyone has gone or was left behind: one the player walked away from follows (the planner's
  // first); one who went or was sent away does not come back unbidden, and the player is alone.
  const followers = [...plan.actors, ...pack.characters.map((c) => c.id)].filter((id) => behind.has(id));
  if (cast.length === 0) cast = pickIds(followers).slice(0, 1);
  // The lead rotates with the candidate so swipes show different voices, unless the player spoke to someone.
  const rotated = cast.length > 0 ? [...cast.slice(index % cast.length), ...cast.slice(0, index % cast.length)] : [];
  const lead = addressed && scene.has(addressed) ? byId.get(addressed) : undefined;
  const ordered = lead ? [lead, ...rotated.filter((c) => c.id !== lead.id)] : rotated;
  // A second presence for complications: someone else in the scene, or else anyone who has not left.
  if (ordered.length === 1) {
    const others = pack.characters.filter((c) => c.id !== ordered[0].id);
    const extra = others.find((c) => scene.has(c.id)) ?? others.find((c) => !left.has(c.id));
    if (extra) ordered.push(extra);
  }
  return ordered.map((character) => ({
    present: scene.has(character.id),
    pronoun: pronounOf(character, pack),
    character,
    name: displayName(character, cjk),
    lines: cleanLines(character, pack, persona.name, quote),
    quirks: character.quirks
      .map((q) => quirkAction(resolveMacros(q, { user: persona.name, char: character.name }), cjk, persona.name))
      .filter((q) => q.trim()),
  }));
}

/** Active lore entries, those whose keys the player's words touched first. */
export function loreFor(context: NarrationContext): { touched: LoreEntry[]; other: LoreEntry[] } {
  const active = new Set(context.lore);
  const entries = context.pack.lore.filter((l) => l.enabled && active.has(l.id) && l.text.trim());
  const input = context.playerInput.toLowerCase();
  const touches = (l: LoreEntry) =>
    l.keys.some((k) => {
      const pattern = parsePatternKey(k);
      if (pattern) return pattern.ok && pattern.pattern.test(context.playerInput);
      return k.trim().length > 0 && input.includes(k.toLowerCase());
    });
  return { touched: entries.filter(touches), other: entries.filter((l) => !touches(l)) };
}

// A sentence lifted out of its paragraph cannot start with a pronoun: "They ring at dusk" loses "they".
const DANGLING =
  /^(?:[\p{L}'’-]+[\s,]+){0,2}(they|them|their|he|she|his|her|it|its|these|those)\b|^(this|that|such|both|here|then|but|and|so|yet|or)\b|^(他|她|它|这|那|其|此|但|而)/iu;

const SCENE_VERB = /\b(is|are|was|were|has|have|had)\b|\b[a-z]{3,}ing\b/i;
const HAS_VERB = /\b(is|are|was|were|has|have|had|be|been|can|will|do|does)\b|\b[a-z]{2,}(s|ed|ing)\b/i;

/** A long sentence cut at its first semicolon or colon, when what comes before stands alone. */
function shortClause(sentence: string, cjk: boolean, maxWords: number): string {
  const words = (t: string) => (cjk ? Array.from(t.replace(/\s/g, '')).length / 2 : t.split(/\s+/).length);
  if (words(sentence) <= maxWords) return sentence;
  const cut = /^(.{12,}?)[;；:：]\s*/u.exec(sentence);
  if (cut && words(cut[1]) <= maxWords) return `${cut[1].trim()}${cjk ? '。' : '.'}`;
  return '';
}

/**
 * Short setting details that can stand on their own in the middle of a scene: sentences of the
 * pack's setting and the opening's scene, cut at a semicolon or colon when long, never a sentence
 * that has lost its subject ("They ring at dusk") and never a paragraph-long one.
 */
export function settingDetails(context: NarrationContext, present?: ReadonlySet<string>): string[] {
  const names = { user: context.persona.name, char: context.pack.characters[0]?.name ?? '' };
  const cjk = isCjkPack(context.pack);
  // The opening's scene line ("Ezra is already there, sitting on the steps") is only true early on,
  // and only while the people it places are still here ("Wren is at the sluice gate" after he went).
  const placed = (x: string): boolean => !present || mentionedIn(context.pack, x).every((id) => present.has(id));
  const sentences = [
    ...splitSentences(resolveMacros(context.pack.setting, names)),
    // A scene line must be a sentence: "A raw gray morning in early April, on the wharf." is a heading.
    ...(context.turn <= 2
      ? splitSentences(resolveMacros(context.opening.scene, names)).filter((x) => (cjk || SCENE_VERB.test(x)) && placed(x))
      : []),
  ];
  // "Dusk at the mill." is a stage direction, not a sentence of the story.
  const out = sentences.map((s) => shortClause(s, cjk, 24)).filter((s) => s && !DANGLING.test(s) && (cjk || HAS_VERB.test(s)));
  return [...new Set(out)];
}

/**
 * The name a sentence opens on as its subject ("Corwin Morrow was a lender", "Ossath lies coiled
 * ..."): capitalised words, then a lower-case word; '' for "The Alder mill ..." or a quoted name.
 */
function namedSubject(sentence: string, pack: WorldPack): string {
  const m = /^([A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+)*)\s+[a-z]/u.exec(sentence);
  if (!m) return '';
  // "Money in Dunmarrow ..." opens on a capital only because it opens: a name has one mid-sentence too.
  const first = m[1].split(/\s+/)[0];
  if (/^(The|A|An|This|That|These|Those|It|He|She|They|In|On|At|When|If|Only|Every|Each|No|Some)$/.test(first)) return '';
  return new RegExp(`[\\p{Ll},;:]\\s+${escapeRegExp(first)}\\b`, 'u').test(packProse(pack)) ? m[1] : '';
}

const prose = new WeakMap<WorldPack, string>();

/** The pack's running text, where a name shows its capital in mid-sentence. */
function packProse(pack: WorldPack): string {
  let text = prose.get(pack);
  if (text === undefined) {
    text = [pack.setting, ...pack.lore.map((l) => l.text), ...pack.characters.flatMap((c) => [c.persona, ...c.quirks, ...c.goals])].join(
      ' ',
    );
    prose.set(pack, text);
  }
  return text;
}

/**
 * A later sentence of an entry that opens on its subject's pronoun ("He drowned in the millrace",
 * "His breathing moves the steam") told with the name instead, so it can stand alone.
 */
function nameThePronoun(sentence: string, subject: string): string {
  const short = subject.split(/\s+/)[0];
  return sentence.replace(/^(He|She|It|His|Her|Its)\b(?!['’])/, (pronoun) => (/^(His|Her|Its)$/.test(pronoun) ? `${short}'s` : short));
}

/**
 * A lore text as single sentences a character can say or the narration can give in one breath:
 * long ones cut at a semicolon, later ones that open on "they" or "it" left out.
 */
export function loreSentences(entry: LoreEntry, context: NarrationContext): string[] {
  const names = { user: context.persona.name, char: context.pack.characters[0]?.name ?? '' };
  const cjk = isCjkPack(context.pack);
  const out: string[] = [];
  let subject = '';
  for (const [i, told] of splitSentences(resolveMacros(entry.text, names)).entries()) {
    if (i === 0 && !cjk) subject = namedSubject(told, context.pack);
    const sentence = i > 0 && subject ? nameThePronoun(told, subject) : told;
    if (i > 0 && DANGLING.test(sentence)) continue;
    const short = shortClause(sentence, cjk, 26);
    // "The Harbor Lights." is a heading, not something anyone tells.
    if (short && (cjk ? Array.from(short).length >= 8 : short.split(/\s+/).length >= 5)) out.push(short);
  }
  return out;
}
