/**
 * Playing a pack under another name (`skald play --persona Mara`). A pack is written around its
 * own persona: characters greet "Tamsin", example lines and openings name her, lore and threads
 * mention her. Left as written, the model (and the offline narrator, which quotes example lines)
 * would keep calling the player by the pack's name. So every text of the pack names the player
 * as chosen: the full name ("Tamsin Alder") first, then the first name alone ("Tamsin"). A
 * surname alone is left, since family members share it; ids and extensions are never touched.
 */
import { escapeRegExp } from '../text/regexp.js';
import type { PlayerPersona, WorldPack } from '../world/types.js';

const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** A replacer for `from` on word boundaries (CJK names have none, so they match as written). */
function renamer(from: string, to: string): (text: string) => string {
  const names = [from];
  const first = from.split(/\s+/)[0];
  if (first && first !== from) names.push(first);
  const patterns = names.map((name) =>
    HAN.test(name) ? new RegExp(escapeRegExp(name), 'gu') : new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(name)}(?![\\p{L}\\p{N}_])`, 'gu'),
  );
  return (text) => {
    let out = text;
    for (const pattern of patterns) out = out.replace(pattern, () => to);
    return out;
  };
}

const mapValues = (record: Record<string, string>, f: (text: string) => string): Record<string, string> =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value)]));

/**
 * The pack and persona as played under `persona.name`: unchanged when that is the pack's own
 * persona name, else with the pack's name for the player replaced in every text (the persona's
 * own description included).
 */
export function namePlayer(pack: WorldPack, persona: PlayerPersona): { pack: WorldPack; persona: PlayerPersona } {
  const from = pack.player.name.trim();
  const to = persona.name.trim();
  if (!from || !to || from === to) return { pack, persona };
  const r = renamer(from, to);
  const player: PlayerPersona = { ...persona, persona: r(persona.persona), relations: mapValues(persona.relations, r) };
  const renamed: WorldPack = {
    ...pack,
    summary: r(pack.summary),
    setting: r(pack.setting),
    laws: pack.laws.map((law) => ({ ...law, text: r(law.text) })),
    lore: pack.lore.map((entry) => ({ ...entry, text: r(entry.text), keys: entry.keys.map(r), secondary: entry.secondary.map(r) })),
    characters: pack.characters.map((c) => ({
      ...c,
      persona: r(c.persona),
      voice: r(c.voice),
      quirks: c.quirks.map(r),
      goals: c.goals.map(r),
      secrets: c.secrets.map(r),
      relations: mapValues(c.relations, r),
      examples: c.examples.map(r),
    })),
    player,
    openings: pack.openings.map((o) => ({ ...o, title: r(o.title), scene: r(o.scene), text: r(o.text) })),
    threads: pack.threads.map((t) => ({ ...t, title: r(t.title), hook: r(t.hook), beats: t.beats.map(r) })),
    style: { ...pack.style, notes: pack.style.notes.map(r) },
  };
  return { pack: renamed, persona: player };
}
