/**
 * Playing a pack under another name (`skald play --persona Mara`). A pack is written around its
 * own persona: characters greet "Tamsin", example lines and openings name her, lore and threads
 * mention her. Left as written, the model (and the offline narrator, which quotes example lines)
 * would keep calling the player by the pack's name. So every text of the pack names the player
 * as chosen: the full name ("Tamsin Alder"), the first name alone ("Tamsin") and the nicknames
 * the pack gives (`player.aliases`: "Tam"). A surname alone is left, since family members share
 * it; ids and extensions are never touched.
 */
import { escapeRegExp } from '../text/regexp.js';
import type { PlayerPersona, WorldPack } from '../world/types.js';

/** A name to play under: no control characters, no leading slash, at most 40 characters. */
const PERSONA_NAME = /^(?!\/)[^\p{C}]{1,40}$/u;

/** Why `name` cannot be played under (one sentence), or undefined when it can. */
export function personaNameProblem(name: string): string | undefined {
  return PERSONA_NAME.test(name)
    ? undefined
    : 'A name is 1 to 40 letters, digits, spaces and punctuation, with no control characters, like Mara Quill.';
}

const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * The forms a text may name the player by: the full name, its first word alone when the name has
 * several, and the pack's nicknames for them (`player.aliases`).
 */
export function nameForms(persona: PlayerPersona): string[] {
  const name = persona.name.trim();
  const forms = name ? [name] : [];
  const first = name.split(/\s+/)[0];
  if (first && first !== name) forms.push(first);
  for (const alias of persona.aliases ?? []) if (alias.trim() && !forms.includes(alias.trim())) forms.push(alias.trim());
  return forms;
}

/** Regex source for one name on word boundaries (CJK names have none, so they match as written). */
function nameSource(name: string): string {
  return HAN.test(name) ? escapeRegExp(name) : `(?<![\\p{L}\\p{N}_])${escapeRegExp(name)}(?![\\p{L}\\p{N}_])`;
}

/** A capitalised word right after a name: its surname. */
const SURNAME_NEXT = /^[ \t]+\p{Lu}\p{Ll}/u;

/**
 * A replacer of the pack persona's names: its name and first name by `to`, its nicknames by `to`'s
 * first word. A name the text follows with a surname ("Tamsin Alder" where the pack says
 * `name: Tamsin`) takes only the new first name, so the family name stays ("Mara Alder", not
 * "Mara Quill Alder"). One pass, longest name first, so a new name that contains the old one is
 * not renamed again.
 */
function renamer(from: PlayerPersona, to: string): (text: string) => string {
  const toFirst = to.split(/\s+/)[0] ?? to;
  const aliases = new Set((from.aliases ?? []).map((a) => a.trim()));
  const forms = nameForms(from).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(forms.map(nameSource).join('|'), 'gu');
  return (text) =>
    text.replace(pattern, (form: string, at: number) =>
      aliases.has(form) || SURNAME_NEXT.test(text.slice(at + form.length, at + form.length + 40)) ? toFirst : to,
    );
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
  const r = renamer(pack.player, to);
  // The nicknames were the pack's persona's; the renamed player has none until the pack gives some.
  const { aliases: _aliases, ...rest } = persona;
  const player: PlayerPersona = { ...rest, persona: r(persona.persona), relations: mapValues(persona.relations, r) };
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
