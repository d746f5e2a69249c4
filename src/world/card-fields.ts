/**
 * The card fields SillyTavern names apart and skald keeps together: an imported card's personality
 * is folded into its character's persona, under a label, so every prompt carries it; its example
 * dialogues become the character's examples. SillyTavern's story strings and macros
 * (`{{personality}}`, `{{mesExamples}}`) ask for them on their own, and this reads them back.
 */
import type { Character, WorldPack } from './types.js';

const LABEL = 'Personality: ';

/** A character's persona from a card's description and personality (an export reads it back against them). */
export function cardPersona(description: string, personality: string): string {
  return [description, personality ? `${LABEL}${personality}` : ''].filter(Boolean).join('\n\n');
}

/**
 * The card personality folded into `character`'s persona, and the paragraph of the persona that
 * carries it; undefined when the character has none there (a pack's own character, or a persona
 * the player rewrote without it). The card's own texts are the pack's `extensions.card.source` for
 * a pack made from a card (its first character), the character's own once merged into a pack.
 */
export function foldedPersonality(character: Character, pack: WorldPack): { value: string; paragraph: string } | undefined {
  type Card = { source?: { personality?: unknown } } | undefined;
  const own = character.extensions?.card as Card;
  const card = own ?? (pack.characters[0] === character ? (pack.extensions?.card as Card) : undefined);
  const personality = card?.source?.personality;
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
