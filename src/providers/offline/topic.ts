/**
 * What the player's message is about, as the words it shares with the pack's material: lore
 * sentences and lines are ranked by them, so an answer takes up the player's subject. A lore key
 * alone ("note" for a debt) can touch an entry the message is not about; the words the message
 * shares with each sentence, and with the entry around it, tell the two apart.
 */
import type { LoreEntry, WorldPack } from '../../world/types.js';
import type { NarrationContext } from '../../engine/types.js';
import { contentTokens } from '../../engine/critics/text.js';
import { COMMON } from './prose.js';
import { loreSentences } from './material.js';

/**
 * Content stems with a final "e" dropped: the critics' stemmer makes "trees" "tre" but keeps
 * "tree", "notes" "not" but "note".
 */
function stems(text: string): string[] {
  return contentTokens(text).map((w) => (w.length >= 4 && w.endsWith('e') ? w.slice(0, -1) : w));
}

/** The message's content stems, without the names of the people in the story (addressing Wren is no topic). */
export function topicWords(text: string, pack: WorldPack, personaName: string, cjk: boolean): Set<string> {
  const names = [personaName, ...pack.characters.flatMap((c) => [c.name, ...c.aliases, c.nickname ?? ''])].join(' ');
  const named = new Set(stems(names));
  // CJK tokens are character pairs: a name's pairs are dropped the same way.
  return new Set(stems(text).filter((w) => !named.has(w) && (cjk || !COMMON.has(w))));
}

/** How many of `words` a text holds. */
export function shared(text: string, words: ReadonlySet<string>): number {
  if (words.size === 0) return 0;
  return new Set(stems(text).filter((w) => words.has(w))).size;
}

export interface TopicalLine {
  entry: LoreEntry;
  text: string;
}

/**
 * Lore sentences on the message's subject, best first. The subject is the entries sharing the
 * most words with the message: "the new note" beside "the trees" is the orchard's note, not a
 * note of debt, though "note" is the debt entry's key; when the subject's entries have no sentence
 * to tell, nothing is offered rather than a fact from a weaker entry. Within them, sentences
 * sharing more words come first, then entries the message touched by key, then the pack's
 * order. Entries the lore engine left inactive (`dormant`) count towards the subject, and are
 * told only from a sentence sharing two of the message's words. The words of the message's
 * topic (`focus`, "the lamps" of "Who lit the lamps on the mill steps?") count twice: the mill
 * is where the lamps are, not what is asked.
 */
export function topicalLore(
  entries: readonly LoreEntry[],
  dormant: readonly LoreEntry[],
  touched: ReadonlySet<LoreEntry>,
  words: ReadonlySet<string>,
  focus: ReadonlySet<string>,
  context: NarrationContext,
): TopicalLine[] {
  const weight = (text: string): number => shared(text, words) + shared(text, focus);
  const ranked: Array<TopicalLine & { own: number; around: number; key: number; order: number }> = [];
  const active = new Set(entries);
  const all = [...entries, ...dormant.filter((e) => !active.has(e))];
  const arounds = all.map((entry) => weight(entry.text));
  const most = Math.max(0, ...arounds);
  all.forEach((entry, order) => {
    const around = arounds[order];
    if (around === 0 || around < most) return;
    const least = active.has(entry) ? 1 : 2;
    for (const text of loreSentences(entry, context)) {
      if (shared(text, words) < least) continue;
      const own = weight(text);
      ranked.push({ entry, text, own, around, key: touched.has(entry) ? 1 : 0, order });
    }
  });
  ranked.sort((a, b) => b.own - a.own || b.around - a.around || b.key - a.key || a.order - b.order);
  return ranked.map(({ entry, text }) => ({ entry, text }));
}
