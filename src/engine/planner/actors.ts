/**
 * Who acts this turn: the characters the player just addressed or named come first, then those
 * on stage in the last reply, then those tied to the thread being brought in or to the player.
 */
import type { Character, WorldPack } from '../../world/types.js';
import type { Beat, StoryMessage } from '../types.js';
import { escapeRegExp, warmRegex } from '../../text/regexp.js';

/** The names a character goes by: name, first name, aliases, nickname. */
export function namesOf(character: Character): string[] {
  const names = [character.name, ...character.aliases, ...(character.nickname ? [character.nickname] : [])];
  const first = character.name.split(/\s+/)[0];
  if (first && first !== character.name && first.length >= 3) names.push(first);
  return names.filter((n) => n.trim().length > 0);
}

/** Compiled once per character object: the planner asks every turn, for every character. */
const mentionRegexes = new WeakMap<Character, RegExp>();

function mentionRegex(character: Character): RegExp {
  let regex = mentionRegexes.get(character);
  if (!regex) {
    const parts = namesOf(character).map((n) =>
      /\p{Script=Han}/u.test(n) ? escapeRegExp(n) : `(?<![\\p{L}\\p{N}])${escapeRegExp(n)}(?![\\p{L}\\p{N}])`,
    );
    regex = new RegExp(parts.join('|'), 'iu');
    mentionRegexes.set(character, regex);
  }
  return regex;
}

/** Compiles each character's mention pattern ahead of the first turn (see `warmPlanner`). */
export function warmMentions(characters: readonly Character[]): void {
  for (const c of characters) warmRegex(mentionRegex(c));
}

/** Whether `character`'s mention pattern is made (for the warm-up's test). */
export function mentionPatternMade(character: Character): boolean {
  return mentionRegexes.has(character);
}

/** Recent answers per pack: a turn asks again about the history the last turn asked about. */
const mentions = new WeakMap<WorldPack, Map<string, readonly string[]>>();
const MENTIONS_KEPT = 32;

/** Characters mentioned in a text, by id. */
export function mentionedIn(pack: WorldPack, text: string): string[] {
  let seen = mentions.get(pack);
  if (!seen) mentions.set(pack, (seen = new Map<string, readonly string[]>()));
  let ids = seen.get(text);
  if (!ids) {
    ids = pack.characters.filter((c) => mentionRegex(c).test(text)).map((c) => c.id);
    const oldest = seen.size >= MENTIONS_KEPT ? seen.keys().next() : undefined;
    if (oldest && !oldest.done) seen.delete(oldest.value);
    seen.set(text, ids);
  }
  return [...ids];
}

/** Character ids who should act, leader first: one for quiet beats, up to two for busy ones. */
export function chooseActors(input: {
  pack: WorldPack;
  playerInput: string;
  history: readonly StoryMessage[];
  beat: Beat;
  threadText?: string;
  /** The people in the scene (scene.ts): when any, only they are chosen. */
  scene?: ReadonlySet<string>;
}): string[] {
  const { pack, scene } = input;
  const cast = scene && pack.characters.some((c) => scene.has(c.id)) ? pack.characters.filter((c) => scene.has(c.id)) : pack.characters;
  if (cast.length === 0) return [];
  const scores = new Map<string, number>(cast.map((c) => [c.id, 0]));
  const add = (ids: string[], by: number): void => {
    for (const id of ids) scores.set(id, (scores.get(id) ?? 0) + by);
  };
  add(mentionedIn(pack, input.playerInput), 5);
  // The last reply, found from the end: a long story is not walked for it.
  let last: StoryMessage | undefined;
  for (let i = input.history.length - 1; i >= 0 && !last; i--) if (input.history[i].role === 'narrator') last = input.history[i];
  if (last) add(mentionedIn(pack, last.text), 2);
  for (const m of input.history.slice(-6)) add(mentionedIn(pack, m.text), 0.5);
  if (input.threadText) add(mentionedIn(pack, input.threadText), 4);
  for (const c of pack.characters) if (c.relations.player) add([c.id], 0.25);
  const ranked = cast
    .map((c, index) => ({ id: c.id, score: scores.get(c.id) ?? 0, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const busy = input.beat === 'escalate' || input.beat === 'complicate' || input.beat === 'reveal';
  const actors = [ranked[0].id];
  if (busy && ranked[1] && ranked[1].score >= 1) actors.push(ranked[1].id);
  return actors;
}
