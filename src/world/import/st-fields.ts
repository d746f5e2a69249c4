/**
 * SillyTavern's World Info settings, read from a World Info export entry (camelCase, at the top
 * level) or from a card book entry's `extensions` (snake_case, where SillyTavern keeps them), and
 * mapped onto skald's lore fields. What skald has no field for is named in a warning with what it
 * would have done; the raw settings stay in the entry's `extensions` either way.
 */
import { LORE_TRIGGERS, type LoreEntry, type LorePosition, type LoreTrigger } from '../types.js';
import { num } from './text.js';

type Obj = Record<string, unknown>;
export type StFields = Partial<
  Pick<
    LoreEntry,
    | 'scanDepth'
    | 'position'
    | 'depth'
    | 'role'
    | 'outlet'
    | 'ignoreBudget'
    | 'onlyWith'
    | 'notWith'
    | 'probability'
    | 'sticky'
    | 'cooldown'
    | 'delay'
    | 'groupWeight'
    | 'groupOverride'
    | 'groupScoring'
    | 'preventRecursion'
    | 'excludeRecursion'
    | 'delayUntilRecursion'
    | 'matchSources'
    | 'triggers'
  >
>;

/** SillyTavern's `position` numbers: 0 before the character, 1 after, 2/3 the author's note, 4 at a depth, 5/6 the examples, 7 an outlet. */
const POSITIONS: Record<number, LorePosition | undefined> = {
  0: 'before_characters',
  1: 'after_characters',
  2: 'authors_note_top',
  3: 'authors_note_bottom',
  4: 'depth',
  5: 'before_examples',
  6: 'after_examples',
  7: 'outlet',
};
const ROLES = ['system', 'user', 'assistant'] as const;

const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const count = (v: unknown): number | undefined => {
  const n = num(v);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
};

/** The same setting under either spelling: `camel` in World Info exports, `snake` in card extensions. */
function reader(source: Obj | undefined) {
  return (camel: string, snake = camel): unknown => (source ? (source[camel] ?? source[snake]) : undefined);
}

/**
 * skald's fields for an entry's SillyTavern settings, and a warning for each setting that has no
 * equivalent and is not at its default (`where` names the entry in the warning).
 */
export function stFields(source: Obj | undefined, where: string, warnings: string[]): StFields {
  const get = reader(source);
  const out: StFields = {};
  const scanDepth = count(get('scanDepth', 'scan_depth'));
  if (scanDepth !== undefined) out.scanDepth = scanDepth;

  const rawPosition = get('position');
  const position =
    typeof rawPosition === 'string'
      ? ({ before_char: 'before_characters', after_char: 'after_characters' } as Record<string, LorePosition>)[rawPosition]
      : POSITIONS[num(rawPosition) ?? -1];
  if (position) out.position = position;
  if (position === 'outlet') {
    const name = get('outletName', 'outlet_name');
    if (typeof name === 'string' && name.trim()) out.outlet = name.trim();
    // SillyTavern places an outlet's text only where a {{outlet::NAME}} asks for it: without a name, nowhere.
    else warnings.push(`${where}: goes to an outlet with no name, which no {{outlet::NAME}} can place: it is never in the prompt`);
  }
  if (position === 'depth') {
    const depth = count(get('depth'));
    if (depth !== undefined) out.depth = depth;
    const role = num(get('role'));
    if (role !== undefined && ROLES[role]) out.role = ROLES[role];
  }

  const probability = num(get('probability'));
  // SillyTavern rolls only when useProbability is on (the default for new entries).
  if (probability !== undefined && probability >= 0 && probability < 100 && get('useProbability', 'useProbability') !== false)
    out.probability = probability;
  for (const [field, camel, snake] of [
    ['sticky', 'sticky', 'sticky'],
    ['cooldown', 'cooldown', 'cooldown'],
    ['delay', 'delay', 'delay'],
  ] as const) {
    const n = count(get(camel, snake));
    if (n) out[field] = n;
  }
  const weight = num(get('groupWeight', 'group_weight'));
  if (weight !== undefined && weight > 0 && weight !== 100) out.groupWeight = weight;
  if (bool(get('groupOverride', 'group_override'))) out.groupOverride = true;
  if (bool(get('useGroupScoring', 'use_group_scoring'))) out.groupScoring = true;
  if (bool(get('preventRecursion', 'prevent_recursion'))) out.preventRecursion = true;
  if (bool(get('excludeRecursion', 'exclude_recursion'))) out.excludeRecursion = true;
  const delayUntil = get('delayUntilRecursion', 'delay_until_recursion');
  if (delayUntil === true || delayUntil === 1) out.delayUntilRecursion = true;
  else if (typeof delayUntil === 'number' && Number.isInteger(delayUntil) && delayUntil > 1) out.delayUntilRecursion = delayUntil;

  // Settings with no skald equivalent: said, never silently dropped.
  if (bool(get('ignoreBudget', 'ignore_budget'))) out.ignoreBudget = true;
  if (bool(get('vectorized'))) warnings.push(`${where}: is activated by vector search in SillyTavern; skald activates it by its keys only`);
  const sources = (
    [
      ['matchPersonaDescription', 'match_persona_description', 'persona'],
      ['matchCharacterDescription', 'match_character_description', 'description'],
      ['matchCharacterPersonality', 'match_character_personality', 'personality'],
      ['matchCharacterDepthPrompt', 'match_character_depth_prompt', 'depthPrompt'],
      ['matchScenario', 'match_scenario', 'scenario'],
      ['matchCreatorNotes', 'match_creator_notes', 'creatorNotes'],
    ] as const
  )
    .filter(([camel, snake]) => bool(get(camel, snake)))
    .map(([, , source]) => source);
  if (sources.length > 0) out.matchSources = sources;
  const triggers = get('triggers');
  if (Array.isArray(triggers) && triggers.length > 0) {
    const known = triggers.filter((t): t is LoreTrigger => (LORE_TRIGGERS as readonly unknown[]).includes(t));
    if (known.length > 0) out.triggers = [...new Set(known)];
    const unknown = triggers.filter((t) => !known.includes(t as LoreTrigger));
    if (unknown.length > 0)
      warnings.push(
        `${where}: its triggers ${unknown.map((t) => JSON.stringify(t)).join(', ')} are not generation types skald knows; left out`,
      );
  }
  const filter = get('characterFilter', 'character_filter') as { names?: unknown; tags?: unknown; isExclude?: unknown } | undefined;
  const names = Array.isArray(filter?.names)
    ? filter.names.filter((n): n is string => typeof n === 'string' && n.trim() !== '').map((n) => n.trim())
    : [];
  if (names.length > 0) {
    // SillyTavern names a character by its card's file name, which is mostly the character's name.
    out[filter?.isExclude === true ? 'notWith' : 'onlyWith'] = names;
    warnings.push(
      `${where}: ${filter?.isExclude === true ? 'kept out for' : 'limited to'} ${names.join(', ')} (SillyTavern's character filter, by card file name): skald reads ${names.length === 1 ? 'it' : 'them'} as the name or id of a character in the scene`,
    );
  }
  if (Array.isArray(filter?.tags) && filter.tags.length > 0)
    warnings.push(`${where}: its character filter's tags are your SillyTavern's own; skald has no character tags and leaves them out`);
  const automation = get('automationId', 'automation_id');
  if (typeof automation === 'string' && automation)
    warnings.push(`${where}: runs a Quick Reply automation ("${automation}") in SillyTavern; skald has none`);
  return out;
}
