/**
 * Character cards (TavernAI V1, Character Card V2 and V3) as world packs: one character, the
 * card's scenario as the setting, its greetings as openings, its `character_book` as lore, and
 * everything the format has no field for carried under `extensions`, untouched.
 */
import { neutralize } from '../../text/sanitize.js';
import { parseScriptPattern } from '../../text/pattern.js';
import { cardPersona } from '../card-fields.js';
import { validatePack } from '../validate.js';
import { formatProblem } from '../problems.js';
import type { Extensions, Opening, Rating, WorldPack } from '../types.js';
import type { CardFormat } from './detect.js';
import { ImportError } from './errors.js';
import { bookDrafts, bookMeta, finishLore, type LoreDraft } from './lore-entries.js';
import { asObject, detectLanguage, num, shortHash, slugify, str, strList, uniqueId } from './text.js';

type Obj = Record<string, unknown>;

/** The fields of a card this importer maps; every other field of `data` goes to `extensions.card`. */
const MAPPED = new Set([
  'name',
  'description',
  'personality',
  'scenario',
  'first_mes',
  'mes_example',
  'creator_notes',
  'system_prompt',
  'post_history_instructions',
  'alternate_greetings',
  'group_only_greetings',
  'character_book',
  'tags',
  'creator',
  'character_version',
  'extensions',
  'nickname',
]);

export interface CardImport {
  pack: WorldPack;
  format: CardFormat;
  /** Things changed on the way (a regex key dropped, an entry disabled), one sentence each. */
  warnings: string[];
}

/** The pack id for a card name: its ASCII slug, or `card-<hash>` for names in other scripts. */
export function packIdFor(name: string): string {
  return slugify(name) || `card-${shortHash(name)}`;
}

/** `<START>`-separated example dialogues, each kept with its `{{char}}`/`{{user}}` macros. */
export function splitExamples(mesExample: string): string[] {
  return mesExample
    .split(/<START>/i)
    .map((s) => s.trim())
    .filter(Boolean);
}

export { cardPersona } from '../card-fields.js';

/** A voice hint from SillyTavern's talkativeness (0..1), when it says something. */
function voiceFrom(talkativeness: number | undefined): string {
  if (talkativeness === undefined) return '';
  if (talkativeness <= 0.3) return 'Speaks sparingly; answers briefly unless drawn out.';
  if (talkativeness >= 0.7) return 'Talkative; fills silences readily.';
  return '';
}

/**
 * The setting when the card has no `scenario`: a `Scenario:` clause inside the description
 * (PList and W++ cards write one), else the whole description.
 */
export function settingFrom(scenario: string, description: string, name: string): string {
  if (scenario) return scenario;
  const clause = /(?:^|[[;\n])\s*Scenario\s*[:=]\s*([^\]\n]+)/i.exec(description)?.[1]?.trim();
  return clause || description || `The story of ${name}.`;
}

function ratingFrom(tags: string[]): Rating {
  return tags.some((t) => /^(nsfw|18\+|adult|explicit)$/i.test(t)) ? 'mature' : 'teen';
}

/**
 * SillyTavern's card extensions that do something there and nothing in skald: kept under the
 * character's `extensions` (an export writes them back), and said, one line each.
 */
function unusedCardExtensions(ext: Obj | undefined, book: Obj | undefined): string[] {
  const out: string[] = [];
  const world = str(ext?.world).trim();
  // SillyTavern embeds the linked lorebook as the card's character_book, under its name, on export.
  if (world && !(book && str(book.name).trim() === world))
    out.push(
      `the card names the SillyTavern lorebook "${world}" (extensions.world), which is not inside it; merge that lorebook's export with \`skald worlds import FILE.json --into <pack folder>\``,
    );
  // The Tavern Helper extension's scripts (JavaScript run in SillyTavern's page), common in shared cards.
  const helper = asObject(ext?.tavern_helper);
  const helperScripts = Array.isArray(helper?.scripts) ? helper.scripts.length : 0;
  if (helperScripts > 0)
    out.push(
      `extensions.tavern_helper (${helperScripts} Tavern Helper script${helperScripts === 1 ? '' : 's'} for SillyTavern's page) ${helperScripts === 1 ? 'is' : 'are'} not run by skald`,
    );
  return out;
}

function omit(obj: Obj | undefined, key: string): Obj | undefined {
  if (!obj || !(key in obj)) return obj;
  const { [key]: _dropped, ...rest } = obj;
  return rest;
}

