/**
 * SillyTavern's personas brought into skald's persona library: the file Persona Management's
 * Backup button writes (`personas_YYYYMMDD.json`: `personas`, `persona_descriptions`,
 * `default_persona`, as public/scripts/personas.js writes it) or SillyTavern's settings.json (the
 * same three under `power_user`). Personas are keyed by avatar file there and by name here; what
 * skald has no place for (a linked lorebook, the characters a persona is tied to) is named. A
 * settings.json also brings SillyTavern's global regex scripts (`extension_settings.regex`).
 */
import { InputError, UsageError } from '../errors.js';
import { addPersona, findPersona, usePersona, type PersonaPlacement, type StoredPersona } from './personas.js';
import type { PersonaPosition } from '../world/types.js';
import { DEFAULT_PERSONA_DEPTH } from '../engine/prompt/persona-place.js';
import { readRegexScripts, type ReadScripts } from '../world/import/st-regex.js';
import { setGlobalRegexScripts } from './regex-scripts.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * SillyTavern's persona_description_positions (public/scripts/personas.js) as skald's: IN_PROMPT
 * (0) and the deprecated AFTER_CHAR (1), which it reads as 0, are the system prompt.
 */
const POSITIONS: Record<number, PersonaPosition> = { 2: 'authors_note_top', 3: 'authors_note_bottom', 4: 'depth', 9: 'none' };
/** Its extension_prompt_roles: 0 system, 1 user, 2 assistant. */
const ROLES = ['system', 'user', 'assistant'] as const;

export interface PersonaDraft {
  /** The avatar file SillyTavern keys the persona by. */
  avatar: string;
  name: string;
  description: string;
  /** Where its description goes in the prompt, when not the system prompt. */
  placement: PersonaPlacement;
  /** What of its settings skald does not keep, each a short clause. */
  unkept: string[];
}

/** The personas a SillyTavern file holds, in its order, and its default persona's name. */
export function readSillyTavernPersonas(document: unknown): { drafts: PersonaDraft[]; defaultName?: string } {
  const root = isObj(document) && isObj(document.power_user) ? document.power_user : document;
  if (!isObj(root) || !isObj(root.personas))
    throw new InputError(
      "There are no SillyTavern personas in it (a `personas` map of avatar to name): export them with Persona Management's Backup button, or import SillyTavern's settings.json.",
    );
  const descriptions = isObj(root.persona_descriptions) ? root.persona_descriptions : {};
  // A description that names no position, depth or role takes settings.json's own (the persona in
  // use's, which SillyTavern reads as the default: personas.js, `descriptor.position ??
  // power_user.persona_description_position`), else SillyTavern's defaults.
  const fallback = {
    position: root.persona_description_position,
    depth: root.persona_description_depth,
    role: root.persona_description_role,
  };
  const drafts: PersonaDraft[] = [];
  for (const [avatar, rawName] of Object.entries(root.personas)) {
    const name = typeof rawName === 'string' ? rawName.trim() : '';
    const raw = descriptions[avatar];
    // Old settings kept the description as a bare string.
    const about = isObj(raw) ? raw : { description: raw };
    const unkept: string[] = [];
    const positionAt = typeof about.position === 'number' ? about.position : fallback.position;
    const depthAt = Number.isInteger(about.depth) ? about.depth : fallback.depth;
    const roleAt = typeof about.role === 'number' ? about.role : fallback.role;
    const position = typeof positionAt === 'number' ? POSITIONS[positionAt] : undefined;
    const placement: PersonaPlacement = {
      ...(position ? { position } : {}),
      ...(position === 'depth' ? { depth: Number.isInteger(depthAt) ? Math.max(0, depthAt as number) : DEFAULT_PERSONA_DEPTH } : {}),
      ...(position === 'depth' && typeof roleAt === 'number' && ROLES[roleAt] ? { role: ROLES[roleAt] } : {}),
    };
    if (typeof about.lorebook === 'string' && about.lorebook.trim()) unkept.push(`its linked lorebook "${about.lorebook.trim()}"`);
    if (Array.isArray(about.connections) && about.connections.length > 0)
      unkept.push(
        `its tie to ${about.connections.length} character${about.connections.length === 1 ? '' : 's'} or group${about.connections.length === 1 ? '' : 's'}`,
      );
    drafts.push({ avatar, name, description: typeof about.description === 'string' ? about.description : '', placement, unkept });
  }
  const avatar = typeof root.default_persona === 'string' ? root.default_persona : undefined;
  const defaultName = drafts.find((d) => d.avatar === avatar)?.name;
  return { drafts, ...(defaultName ? { defaultName } : {}) };
}

export interface PersonasImported {
  added: StoredPersona[];
  /** One line for each persona not added or not kept whole, saying why. */
  notes: string[];
  /** The persona in use afterwards, when the file's default persona was made it. */
  inUse?: StoredPersona;
  /** A settings.json's global regex scripts, which replaced the stored ones, and those left out. */
  regex?: ReadScripts;
}

/** settings.json's global regex scripts (`extension_settings.regex`), undefined for a file without that list. */
function globalScriptsIn(document: unknown): ReadScripts | undefined {
  const ext = isObj(document) && isObj(document.extension_settings) ? document.extension_settings : undefined;
  return ext && Array.isArray(ext.regex) ? readRegexScripts(ext.regex) : undefined;
}

/**
 * Saves a SillyTavern file's personas. A persona whose name is already saved keeps the saved one
 * (as SillyTavern's restore skips those it has); one skald cannot take (a name or description it
 * refuses) is named and skipped, and the others are still saved. The file's default persona
 * becomes the one in use, as SillyTavern's restore makes it the default.
 */
export function importSillyTavernPersonas(document: unknown, env: NodeJS.ProcessEnv = process.env): PersonasImported {
  const regex = globalScriptsIn(document);
  let read: ReturnType<typeof readSillyTavernPersonas>;
  try {
    read = readSillyTavernPersonas(document);
  } catch (error) {
    // A settings.json without personas still brings its scripts.
    if (!regex || !(error instanceof InputError)) throw error;
    read = { drafts: [] };
  }
  // SillyTavern keeps one global list: the file's replaces the stored one (as SillyTavern's settings do).
  if (regex) setGlobalRegexScripts(regex.scripts, env);
  const { drafts, defaultName } = read;
  const added: StoredPersona[] = [];
  const notes: string[] = [];
  for (const draft of drafts) {
    const label = draft.name ? `"${draft.name}"` : `the persona of ${draft.avatar}`;
    if (!draft.name) {
      notes.push(`${label}: it has no name; not added.`);
      continue;
    }
    const existing = findPersona(draft.name, env);
    if (existing) {
      const same = existing.description === draft.description.trim();
      notes.push(
        `${label}: ${same ? 'already saved, with the same description' : 'a persona of that name is already saved, and is kept'}; not added.`,
      );
      continue;
    }
    try {
      added.push(addPersona(draft.name, draft.description, env, draft.placement));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      notes.push(`${label}: ${error.message} Not added.`);
      continue;
    }
    if (draft.unkept.length)
      notes.push(`${label}: ${draft.unkept.join('; ')} in SillyTavern; skald does not keep ${draft.unkept.length === 1 ? 'it' : 'them'}.`);
  }
  const inUse = defaultName && findPersona(defaultName, env) ? usePersona(defaultName, env) : undefined;
  return { added, notes, ...(inUse ? { inUse } : {}), ...(regex ? { regex } : {}) };
}
