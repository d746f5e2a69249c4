/**
 * Who leaves the scene, and when the player does: a character the narration sends out ("Mara
 * leaves", "she walks out into the rain", "云娘转身离去"), one the player sends away ("Go home,
 * Tomas", "阿竹，你先回去吧"), and the player's own move to another place ("I walk up the hill to
 * the orchard", "I leave the mill", "我走出客栈"). Precision first: an intention ("turns to
 * leave"), a refusal ("she doesn't leave") or an errand of an object ("Mara leaves the cup") is no
 * exit, and a move must name where it goes.
 */
import type { Character, WorldPack } from '../../world/types.js';
import { escapeRegExp, warmRegex } from '../../text/regexp.js';
import { mentionedIn, namesOf } from './actors.js';

/** Places a move can go to: a room or building, a stretch of land or water, the way out. */
const PLACE_EN =
  'street|streets|square|market|yard|courtyard|field|fields|hill|hills|hillside|orchard|garden|river|riverbank|shore|beach|road|path|lane|bridge|forest|woods|wood|meadow|harbou?r|docks?|wharf|pier|quay|cliffs?|village|town|city|castle|keep|tower|gate|gates|church|chapel|temple|shrine|inn|tavern|pub|diner|cafe|shop|store|office|library|house|home|cottage|hut|cabin|barn|stables?|mill|kitchen|cellar|attic|hall|parlou?r|chamber|room|bedroom|study|camp|station|palace|ship|deck|landing|ferry|graveyard|cemetery|woodshed|smithy|forge|well|mine|quarry';
const AWAY_EN = 'out|outside|outdoors|away|home|off|upstairs|downstairs|back';
const MOTION_EN =
  'go|walk|head|run|hurry|slip|step|climb|wander|ride|stride|storm|march|stalk|limp|return|set off|make my way|leave|go back|turn back';

/** A first-person move: "I walk up the hill to the orchard", "I leave the mill", "I head out". */
const MOVE_EN = new RegExp(
  `(?:^|[.!?;]\\s+|\\bthen\\s+|,\\s*)I\\s+(?:[a-z]+ly\\s+)?(?:${MOTION_EN})(?:s)?\\b` +
    `(?:\\s+(?:${AWAY_EN})\\b|[^.!?;"“]{0,40}?\\b(?:to|into|toward|towards|for|across|through|up|down|out of|leave|onto)\\s+(?:the\\s+|my\\s+|our\\s+|a\\s+)?(?:[a-z'-]+\\s+){0,2}(?:${PLACE_EN})\\b|\\s+(?:the\\s+|my\\s+)?(?:[a-z'-]+\\s+)?(?:${PLACE_EN})\\b)`,
  'i',
);
// Chinese moves leave a place; arriving ("走进客栈") may be arriving where the others already are.
const MOVE_ZH = /我[^，。！？“”「」]{0,6}?(?:离开|走出|出了|出门|推门出去|上楼|下楼|回房|回屋|出去)/;

/** The ways a move reads: `to` the place, or out of the one the scene is in. */
export function isPlayerMove(text: string): boolean {
  const unquoted = text.replace(QUOTED, ' ');
  return MOVE_EN.test(unquoted) || MOVE_ZH.test(unquoted);
}

/** Who goes with the player on a move: named after "with" or before "and I". */
export function companionsIn(characters: readonly Character[], text: string): string[] {
  return characters
    .filter((c) =>
      namesOf(c).some((name) => {
        const n = escapeRegExp(name);
        if (/\p{Script=Han}/u.test(name)) return new RegExp(`(?:和|跟|同|带着|陪着|与)${n}|${n}(?:和|跟)我`, 'u').test(text);
        return new RegExp(`\\b(?:with|beside|alongside)\\s+${n}\\b|\\b${n}\\s+and\\s+I\\b|\\bI\\s+and\\s+${n}\\b`, 'i').test(text);
      }),
    )
    .map((c) => c.id);
}

/** Quoted speech: a line of dialogue saying someone left ("Mara left at dawn") is not the narration. */
export const QUOTED = /"[^"]*"|“[^”]*”|「[^」]*」|『[^』]*』/g;

