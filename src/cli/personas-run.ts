/** `skald personas ...`: what each subcommand prints. */
import {
  activePersona,
  addPersona,
  listPersonas,
  removePersona,
  usePersona,
  type PersonaPlacement,
  type StoredPersona,
} from '../config/personas.js';
import type { PersonaPosition } from '../world/types.js';
import { DEFAULT_PERSONA_DEPTH } from '../engine/prompt/persona-place.js';
import { importSillyTavernPersonas } from '../config/st-personas.js';
import { InputError, UsageError } from '../errors.js';
import { readImportJson } from './import-json.js';
import { neutralize } from '../text/sanitize.js';
import { safeJson } from './output.js';
import { describeScripts } from '../world/import/st-regex.js';

const out = (text: string) => process.stdout.write(`${neutralize(text)}\n`);
/** A SillyTavern settings.json with every extension's settings stays well under this. */
const MAX_BYTES = 20_000_000;

export interface AddOptions {
  description?: string;
  use?: boolean;
  position?: string;
  depth?: string;
  role?: string;
}

const POSITIONS: readonly PersonaPosition[] = ['prompt', 'authors_note_top', 'authors_note_bottom', 'depth', 'none'];
const ROLES = ['system', 'user', 'assistant'] as const;

/** `--position`, `--depth` and `--role` as a placement, each checked (depth and role only with `depth`, as SillyTavern's). */
function placementFrom(options: AddOptions): PersonaPlacement {
  const { position, depth, role } = options;
  if (position !== undefined && !POSITIONS.includes(position as PersonaPosition))
    throw new UsageError(`The option --position takes ${POSITIONS.join(', ')}, not "${position}".`);
  if ((depth !== undefined || role !== undefined) && position !== 'depth')
    throw new UsageError('The options --depth and --role go with --position depth (the description placed in the chat).');
  if (depth !== undefined && !/^\d{1,3}$/.test(depth))
    throw new UsageError(`The option --depth takes a whole number from 0, not "${depth}".`);
  if (role !== undefined && !(ROLES as readonly string[]).includes(role))
    throw new UsageError(`The option --role takes system, user or assistant, not "${role}".`);
  return {
    ...(position ? { position: position as PersonaPosition } : {}),
    ...(position === 'depth' ? { depth: depth === undefined ? DEFAULT_PERSONA_DEPTH : Number(depth) } : {}),
    ...(role ? { role: role as PersonaPlacement['role'] } : {}),
  };
}

/** Where a saved persona's description goes, when not the system prompt: `depth 1, user`. */
function placementLabel(p: StoredPersona): string {
  if (!p.position || p.position === 'prompt') return '';
  if (p.position !== 'depth') return ` [${p.position}]`;
  return ` [depth ${p.depth ?? DEFAULT_PERSONA_DEPTH}, ${p.role ?? 'system'}]`;
}

export async function add(name: string, options: AddOptions): Promise<void> {
  const persona = addPersona(name, options.description ?? '', process.env, placementFrom(options));
  if (options.use) usePersona(persona.name);
  const inUse = activePersona()?.name === persona.name;
  out(
    `Saved persona ${persona.name}${inUse ? '; imported cards and worlds that name no player are played as them' : `; \`skald personas use ${persona.name}\` plays as them`}.`,
  );
}

export async function list(options: { json?: boolean } = {}): Promise<void> {
  const all = listPersonas();
  const active = activePersona()?.name;
  if (options.json) {
    out(safeJson({ active: active ?? null, personas: all }, 2));
    return;
  }
  if (all.length === 0) {
    out(
      'No personas yet. Imported cards are played as "Traveller" until you add one: `skald personas add Mara --description "who Mara is"`.',
    );
    return;
  }
  for (const p of all)
    out(
      `${p.name === active ? '*' : ' '} ${p.name}${placementLabel(p)}${p.description ? ` — ${p.description.replace(/\s+/g, ' ').slice(0, 100)}` : ''}`,
    );
  if (!active) out('None is in use: `skald personas use NAME` chooses one.');
}

export async function use(name: string): Promise<void> {
  const persona = usePersona(name);
  out(
    persona
      ? `Imported cards and worlds that name no player are now played as ${persona.name}.`
      : 'No persona in use: worlds that name no player are played as "Traveller".',
  );
}

export async function remove(name: string): Promise<void> {
  const persona = removePersona(name);
  out(`Removed persona ${persona.name}.`);
}

/** `skald personas import FILE`: SillyTavern's persona backup or settings.json. */
export async function importFile(file: string): Promise<void> {
  const document = await readImportJson(file, {
    maxBytes: MAX_BYTES,
    atMost: 'a SillyTavern persona backup or settings.json can be (20 MB)',
    reads: "`skald personas import` reads SillyTavern's persona backup (personas_*.json) or settings.json.",
  });
  let result;
  try {
    result = importSillyTavernPersonas(document);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
  const { added, notes, inUse, regex } = result;
  out(
    added.length
      ? `Imported ${added.length} persona${added.length === 1 ? '' : 's'} from ${file}: ${added.map((p) => p.name).join(', ')}.`
      : `No persona imported from ${file}.`,
  );
  for (const note of notes) out(`  ${note}`);
  if (inUse) out(`In use now: ${inUse.name} (SillyTavern's default persona); \`skald personas use NAME\` chooses another.`);
  if (regex)
    out(
      regex.scripts.length
        ? `Global regex scripts: ${describeScripts(regex.scripts)}, run on every story before a preset's and a card's, as SillyTavern orders them.`
        : 'Global regex scripts: none in the file, so none are kept.',
    );
  for (const left of regex?.leftOut ?? []) out(`  Global regex script ${left}: not kept.`);
}
