/**
 * Who is in the scene: the opening's characters, anyone the player spoke to or went to in the
 * last few messages, anyone the narration (not a line of dialogue) named in them, and anyone the
 * thread being told names. The planner picks its actors among them and the offline narrator its
 * cast, so neither brings in someone who is not there.
 */
import type { Character, WorldPack } from '../../world/types.js';
import type { StoryMessage } from '../types.js';
import { escapeRegExp } from '../../text/regexp.js';
import { mentionedIn, namesOf } from './actors.js';

/** Quoted speech: a name said in dialogue ("Ilsa Morrow is a customer") does not put her in the room. */
const QUOTED = /"[^"]*"|“[^”]*”|「[^」]*」|『[^』]*』/g;

/** How many of the latest messages still hold someone in the scene once they were brought in. */
export const SCENE_MEMORY = 6;

// Verbs that put the player beside someone: asking, telling, touching, going to find them.
const TOWARD_EN =
  'ask|asks|tell|tells|to|at|face|faces|hug|hugs|kiss|thank|greet|greets|beg|answer|follow|touch|take|find|visit|see|call|calls|join|meet|approach|wake|help|grab|slap|push|shake|embrace|nudge|wave|whisper|shout';
const TOWARD_ZH = '向|问|对|找|给|跟|叫|喊|陪|扶|拉|推|拍|抱|见';

/** Compiled once per character object: asked every turn, for every character. */
const towardRegexes = new WeakMap<Character, RegExp[]>();

function towardRegex(character: Character): RegExp[] {
  let regexes = towardRegexes.get(character);
  if (!regexes) {
    regexes = namesOf(character).map((name) => {
      const n = escapeRegExp(name);
      if (/\p{Script=Han}/u.test(name)) return new RegExp(`^${n}|[，。！？、“「]${n}|${n}[，,！!？?]|(?:${TOWARD_ZH})${n}`, 'u');
      // A call ("Maud?", "Wren, why ...", "..., Ilsa."), or a verb towards them ("I ask Wren", "to find
      // Ilsa"), not towards something of theirs ("I look at Ilsa's note", "at Ilsa Morrow's note").
      return new RegExp(
        `(?:^|[,"“.!?]\\s*)${n}\\s*[,!?.…"”]|,\\s*${n}\\s*(?:[?!.…"”]|$)|\\b(?:${TOWARD_EN})\\s+${n}(?![\\p{L}\\p{N}]|(?:\\s+\\p{Lu}\\p{L}*)?['’]s\\b)`,
        'iu',
      );
    });
    towardRegexes.set(character, regexes);
  }
  return regexes;
}

/**
 * Characters a player's message speaks to or goes to, by id. Only naming someone ("Who is
 * Ilsa?", "why did you sign Ilsa's note?") brings no one into the room.
 */
export function approachedIn(pack: WorldPack, text: string): string[] {
  const trimmed = text.trim();
  return pack.characters.filter((c) => towardRegex(c).some((r) => r.test(trimmed))).map((c) => c.id);
}

export interface SceneInput {
  pack: WorldPack;
  /** The characters the opening puts in the scene. */
  opening: readonly string[];
  /** The story so far, oldest first (the player's latest message may be last). */
  history: readonly StoryMessage[];
  playerInput: string;
  /** The thread beat told this turn, whose people come with it. */
  threadText?: string;
}

/** The ids of the people in the scene this turn. */
export function scenePeople(input: SceneInput): Set<string> {
  const { pack } = input;
  const ids = new Set(input.opening);
  const add = (found: string[]): void => {
    for (const id of found) ids.add(id);
  };
  for (const m of input.history.slice(-SCENE_MEMORY))
    add(m.role === 'player' ? approachedIn(pack, m.text) : mentionedIn(pack, m.text.replace(QUOTED, ' ')));
  add(approachedIn(pack, input.playerInput));
  if (input.threadText) add(mentionedIn(pack, input.threadText));
  return ids;
}