// An exit is a finite verb right after its subject: "Mara leaves", "Mara quietly walks out",
// "Mara has gone". "turns to leave", "doesn't leave", "who never leaves" do not read as one.
const OUT_EN =
  '(?:walks|walked|steps|stepped|slips|slipped|storms|stormed|heads|headed|hurries|hurried|goes|went|strides|strode|stalks|stalked|marches|marched|runs|ran|limps|limped|wanders|wandered|backs|backed|sweeps|swept)\\s+(?:out|off|away|home)\\b';
const LEAVE_EN = `(?:leaves|left|departs|departed)(?=\\s*(?:[.,;!…—-]|$)|\\s+(?:without|through|by|at once|then|and|before|quietly|alone|again|for good|for the night|in|into|with)\\b|\\s+(?:the|this|his|her|their)\\s+(?:[a-z'-]+\\s+)?(?:${PLACE_EN})\\b)`;
const GONE_EN =
  '(?:is|was|has|had)\\s+(?:already\\s+)?(?:gone|left|departed)\\b|(?:vanishes|vanished|disappears|disappeared)\\b|takes\\s+(?:his|her|their)\\s+leave\\b|took\\s+(?:his|her|their)\\s+leave\\b';
const EXIT_EN_TAIL = `\\s+(?:[a-z]+ly\\s+|then\\s+|just\\s+|simply\\s+)?(?:${OUT_EN}|${LEAVE_EN}|${GONE_EN})`;
// A Chinese subject carries across a comma ("祁寒放下茶杯，转身离去"): the gap may hold one.
const EXIT_ZH_TAIL =
  '[^。！？、“”「」不没未别]{0,14}?(?:转身离去|扬长而去|离开了?(?=[，。！？…]|$|客栈|大堂|屋子|房间|这里|此地|院子)|走了(?=[，。！？…]|$)|出去了|出门去了?|推门而出|推门出去|回房去了?|上楼去了|下楼去了|告辞|不见了)';

/** A cheap screen: a text with none of these words has no exit in it. */
const EXIT_CUE =
  /\b(?:out|off|away|home|leaves|left|departs|departed|gone|vanish|vanishes|vanished|disappears|disappeared|leave)\b|离|走了|出去|出门|而出|回房|去了|告辞|不见了/i;

const PRONOUNS: Record<string, 'she' | 'he'> = { she: 'she', he: 'he', 她: 'she', 他: 'he' };
const exitRegexes = new WeakMap<Character, RegExp[]>();
const PRONOUN_EXIT_EN = new RegExp(`(?:^|\\*)\\s*(she|he)${EXIT_EN_TAIL}`, 'i');
const PRONOUN_EXIT_ZH = new RegExp(`^\\s*(她|他)${EXIT_ZH_TAIL}`, 'u');

function exitRegex(character: Character): RegExp[] {
  let regexes = exitRegexes.get(character);
  if (!regexes) {
    regexes = namesOf(character).map((name) => {
      const n = escapeRegExp(name);
      if (/\p{Script=Han}/u.test(name)) return new RegExp(`${n}${EXIT_ZH_TAIL}`, 'u');
      return new RegExp(`(?<![\\p{L}\\p{N}])${n}${EXIT_EN_TAIL}`, 'iu');
    });
    exitRegexes.set(character, regexes);
  }
  return regexes;
}

/** The pronoun a character's description uses most, when it uses any: "she" for "she keeps the ledger". */
function pronounIn(character: Character): 'she' | 'he' | '' {
  const she = (character.persona.match(/\b(?:she|her|hers|herself)\b|她/gi) ?? []).length;
  const he = (character.persona.match(/\b(?:he|him|his|himself)\b|他(?!们)/gi) ?? []).length;
  return she > he ? 'she' : he > she ? 'he' : '';
}

/** One event of a reply: someone named (come in, or still here), or someone leaving; `at` orders them within it, from 0 to 1. */
export interface SceneEvent {
  id: string;
  exit: boolean;
  at: number;
  /** Named as who does something ("Then Wren is back"), not only mentioned ("until Wren tells her"). */
  acting?: boolean;
}

const actingRegexes = new WeakMap<Character, RegExp>();

/** The character opens a sentence or follows a "then": the one doing something, there. */
function actsIn(character: Character, text: string): boolean {
  return actingRegex(character).test(text);
}

