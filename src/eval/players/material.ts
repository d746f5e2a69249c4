/**
 * What a scripted player talks about: the pack's persona and relations, the characters, lore
 * keys, thread hooks, and the nouns and questions of the narrator's last reply.
 */
import type { Opening, PlayerPersona, WorldPack } from '../../world/types.js';
import type { StoryMessage } from '../../engine/types.js';
import { sceneOf, type SceneFold } from '../../engine/planner/scene.js';

export interface Material {
  name: string;
  /** "my brother Wren" and the like, from the persona's relations. */
  relations: Array<{ who: string; what: string }>;
  /** The characters in the scene, whom the player speaks to (every character when the scene is not known). */
  characters: string[];
  /** Every character of the pack: whom the player may speak of, or go to find. */
  everyone: string[];
  loreKeys: string[];
  hooks: string[];
  /** Forbidden words of the world's laws (for the adversarial player). */
  forbidden: string[];
  lastReply: string;
  /** Nouns of the last reply ("the sluice chain" -> "sluice chain"). */
  nouns: string[];
  /** Questions the narrator asked in its last reply. */
  questions: string[];
}

/** Words that end a noun phrase rather than continue it. */
const FUNCTION_WORDS = new Set([
  'were',
  'was',
  'are',
  'has',
  'had',
  'and',
  'but',
  'for',
  'that',
  'this',
  'with',
  'from',
  'into',
  'over',
  'still',
  'again',
  'not',
  'you',
  'she',
  'him',
  'her',
  'his',
  'they',
  'them',
  'who',
  'what',
]);
const STOP = new Set([
  'dark',
  'cold',
  'air',
  'month',
  'year',
  'day',
  'night',
  'drowned',
  'way',
  'moment',
  'time',
  'same',
  'other',
  'rest',
  'end',
  'first',
  'last',
  'one',
  'thing',
  'news',
  'light',
  'door',
]);

/** Collects the material for one turn from the pack and the story so far. */
export function gatherMaterial(
  pack: WorldPack,
  persona: PlayerPersona,
  history: readonly StoryMessage[],
  opening?: Pick<Opening, 'characters' | 'scene'>,
  /** The scene as the last turn's planner folded it, so a long story is not read again each turn. */
  fold?: SceneFold,
): Material {
  const byId = new Map(pack.characters.map((c) => [c.id, c.name]));
  const relations = Object.entries(persona.relations).map(([id, what]) => ({ who: byId.get(id) ?? id, what: firstWords(what, 6) }));
  const loreKeys = pack.lore
    .filter((e) => e.enabled && !e.constant)
    .flatMap((e) => e.keys)
    .filter((k) => !k.startsWith('/') && k.length > 2 && k.length < 30)
    .map((k) => k.replace(/^the\s+/i, ''));
  const lastReply = [...history].reverse().find((m) => m.role === 'narrator')?.text ?? '';
  // Calling someone who is not here brings them in (the planner reads a call as a move towards them):
  // the player speaks to those present, as the story has put them there.
  const present = opening
    ? sceneOf({ pack, opening: opening.characters, history, playerInput: '', openingScene: opening.scene, ...(fold ? { fold } : {}) })
        .present
    : undefined;
  const everyone = pack.characters.map((c) => c.name);
  const here = present ? pack.characters.filter((c) => present.has(c.id)).map((c) => c.name) : [];
  return {
    name: persona.name,
    relations,
    characters: here.length > 0 ? here : everyone,
    everyone,
    loreKeys: unique(loreKeys),
    hooks: pack.threads.map((t) => t.hook),
    forbidden: pack.laws.flatMap((l) => l.forbid),
    lastReply,
    nouns: nounsOf(lastReply),
    questions: questionsOf(lastReply),
  };
}

/** "the X" / "a X" / "his X" phrases, longest noun run of up to two words, no duplicates. */
export function nounsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:the|a|an|his|her|their|your|my)\s+([a-z][a-z-]{2,}(?:\s+[a-z][a-z-]{2,})?)\b/gi)) {
    const phrase = m[1].toLowerCase();
    const words = phrase.split(/\s+/);
    // Adjective + noun pairs are welcome; verbs that follow a noun are not.
    const noun = words.length === 2 && (/(?:s|ed|ing|ly)$/.test(words[1]) || FUNCTION_WORDS.has(words[1])) ? words[0] : phrase;
    if (!STOP.has(noun) && !out.includes(noun)) out.push(noun);
  }
  return out.slice(0, 12);
}

/** The sentences of `text` that end in a question mark. */
export function questionsOf(text: string): string[] {
  return (text.match(/[^.!?。！？\n"“”「」]*[?？]/g) ?? []).map((q) => q.trim()).filter((q) => q.length > 1);
}

function firstWords(text: string, n: number): string {
  return text
    .split(/\s+/)
    .slice(0, n)
    .join(' ')
    .replace(/[.,;:]+$/, '');
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
