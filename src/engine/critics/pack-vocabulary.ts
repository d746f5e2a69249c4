/**
 * The words a pack itself uses (setting, lore, laws, characters, player, openings, threads),
 * compiled once per pack object. A word the pack's own author wrote (a brand in a profile, a
 * loanword in the setting, a name in another script) is part of the story's language.
 */
import type { WorldPack } from '../../world/types.js';
import { compilePack } from './pack-cache.js';
import { execAll } from '../../text/regexp.js';

export interface PackVocabulary {
  /** Lower-cased words of every script but CJK, plus the pack's names and their parts. */
  words: Set<string>;
  /** The pack's CJK text joined, for substring checks (CJK has no word boundaries). */
  cjkText: string;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’]*/gu;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

const vocabularies = new WeakMap<WorldPack, PackVocabulary>();

/** Every text the pack's author wrote, field by field. */
export function packTexts(pack: WorldPack): string[] {
  const out: string[] = [pack.title, pack.summary, pack.setting, pack.player.name, pack.player.persona, ...(pack.player.aliases ?? [])];
  out.push(...Object.values(pack.player.relations ?? {}));
  for (const law of pack.laws) out.push(law.text);
  for (const entry of pack.lore) out.push(entry.text, ...entry.keys, ...entry.secondary);
  for (const c of pack.characters) {
    out.push(c.name, ...c.aliases, c.nickname ?? '', c.persona, c.voice, ...c.quirks, ...c.goals, ...c.secrets, ...c.examples);
    out.push(...Object.values(c.relations));
  }
  for (const o of pack.openings) out.push(o.title, o.scene, o.text);
  for (const t of pack.threads) out.push(t.title, t.hook, ...t.beats);
  out.push(...pack.style.notes);
  return out.filter((s): s is string => typeof s === 'string' && s.length > 0);
}

/** The vocabulary of `pack`, built on first use. */
export function packVocabulary(pack: WorldPack): PackVocabulary {
  const hit = vocabularies.get(pack);
  if (hit) return hit;
  const words = new Set<string>(compilePack(pack).names);
  const cjk: string[] = [];
  for (const text of packTexts(pack)) {
    for (const m of execAll(WORD, text.replace(CJK_RUN, ' '))) {
      words.add(m[0].toLowerCase().replace(/['’]s$/, ''));
    }
    for (const m of execAll(CJK_RUN, text)) cjk.push(m[0]);
  }
  const vocabulary = { words, cjkText: cjk.join('|') };
  vocabularies.set(pack, vocabulary);
  return vocabulary;
}