function actingRegex(character: Character): RegExp {
  let regex = actingRegexes.get(character);
  if (!regex) {
    // A Latin name ends at a word edge; a Chinese one runs straight into its verb ("云娘也来了").
    // After a comma a Chinese name is often only a clause's topic ("柴火只够五天，云娘已经开始心疼炭火"):
    // there it acts only when it comes, goes or stands somewhere.
    const latin = namesOf(character).filter((n) => !/\p{Script=Han}/u.test(n));
    const han = namesOf(character).filter((n) => /\p{Script=Han}/u.test(n));
    const parts: string[] = [];
    if (latin.length > 0) parts.push(`(?:^|[.!?。！？*]\\s*|\\bthen\\s+)(?:${latin.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`);
    if (han.length > 0) {
      const h = han.map(escapeRegExp).join('|');
      parts.push(`(?:^|[。！？*]\\s*)(?:${h})`, `[，,]\\s*(?:${h})[^，。！？]{0,3}?(?:来|到|进|回|出现|站|坐|走|跟|推门|掀)`);
    }
    regex = parts.length > 0 ? new RegExp(parts.join('|'), 'iu') : /(?!)/;
    actingRegexes.set(character, regex);
  }
  return regex;
}

/**
 * What a reply (quoted speech left out) says of each character: named, or leaving, in order. With
 * `named` false only exits are read (an old reply's names no longer hold anyone). A pronoun
 * leaves only when the one character named before it is the one it can stand for ("Mara sets
 * down the cup. She walks out into the rain.").
 */
export function narrationEvents(pack: WorldPack, text: string, named: boolean): SceneEvent[] {
  const narration = text.replace(QUOTED, ' ');
  const acting = (id: string): boolean => {
    const c = pack.characters.find((x) => x.id === id);
    return c !== undefined && actsIn(c, narration);
  };
  const events: SceneEvent[] = named ? mentionedIn(pack, narration).map((id) => ({ id, exit: false, at: 0, acting: acting(id) })) : [];
  if (!EXIT_CUE.test(narration)) return events;
  const sentences = narration.split(/(?<=[.!?。！？])\s*/);
  let before = '';
  sentences.forEach((sentence, k) => {
    const at = (k + 1) / (sentences.length + 2);
    // Someone else named between the subject and the verb is that verb's subject ("云娘看了阿竹一眼，阿竹转身离去").
    const leaving = pack.characters
      .filter((c) =>
        exitRegex(c).some((r) => {
          const m = r.exec(sentence);
          return m !== null && mentionedIn(pack, m[0]).every((id) => id === c.id);
        }),
      )
      .map((c) => c.id);
    if (leaving.length === 0) {
      const match = PRONOUN_EXIT_EN.exec(sentence) ?? PRONOUN_EXIT_ZH.exec(sentence);
      const pronoun = match ? PRONOUNS[match[1].toLowerCase()] : undefined;
      const earlier = pronoun ? mentionedIn(pack, before) : [];
      const only = earlier.length === 1 ? pack.characters.find((c) => c.id === earlier[0]) : undefined;
      const own = only ? pronounIn(only) : '';
      if (only && (!own || own === pronoun) && mentionedIn(pack, sentence).length === 0) leaving.push(only.id);
    }
    before += `${sentence} `;
    for (const id of leaving) {
      events.push({ id, exit: true, at });
      // Named again after leaving ("Mara leaves. A minute later Mara is back"): here after all.
      const after = sentences.slice(k + 1).join(' ');
      const c = pack.characters.find((x) => x.id === id);
      if (named && after && c && actsIn(c, after)) events.push({ id, exit: false, at: 0.999, acting: true });
    }
  });
  return events;
}

// A command to go: "Go home, Tomas", "Tomas, leave us", "Get out, Wren!". "Go on" and "go ahead"
// ask for more; "leave it" drops a subject; neither sends anyone away.
const GO_EN =
  "(?:please\\s+)?(?:(?:just\\s+)?go(?:\\s+(?:home|away|now|back|upstairs|downstairs|to\\s+(?:bed|sleep|your\\s+room)|to\\s+the\\s+(?:[a-z'-]+\\s+)?(?:" +
  PLACE_EN +
  ')))?|leave(?:\\s+(?:us|me|now|this\\s+place))?|get\\s+out(?:\\s+of\\s+here)?|go\\s+away|be\\s+off|begone|run\\s+along|off\\s+you\\s+go|clear\\s+off)';