/**
 * The card's SillyTavern regex scripts: those skald can run become the pack's `regexScripts` (in
 * order); one whose pattern skald cannot run stays in the character's `extensions.regex_scripts`
 * (an export writes it back after the others), said in a warning. What each runs on is said once.
 */
function cardRegexScripts(ext: Obj | undefined, warnings: string[]): { run: Obj[]; kept?: Obj[] } {
  const all = Array.isArray(ext?.regex_scripts) ? ext.regex_scripts : [];
  if (all.length === 0) return { run: [] };
  const run: Obj[] = [];
  const kept: Obj[] = [];
  for (const item of all) {
    const script = asObject(item);
    const find = str(script?.findRegex);
    const name = neutralize(str(script?.scriptName)).trim() || 'unnamed';
    const parsed = script && find && !(script.substituteRegex && find.includes('{{')) ? parseScriptPattern(find) : undefined;
    if (script && find && (!parsed || parsed.ok)) {
      run.push(script);
      continue;
    }
    kept.push(item as Obj);
    warnings.push(
      `the regex script "${name}" is not run by skald: ${parsed && !parsed.ok ? parsed.reason : 'it has no findRegex'} (kept in the character's extensions.regex_scripts)`,
    );
  }
  if (run.length > 0) {
    const slash = run.filter((s) => Array.isArray(s.placement) && s.placement.includes(3)).length;
    warnings.push(
      `${run.length} SillyTavern regex script${run.length === 1 ? '' : 's'} imported as regexScripts: run on the player's input, the model's reply and its reasoning, and lore as the prompt carries it (stored, display-only and prompt-only as in SillyTavern)` +
        (slash ? `; their slash-command placement is not run (skald has no slash commands a script could rewrite)` : ''),
    );
  }
  return kept.length ? { run, kept } : { run };
}

/** Marks the lore entry made from a card's character's note, which an export writes back as that note. */
export const DEPTH_PROMPT_MARK = 'depth_prompt';

/**
 * SillyTavern's character's note (`extensions.depth_prompt`): text put into the chat at a depth
 * every turn, which is what a constant lore entry at that depth does.
 */
function depthPromptDraft(ext: Obj | undefined): LoreDraft | undefined {
  const note = asObject(ext?.depth_prompt);
  const text = str(note?.prompt).trim();
  if (!text) return undefined;
  const depth = num(note?.depth);
  const role = str(note?.role);
  return {
    names: ['character-note'],
    entry: {
      keys: [],
      secondary: [],
      selectiveLogic: 'and_any',
      text,
      constant: true,
      priority: 0,
      enabled: true,
      caseSensitive: false,
      wholeWords: true,
      excludeKeys: [],
      position: 'depth',
      depth: depth !== undefined && Number.isInteger(depth) && depth >= 0 ? depth : 4,
      ...(role === 'system' || role === 'user' || role === 'assistant' ? { role } : {}),
      extensions: { from_card: DEPTH_PROMPT_MARK },
    },
  };
}

/**
 * Turns the `data` of a detected card into a valid WorldPack. `what` names the file in messages.
 * Throws ImportError when the card has no name or the result would not validate.
 */
