/**
 * A world back as a Character Card V3, so skald's packs go back to the community: the first
 * character is the card's, the openings its greetings, the lore its `character_book` (SillyTavern's
 * settings in each entry's `extensions`, as SillyTavern writes them). A pack imported from a card
 * keeps what its import kept (`extensions.card`): where a field still reads as it was imported, the
 * card's own text is written back, so card -> world -> card loses nothing; an edited field is
 * written as the pack now says.
 */
import { cardOriginals } from '../card-fields.js';
import { cardPersona, DEPTH_PROMPT_MARK, settingFrom } from '../import/card.js';
import type { LoreEntry, LoreMatchSource, WorldPack } from '../types.js';

type Obj = Record<string, unknown>;

export interface CardV3 {
  spec: 'chara_card_v3';
  spec_version: '3.0';
  data: Obj;
}

const asObj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Loading a pack drops carriage returns and control characters: compare texts as loading leaves them. */
const loaded = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
const same = (a: string, b: string) => loaded(a) === loaded(b);

/** SillyTavern's position numbers for skald's positions. */
const POSITION_NUMBER: Record<NonNullable<LoreEntry['position']>, number> = {
  before_characters: 0,
  after_characters: 1,
  authors_note_top: 2,
  authors_note_bottom: 3,
  depth: 4,
  before_examples: 5,
  after_examples: 6,
  outlet: 7,
};
const ROLE_NUMBER = { system: 0, user: 1, assistant: 2 } as const;

/**
 * The pack's regex scripts as the card's `extensions.regex_scripts`, in their order, followed by
 * those the import kept aside because skald cannot run them.
 */
function regexScriptsFor(pack: WorldPack, ext: Obj | undefined): Obj {
  const aside = Array.isArray(ext?.regex_scripts) ? (ext.regex_scripts as unknown[]) : [];
  const scripts = [...(pack.regexScripts ?? []), ...aside];
  return scripts.length ? { regex_scripts: scripts } : {};
}

/** SillyTavern's card extension field for each match source. */
const MATCH_SOURCE_FIELD: Record<LoreMatchSource, string> = {
  persona: 'match_persona_description',
  description: 'match_character_description',
  personality: 'match_character_personality',
  depthPrompt: 'match_character_depth_prompt',
  scenario: 'match_scenario',
  creatorNotes: 'match_creator_notes',
};

/** A lore entry as a `character_book` entry, its SillyTavern settings in `extensions`. */
function bookEntry(e: LoreEntry, index: number): Obj {
  const regex = e.keys.every((k) => /^\/.+\/i?$/s.test(k)) && e.keys.length > 0;
  // Keys the importer wrapped as /key/i from a use_regex entry go back unwrapped.
  const keys = regex ? e.keys.map((k) => k.replace(/^\/(.+)\/i?$/s, '$1')) : e.keys;
  const ext: Obj = { ...(e.extensions ?? {}) };
  const kept = asObj(ext.card_entry) ?? {};
  delete ext.st;
  delete ext.card_entry;
  const set = (key: string, value: unknown) => {
    if (value !== undefined) ext[key] = value;
  };
  set('position', e.position === undefined ? undefined : POSITION_NUMBER[e.position]);
  set('depth', e.depth);
  set('role', e.role === undefined ? undefined : ROLE_NUMBER[e.role]);
  set('outlet_name', e.outlet);
  set('ignore_budget', e.ignoreBudget);
  if (e.onlyWith?.length || e.notWith?.length)
    set('character_filter', { isExclude: !e.onlyWith?.length, names: e.onlyWith?.length ? e.onlyWith : e.notWith, tags: [] });
  set('scan_depth', e.scanDepth);
  if (e.probability !== undefined) {
    set('probability', e.probability);
    set('useProbability', true);
  }
  set('sticky', e.sticky);
  set('cooldown', e.cooldown);
  set('delay', e.delay);
  set('group', e.group);
  set('group_weight', e.groupWeight);
  set('group_override', e.groupOverride);
  set('use_group_scoring', e.groupScoring);
  set('prevent_recursion', e.preventRecursion);
  set('exclude_recursion', e.excludeRecursion);
  set('delay_until_recursion', e.delayUntilRecursion);
  for (const source of e.matchSources ?? []) set(MATCH_SOURCE_FIELD[source], true);
  if (e.triggers?.length) set('triggers', e.triggers);
  if (e.selectiveLogic !== 'and_any' || ext.selectiveLogic !== undefined)
    set('selectiveLogic', ['and_any', 'not_all', 'not_any', 'and_all'].indexOf(e.selectiveLogic));
  if (!e.wholeWords || ext.match_whole_words !== undefined) set('match_whole_words', e.wholeWords);
  return {
    keys,
    content: e.text,
    extensions: ext,
    enabled: e.enabled,
    insertion_order: e.priority,
    ...(e.caseSensitive ? { case_sensitive: true } : {}),
    use_regex: regex,
    constant: e.constant,
    selective: e.secondary.length > 0,
    secondary_keys: e.secondary,
    id: index,
    name: e.id,
    comment: e.id,
    // The entry's own name, comment, id and priority, as its card had them.
    ...kept,
  };
}

