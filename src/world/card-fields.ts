/**
 * The card fields SillyTavern names apart and skald keeps together: an imported card's personality
 * is folded into its character's persona, under a label, so every prompt carries it; its example
 * dialogues become the character's examples. SillyTavern's story strings and macros
 * (`{{personality}}`, `{{mesExamples}}`) ask for them on their own, and this reads them back.
 */
import type { Character, WorldPack } from './types.js';

const LABEL = 'Personality: ';

/**
 * The card's own texts an import kept (`extensions.card.originals`) where pack fields reshape them,
 * so an export can write them back. Packs imported before it was named `originals` hold them in
 * `source` (an object), which is also the name of a V3 card's own list of source URLs (an array):
 * only the object form is read as the texts.
 */
export function cardOriginals(card: unknown): Record<string, unknown> {
  if (typeof card !== 'object' || card === null) return {};
  const { originals, source } = card as { originals?: unknown; source?: unknown };
  for (const texts of [originals, source])
    if (typeof texts === 'object' && texts !== null && !Array.isArray(texts)) return texts as Record<string, unknown>;
  return {};
}

/** A character's persona from a card's description and personality (an export reads it back against them). */
export function cardPersona(description: string, personality: string): string {
  return [description, personality ? `${LABEL}${personality}` : ''].filter(Boolean).join('\n\n');
}

/**
 * The card personality folded into `character`'s persona, and the paragraph of the persona that
 * carries it; undefined when the character has none there (a pack's own character, or a persona
 * the player rewrote without it). The card's own texts are the pack's `extensions.card.originals` for
 * a pack made from a card (its first character), the character's own once merged into a pack.
 */
export function foldedPersonality(character: Character, pack: WorldPack): { value: string; paragraph: string } | undefined {
  const own = character.extensions?.card;
  const card = own ?? (pack.characters[0] === character ? pack.extensions?.card : undefined);
  const personality = cardOriginals(card).personality;
  if (typeof personality !== 'string' || personality.trim() === '') return undefined;
  const paragraph = `${LABEL}${personality}`;
  return character.persona.includes(paragraph) ? { value: personality.trim(), paragraph } : undefined;
}

/** `text` without `piece` (its first occurrence), and without the newlines that joined it to what came before. */
export function cutParagraph(text: string, piece: string): string {
  const at = text.indexOf(piece);
  if (at < 0 || piece === '') return text;
  const before = text.slice(0, at).replace(/\n+$/, '');
  const after = text.slice(at + piece.length);
  return before === '' ? after.replace(/^\n+/, '') : before + after;
}

/**
 * Example dialogues as SillyTavern's `{{mesExamples}}` gives them: each block led by `<START>` and
 * ended by a newline (public/script.js, parseMesExamples; instruct mode uses the same heading).
 */
export function mesExamplesText(examples: readonly string[]): string {
  return examples
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => `<START>\n${e}\n`)
    .join('');
}

/**
 * `{{mesExamples}}` with World Info at positions 5 and 6 among the card's blocks, as SillyTavern's
 * Generate adds them (public/script.js): each entry's text read into `<START>` blocks
 * (parseMesExamples: one block when it has no `<START>`), those before the examples put in front
 * one entry after another (`unshift`, so a later entry goes first), those after appended.
 */
export function mesExamplesWithLore(examples: readonly string[], before: readonly string[], after: readonly string[]): string {
  const blocks = examples
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => `<START>\n${e}\n`);
  for (const text of before) blocks.unshift(...exampleBlocks(text));
  for (const text of after) blocks.push(...exampleBlocks(text));
  return blocks.join('');
}

/** SillyTavern's parseMesExamples for one text: `<START>` blocks, the text made one when it has none. */
function exampleBlocks(text: string): string[] {
  let body = text;
  if (body.length === 0 || body === '<START>') return [];
  if (!body.startsWith('<START>')) body = `<START>\n${body.trim()}`;
  return body
    .split(/<START>/gi)
    .slice(1)
    .map((block) => `<START>\n${block.trim()}\n`);
}

/**
 * What `{{personality}}` and `{{mesExamples}}` give for `character` (empty when it has none, as in
 * SillyTavern), each text's own macros resolved by `resolve`.
 */
export function cardMacroValues(
  character: Character | undefined,
  pack: WorldPack,
  resolve: (text: string) => string,
): { personality: string; mesExamples: string } {
  const folded = character ? foldedPersonality(character, pack) : undefined;
  return {
    personality: folded ? resolve(folded.value) : '',
    mesExamples: mesExamplesText((character?.examples ?? []).map(resolve)),
  };
}
