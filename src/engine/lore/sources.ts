/**
 * The texts outside the story that SillyTavern lets a World Info entry match its keys in (its
 * matchPersonaDescription, matchCharacterDescription ... settings), as a skald pack holds them: an
 * imported card keeps its own description, personality, scenario and creator notes under the
 * pack's `extensions.card.source`; a pack written for skald has its lead's persona, its setting and
 * its summary in their place.
 */
import type { Character, LoreMatchSource, PlayerPersona, WorldPack } from '../../world/types.js';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** Each match source's text for `lead` (the character `{{char}}` names) and the player's `persona`. */
export function loreSources(
  pack: WorldPack,
  persona: PlayerPersona,
  lead: Character | undefined,
): Partial<Record<LoreMatchSource, string>> {
  const card = asObj(asObj(pack.extensions?.card)?.source);
  // The character's note (SillyTavern's depth prompt) is imported as a lore entry marked as such.
  const depthPrompt = pack.lore.find((e) => e.extensions?.from_card === 'depth_prompt')?.text;
  const out: Partial<Record<LoreMatchSource, string>> = {};
  const set = (source: LoreMatchSource, value: string | undefined) => {
    if (value) out[source] = value;
  };
  set('persona', text(persona.persona));
  set('depthPrompt', text(depthPrompt));
  if (card) {
    // A card's own fields: an empty scenario is no scenario, even where the setting was made from the description.
    set('description', text(card.description));
    set('personality', text(card.personality));
    set('scenario', text(card.scenario));
    set('creatorNotes', text(card.creator_notes));
  } else {
    set('description', text(lead?.persona));
    set('scenario', text(pack.setting));
    set('creatorNotes', text(pack.summary));
  }
  return out;
}
