/**
 * The variables of a context template's story string that skald fills from its own system text.
 * SillyTavern builds the story string from the card's fields (`{{description}}`, `{{scenario}}`,
 * `{{persona}}`, `{{wiBefore}}` ...; public/scripts/power-user.js, renderStoryString); skald's system
 * message holds all of them under `{{system}}`. A story string that places one of them itself (in
 * its own `<description>` tags, say) gets that section there, taken out of `{{system}}`, so the
 * prompt reads as SillyTavern lays it out and says nothing twice.
 *
 * `{{personality}}` and `{{mesExamples}}` (`{{mesExamplesRaw}}`) sit inside skald's characters
 * section: an imported card's personality paragraph and the example dialogues shown there. A story
 * string that asks for them gets them, taken out of the description (or `{{system}}`) where they were.
 */
import type { StoryParts } from '../../engine/types.js';
import { cutParagraph } from '../../world/card-fields.js';
import { storyStringNames } from './story.js';

/** SillyTavern's story-string names for skald's sections (`wiBefore` and `loreBefore` are one). */
const PART_OF: Readonly<Record<string, keyof StoryParts>> = {
  description: 'description',
  scenario: 'scenario',
  persona: 'persona',
  wiBefore: 'loreBefore',
  loreBefore: 'loreBefore',
  wiAfter: 'loreAfter',
  loreAfter: 'loreAfter',
};

/** SillyTavern's names for what sits inside the characters section: the value, and its text as it stands there. */
const INSIDE: Readonly<Record<string, { value: keyof StoryParts; text: keyof StoryParts }>> = {
  personality: { value: 'personality', text: 'personalityText' },
  mesExamples: { value: 'mesExamples', text: 'examplesText' },
  mesExamplesRaw: { value: 'mesExamples', text: 'examplesText' },
};

/** The story string names skald fills from its sections (see PART_OF and INSIDE), besides `system`, `user` and `char`. */
export const FILLED_STORY_NAMES: readonly string[] = [...Object.keys(PART_OF), ...Object.keys(INSIDE)];

/**
 * The story string's variables: `system` less every section the story string places itself, and
 * those sections under their names. A section not found in `system` as it stands is left out of
 * both (it is not in the prompt to move). `char` is the parts' character name when there is one.
 */
export function storyVariables(
  story: string,
  system: string,
  parts: StoryParts | undefined,
  names: { user: string; char: string },
): Record<string, string> {
  const vars: Record<string, string> = { user: names.user, char: parts?.char ?? names.char };
  let rest = system;
  const used = storyStringNames(story);
  for (const name of used) {
    const part = PART_OF[name];
    const text = part ? parts?.[part] : undefined;
    if (!text) continue;
    const same = Object.entries(vars).find(([other]) => PART_OF[other] === part);
    if (same) {
      vars[name] = same[1];
      continue;
    }
    const at = rest.indexOf(text);
    if (at < 0) continue;
    rest = withoutSection(rest, at, text.length);
    // The story string labels the slot itself; skald's own heading would say it twice. The
    // player's heading stays: it carries their name, which SillyTavern's persona text assumes.
    vars[name] = part === 'persona' ? text : text.replace(/^#{1,6} [^\n]*\n/, '');
  }
  const moved = new Set<keyof StoryParts>();
  for (const name of used) {
    const inside = INSIDE[name];
    const value = inside ? parts?.[inside.value] : undefined;
    const text = inside ? parts?.[inside.text] : undefined;
    // `{{mesExamples}}` and `{{mesExamplesRaw}}` both: the examples go to the first, once.
    if (!inside || !value || !text || moved.has(inside.text)) continue;
    const holder = vars.description?.includes(text) ? 'description' : rest.includes(text) ? 'rest' : undefined;
    if (holder === undefined) continue;
    if (holder === 'description') vars.description = cutParagraph(vars.description, text);
    else rest = cutParagraph(rest, text);
    moved.add(inside.text);
    vars[name] = value;
  }
  vars.system = rest;
  return vars;
}

/** `text` without the section at `at`, and without the blank line that joined it to its neighbours. */
function withoutSection(text: string, at: number, length: number): string {
  let before = text.slice(0, at);
  let after = text.slice(at + length);
  if (before.endsWith('\n\n')) before = before.slice(0, -2);
  else if (after.startsWith('\n\n')) after = after.slice(2);
  return before + after;
}