/** The pack as a Character Card V3 object. */
export function packToCard(pack: WorldPack): CardV3 {
  const meta: Obj = { ...(asObj(pack.extensions?.card) ?? {}) };
  const source = cardOriginals(meta);
  delete meta.originals;
  // An older import's texts under `source` go too; a V3 card's own `source` list is written back.
  if (asObj(meta.source)) delete meta.source;
  delete meta.spec;
  delete meta.spec_version;
  const character = pack.characters[0];
  if (!character) throw new Error('a world needs a character to become a card');

  const original = { description: str(source.description), personality: str(source.personality) };
  const personaUnchanged = same(character.persona, cardPersona(original.description, original.personality));
  const description = personaUnchanged ? original.description : character.persona;
  const personality = personaUnchanged ? original.personality : '';
  // The setting came from the scenario, or (without one) from the description: unchanged, the card's own scenario goes back.
  const imported = str(source.scenario) || settingFrom('', original.description, character.name);
  const scenario = same(pack.setting, imported) ? str(source.scenario) : pack.setting;

  const groupOnly = new Set(Array.isArray(pack.extensions?.group_only_openings) ? (pack.extensions.group_only_openings as string[]) : []);
  const greetings = pack.openings.filter((o) => !groupOnly.has(o.id)).map((o) => o.text);
  const examples = character.examples.map((x) => `<START>\n${x}`).join('\n');
  const originalExamples = str(source.mes_example);
  const examplesUnchanged = same(
    originalExamples
      .split(/<START>/i)
      .map((s) => s.trim())
      .filter(Boolean)
      .join('\u0001'),
    character.examples.join('\u0001'),
  );

  const notes = pack.style.notes;
  const system = str(source.system_prompt);
  const postHistory = str(source.post_history_instructions);
  // A pack imported before the card's prompts had fields of their own kept them (without
  // `{{original}}`) as style notes: unchanged, the card's own texts go back.
  const notesUnchanged = same(
    notes.join('\u0001'),
    [system, postHistory]
      .map((n) => n.replace(/\{\{original\}\}/gi, '').trim())
      .filter(Boolean)
      .join('\u0001'),
  );

  const bookMeta = asObj(pack.extensions?.character_book) ?? {};
  const data: Obj = {
    ...meta,
    name: character.name,
    description,
    personality,
    scenario,
    first_mes: greetings[0] ?? '',
    mes_example: examplesUnchanged && originalExamples ? originalExamples : examples,
    creator_notes: pack.summary,
    system_prompt:
      pack.style.systemPrompt !== undefined
        ? [pack.style.systemPrompt, ...notes].join('\n\n')
        : notesUnchanged
          ? system
          : notes.join('\n\n'),
    post_history_instructions: pack.style.postHistoryInstructions ?? (notesUnchanged ? postHistory : ''),
    alternate_greetings: greetings.slice(1),
    group_only_greetings: pack.openings.filter((o) => groupOnly.has(o.id)).map((o) => o.text),
    tags: pack.tags,
    creator: pack.authors.join(', '),
    character_version: pack.version,
    extensions: { ...(character.extensions ?? {}), ...regexScriptsFor(pack, character.extensions) },
    ...(character.nickname ? { nickname: character.nickname } : {}),
  };
  // The entry made from the card's character's note goes back as that note (still in the character's extensions).
  const entries = pack.lore.filter((e) => e.extensions?.from_card !== DEPTH_PROMPT_MARK);
  if (entries.length > 0) data.character_book = { ...bookMeta, entries: entries.map(bookEntry) };
  return { spec: 'chara_card_v3', spec_version: '3.0', data };
}