const GO_ZH = '(?:你)?(?:先|快|赶紧)?(?:回去吧?|走吧|走开|出去|退下|下去吧|回房去?|去睡吧|滚)';

const commandRegexes = new WeakMap<Character, RegExp[]>();

function commandRegex(character: Character): RegExp[] {
  let regexes = commandRegexes.get(character);
  if (!regexes) {
    regexes = namesOf(character).map((name) => {
      const n = escapeRegExp(name);
      if (/\p{Script=Han}/u.test(name))
        return new RegExp(
          `(?:^|[，。！？“「])${n}[，,]\\s*${GO_ZH}(?=[，。！？”」…]|$)|(?:^|[。！？“「])${GO_ZH}[，,]\\s*${n}(?=[，。！？”」…]|$)`,
          'u',
        );
      return new RegExp(`(?:^|[.!?"“]\\s*)${n},\\s*${GO_EN}\\s*(?=[.!?…"”]|$)|(?:^|[.!?"“]\\s*)${GO_EN},\\s*${n}\\s*(?=[.!?…"”,]|$)`, 'iu');
    });
    commandRegexes.set(character, regexes);
  }
  return regexes;
}

/** Characters the player sends away in a message, by id. */
export function sentAwayIn(characters: readonly Character[], text: string): string[] {
  const trimmed = text.trim();
  return characters.filter((c) => commandRegex(c).some((r) => r.test(trimmed))).map((c) => c.id);
}

const BACK_ZH = /我[^，。！？“”「」]{0,4}?(?:回到|走回|回了|走进|进了|来到)(\p{Script=Han}{2,8})/u;
const PLACE_WORD = new RegExp(`\\b(?:${PLACE_EN})\\b`, 'gi');

/** A move to the place the opening's scene line names first ("Dusk at the Alder mill ...") goes back to it. */
export function backToOpening(text: string, scene: string | undefined): boolean {
  if (!scene) return false;
  // "我回到大堂": a Chinese move in, to a place the scene line names anywhere.
  const zh = BACK_ZH.exec(text.replace(QUOTED, ' '));
  if (zh) {
    const place = zh[1];
    for (let n = place.length; n >= 2; n--) if (scene.includes(place.slice(0, n))) return true;
  }
  return openingPlace(scene)?.test(text) ?? false;
}

/** Per scene line: a move to the place its first sentence names, compiled once. */
const openingPlaces = new Map<string, RegExp | null>();

function openingPlace(scene: string): RegExp | null {
  let regex = openingPlaces.get(scene);
  if (regex === undefined) {
    const first = scene.split(/(?<=[.!?。！？])\s*/)[0] ?? '';
    const places = [...new Set(first.toLowerCase().match(PLACE_WORD) ?? [])];
    regex = places.length > 0 ? new RegExp(`\\b(?:to|into|back to)\\s+(?:the\\s+)?(?:[a-z'-]+\\s+)?(?:${places.join('|')})\\b`, 'i') : null;
    if (openingPlaces.size >= 64) openingPlaces.clear();
    openingPlaces.set(scene, regex);
  }
  return regex;
}

/**
 * Compiles what reading a scene's comings and goings runs on its first turn (each character's
 * exit, dismissal and acting patterns, and the moves), which the first reply otherwise pays for.
 */
export function warmExits(characters: readonly Character[]): void {
  for (const c of characters) {
    for (const regex of [...exitRegex(c), ...commandRegex(c)]) warmRegex(regex);
    warmRegex(actingRegex(c));
  }
  for (const regex of [MOVE_EN, MOVE_ZH, EXIT_CUE, PRONOUN_EXIT_EN, PRONOUN_EXIT_ZH, BACK_ZH, PLACE_WORD]) warmRegex(regex);
}

/** Whether `character`'s exit, dismissal and acting patterns are made (for the warm-up's test). */
export function exitPatternsMade(character: Character): boolean {
  return exitRegexes.has(character) && commandRegexes.has(character) && actingRegexes.has(character);
}
