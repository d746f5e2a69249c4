/** The sections of the system prompt, each rendered on its own so each can be counted and cached. */
import type { Character, LoreEntry, Opening, PlayerPersona, WorldPack } from '../../world/types.js';
import type { Plan } from '../types.js';
import type { Locale } from './locale.js';
import { formatWorldInfo } from './chat-preset.js';

/** The characters in the scene: the opening's, plus whoever the plan makes act; all when unspecified. */
export function charactersInPlay(pack: WorldPack, opening: Opening, plan: Plan): Character[] {
  if (opening.characters.length === 0) return pack.characters;
  const ids = new Set([...opening.characters, ...plan.actors]);
  const inPlay = pack.characters.filter((c) => ids.has(c.id));
  return inPlay.length > 0 ? inPlay : pack.characters;
}

/** The name `{{char}}` stands for: the first character in play (its nickname when it has one). */
export function charName(characters: Character[]): string {
  const first = characters[0];
  return first ? (first.nickname ?? first.name) : '';
}

function nameOf(id: string, pack: WorldPack, persona: PlayerPersona): string {
  if (id === 'player') return persona.name;
  return pack.characters.find((c) => c.id === id)?.name ?? id;
}

function relationsLine(relations: Record<string, string>, pack: WorldPack, persona: PlayerPersona, t: Locale): string | undefined {
  const items = Object.entries(relations).map(([id, what]) => `${nameOf(id, pack, persona)} — ${what}`);
  return items.length > 0 ? `${t.relations}${items.join(t.listSeparator)}` : undefined;
}

/** The setting and the opening's scene; `formatted`: the setting as a preset's scenario_format wraps it, in place of skald's heading. */
export function renderSetting(pack: WorldPack, opening: Opening, t: Locale, formatted?: string): string {
  const lines = formatted !== undefined ? [formatted] : [t.setting, pack.setting.trim()];
  if (opening.scene.trim()) lines.push(`${t.scene}${opening.scene.trim()}`);
  return lines.join('\n');
}

/** The laws, always in the prompt; empty when the pack has none. */
export function renderLaws(pack: WorldPack, t: Locale): string {
  if (pack.laws.length === 0) return '';
  return [t.laws, ...pack.laws.map((law) => `- ${law.text.trim()}`)].join('\n');
}

/** Lore texts placed before and after the lead character's example dialogues. */
export interface ExamplesAround {
  before: string[];
  after: string[];
}

/** How many of a character's example dialogues the characters section shows (at full detail). */
export const SHOWN_EXAMPLES = 2;

/** An example dialogue as the characters section shows it. */
export const exampleLine = (example: string, t: Locale): string => `${t.example}${example.trim()}`;

/**
 * Characters at a level of detail: 0 everything, 1 without examples and secrets, 2 name and
 * persona only (used when the budget is tight).
 */
export function renderCharacters(
  characters: Character[],
  pack: WorldPack,
  persona: PlayerPersona,
  t: Locale,
  detail: 0 | 1 | 2,
  around: ExamplesAround = { before: [], after: [] },
): string {
  if (characters.length === 0) return '';
  const blocks = characters.map((c, i) => {
    const aliases = c.aliases.filter((a) => a !== c.name);
    const lines = [`### ${c.name}${aliases.length > 0 ? ` (${t.aliases} ${aliases.join(', ')})` : ''}`, c.persona.trim()];
    if (detail <= 1) {
      if (c.voice.trim()) lines.push(`${t.voice}${c.voice.trim()}`);
      if (c.quirks.length > 0) lines.push(`${t.quirks}${c.quirks.join(t.listSeparator)}`);
      if (c.goals.length > 0) lines.push(`${t.goals}${c.goals.join(t.listSeparator)}`);
      const relations = relationsLine(c.relations, pack, persona, t);
      if (relations) lines.push(relations);
    }
    if (detail === 0) {
      if (c.secrets.length > 0) lines.push(`${t.secret}${c.secrets.join(t.listSeparator)}`);
      // Lore placed among the examples goes around the lead's own, as SillyTavern adds it to the card's example blocks.
      const shown =
        i === 0 ? [...around.before, ...c.examples.slice(0, SHOWN_EXAMPLES), ...around.after] : c.examples.slice(0, SHOWN_EXAMPLES);
      for (const example of shown) lines.push(exampleLine(example, t));
    }
    return lines.filter(Boolean).join('\n');
  });
  return [t.characters, ...blocks].join('\n');
}

/** Who the player is, and how they relate to the characters. */
export function renderPersona(persona: PlayerPersona, pack: WorldPack, t: Locale): string {
  const lines = [t.player(persona.name), persona.persona.trim()];
  const relations = relationsLine(persona.relations, pack, persona, t);
  if (relations) lines.push(relations);
  return lines.filter(Boolean).join('\n');
}

/** The active lore entries, highest priority first. */
export function renderLore(entries: LoreEntry[], t: Locale): string {
  if (entries.length === 0) return '';
  return [t.lore, ...entries.map((e) => `- ${e.text.trim()}`)].join('\n');
}

/** A lore section: skald's, or the texts in a preset's wi_format (SillyTavern joins them with newlines). */
export function loreSection(entries: LoreEntry[], t: Locale, format: string | undefined): string {
  if (!format || entries.length === 0) return renderLore(entries, t);
  return formatWorldInfo(format, entries.map((e) => e.text.trim()).join('\n'));
}

/** A preset's personality_format with the card's personality in it. */
export const personalityIn = (format: string, value: string): string => format.replace(/\{\{\s*personality\s*\}\}/gi, () => value);

/** A preset's scenario_format with the card's scenario in it. */
export const scenarioIn = (format: string, value: string): string => format.replace(/\{\{\s*scenario\s*\}\}/gi, () => value);

/** The planner's directive, the hook to end on and the target length. */
export function renderDirective(plan: Plan, t: Locale): string {
  const lines = [t.direction, plan.directive.trim()];
  if (plan.hook.trim()) lines.push(`${t.hook}${plan.hook.trim()}`);
  lines.push(t.length(plan.targetLength[0], plan.targetLength[1]));
  return lines.filter(Boolean).join('\n');
}