export function cardToPack(format: CardFormat, data: Obj, root: Obj, what: string): CardImport {
  // The name makes the id and the title, so it is cleaned here; validation cleans the rest.
  const name = neutralize(str(data.name)).trim();
  if (!name)
    throw new ImportError(
      'no-name',
      `The card in ${what} has no name; a character card needs a \`name\` (fix the card in its editor and export it again).`,
    );
  const warnings: string[] = [];
  const description = str(data.description);
  const personality = str(data.personality);
  const scenario = str(data.scenario);
  const ext = asObject(data.extensions);
  const tags = strList(data.tags);
  const v3 = format === 'chara_card_v3';

  const id = packIdFor(name);
  const characterId = slugify(name) || 'char';
  const nickname = v3 ? str(data.nickname) : '';
  const persona = cardPersona(description, personality);

  const character: Obj = {
    id: characterId,
    name,
    aliases: nickname && nickname !== name ? [nickname] : [],
    persona,
    voice: voiceFrom(num(ext?.talkativeness) ?? num(root.talkativeness)),
    examples: splitExamples(str(data.mes_example)),
  };
  if (nickname) character.nickname = nickname;
  // An empty `extensions: {}` (every V2 card has one) carries nothing and is left out.
  const scripts = cardRegexScripts(ext, warnings);
  const characterExt = scripts.kept ? { ...ext, regex_scripts: scripts.kept } : omit(ext, 'regex_scripts');
  if (characterExt && Object.keys(characterExt).length > 0) character.extensions = characterExt;
  warnings.push(...unusedCardExtensions(ext, asObject(data.character_book)));

  const openingIds = new Set<string>();
  const openings: Omit<Opening, 'characters'>[] = [];
  const addOpening = (base: string, title: string, text: string) => {
    if (text) openings.push({ id: uniqueId(base, openingIds), title, scene: '', text });
  };
  addOpening('first-message', 'First message', str(data.first_mes));
  strList(data.alternate_greetings).forEach((g, i) => addOpening(`alternate-${i + 1}`, `Alternate greeting ${i + 1}`, str(g)));
  const groupOnly: string[] = [];
  if (v3) {
    strList(data.group_only_greetings).forEach((g, i) => {
      const before = openings.length;
      addOpening(`group-${i + 1}`, `Group greeting ${i + 1} (for ensembles)`, str(g));
      if (openings.length > before) groupOnly.push(openings[openings.length - 1].id);
    });
  }
  if (openings.length === 0) {
    // A pack needs an opening; a card without a greeting lets the character speak first.
    warnings.push('the card has no greeting; added a plain opening that lets the story start');
    addOpening('start', 'Start', '*{{char}} is here as {{user}} arrives.*');
  }

  const book = asObject(data.character_book);
  const note = depthPromptDraft(ext);
  const drafts = [...(book ? bookDrafts(book, warnings) : []), ...(note ? [note] : [])];
  const lore = drafts.length > 0 ? finishLore(drafts, new Set(), warnings) : [];

  const extensions: Extensions = {};
  const cardMeta: Extensions = {};
  if (format !== 'tavernai_v1') {
    cardMeta.spec = format;
    if (root.spec_version !== undefined) cardMeta.spec_version = root.spec_version;
  }
  for (const [key, value] of Object.entries(data)) {
    if (MAPPED.has(key) || value === undefined || value === null || value === '') continue;
    cardMeta[key] = value;
  }
  // The card's own texts where a pack field merges or reshapes them (description and personality
  // make one persona; scenario becomes the setting), so an export can write them back as they were.
  const source = Object.fromEntries(
    (['description', 'personality', 'scenario', 'mes_example', 'system_prompt', 'post_history_instructions', 'creator_notes'] as const)
      .map((k) => [k, str(data[k])] as const)
      .filter(([, v]) => v !== ''),
  );
  // Not `source`: a V3 card's own `source` (its URLs) is kept under that name.
  if (Object.keys(source).length) cardMeta.originals = source;
  if (Object.keys(cardMeta).length) extensions.card = cardMeta;
  const meta = book ? bookMeta(book) : undefined;
  if (meta) extensions.character_book = meta;
  if (groupOnly.length) extensions.group_only_openings = groupOnly;

  const raw: Obj = {
    skald: 1,
    id,
    title: name,
    version: (typeof data.character_version === 'number' ? String(data.character_version) : str(data.character_version)) || '1.0.0',
    authors: str(data.creator) ? [str(data.creator)] : [],
    language: detectLanguage([name, description, personality, scenario, str(data.first_mes), str(data.mes_example)]),
    rating: ratingFrom(tags),
    tags,
    summary: str(data.creator_notes) || (format === 'tavernai_v1' ? str(data.creatorcomment) : ''),
    setting: settingFrom(scenario, description, name),
    lore,
    characters: [character],
    // No player of its own: the player's persona plays the card (`skald personas`), never "You".
    player: { persona: '', relations: {} },
    openings,
    // Kept whole, `{{original}}` and all: the prompt builder splices in what each one replaces.
    style: {
      notes: [],
      ...(str(data.system_prompt).trim() ? { systemPrompt: str(data.system_prompt).trim() } : {}),
      ...(str(data.post_history_instructions).trim() ? { postHistoryInstructions: str(data.post_history_instructions).trim() } : {}),
    },
  };
  if (scripts.run.length) raw.regexScripts = scripts.run;
  if (Object.keys(extensions).length) raw.extensions = extensions;

  const result = validatePack(raw, what);
  if (!result.pack) {
    const first = result.problems.find((p) => p.severity === 'error');
    throw new ImportError(
      'invalid-result',
      `The card in ${what} does not make a valid pack: ${first ? formatProblem(first) : 'unknown problem'}.`,
    );
  }
  // Warnings only (control characters stripped and the like); the CLI prefixes them itself.
  for (const p of result.problems) warnings.push(`${p.path ? `${p.path}: ` : ''}${p.message}`);
  return { pack: result.pack, format, warnings };
}
