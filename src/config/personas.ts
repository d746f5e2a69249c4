/**
 * The player's persona library: names (and who they are) to play imported cards and open worlds
 * under, as SillyTavern players keep theirs. Stored in config.json under `personas`, with the one
 * in use under `activePersona`; nothing here is secret.
 */
import { InputError, UsageError } from '../errors.js';
import { personaNameProblem } from '../engine/persona-name.js';
import { suggest as closest } from '../text/suggest.js';
import { openConfig } from './store.js';
import type { PersonaPosition } from '../world/types.js';

export interface StoredPersona {
  name: string;
  /** Who they are, in the pack's `player.persona` sense: the prompt describes the player with it. */
  description: string;
  /** Where the description goes in the prompt (a SillyTavern persona's position); the system prompt when absent. */
  position?: PersonaPosition;
  depth?: number;
  role?: 'system' | 'user' | 'assistant';
}

/** A persona's placement, as `addPersona` takes it. */
export type PersonaPlacement = Pick<StoredPersona, 'position' | 'depth' | 'role'>;

const DESCRIPTION_MAX = 2000;

type PersonaConfig = { personas?: Record<string, StoredPersona>; activePersona?: string };

function config(env: NodeJS.ProcessEnv) {
  // The personas live beside the settings in config.json; its declared type does not list them.
  return openConfig(env) as unknown as {
    get<K extends keyof PersonaConfig>(key: K): PersonaConfig[K];
    set(key: string, value: unknown): void;
    delete(key: string): void;
  };
}

/** Every saved persona, in the order they were added. */
export function listPersonas(env: NodeJS.ProcessEnv = process.env): StoredPersona[] {
  const stored = config(env).get('personas');
  return Object.values(stored && typeof stored === 'object' ? stored : {}).filter(
    (p): p is StoredPersona => typeof p?.name === 'string' && typeof p.description === 'string',
  );
}

/** The persona in use, if one is chosen and still saved. */
export function activePersona(env: NodeJS.ProcessEnv = process.env): StoredPersona | undefined {
  const name = config(env).get('activePersona');
  return typeof name === 'string' ? findPersona(name, env) : undefined;
}

/** A saved persona by name (case-insensitive). */
export function findPersona(name: string, env: NodeJS.ProcessEnv = process.env): StoredPersona | undefined {
  const key = name.trim().toLowerCase();
  return listPersonas(env).find((p) => p.name.toLowerCase() === key);
}

/** Adds or replaces a persona; the first one saved becomes the one in use. */
export function addPersona(
  name: string,
  description = '',
  env: NodeJS.ProcessEnv = process.env,
  placement: PersonaPlacement = {},
): StoredPersona {
  const trimmed = name.trim();
  const problem = personaNameProblem(trimmed);
  if (problem) throw new UsageError(`"${trimmed}" cannot be a persona name. ${problem}`);
  if (trimmed.toLowerCase() === 'you' || trimmed.toLowerCase() === 'none')
    throw new UsageError(`"${trimmed}" cannot be a persona name: characters would call the player "${trimmed}".`);
  const text = description.trim();
  if (text.length > DESCRIPTION_MAX)
    throw new UsageError(`A persona's description is at most ${DESCRIPTION_MAX} characters; this one has ${text.length}.`);
  const persona: StoredPersona = {
    name: trimmed,
    description: text,
    ...(placement.position && placement.position !== 'prompt' ? { position: placement.position } : {}),
    ...(placement.position === 'depth' && placement.depth !== undefined ? { depth: placement.depth } : {}),
    ...(placement.position === 'depth' && placement.role ? { role: placement.role } : {}),
  };
  const all = Object.fromEntries(
    listPersonas(env)
      .filter((p) => p.name.toLowerCase() !== trimmed.toLowerCase())
      .map((p) => [p.name, p]),
  );
  const store = config(env);
  store.set('personas', { ...all, [trimmed]: persona });
  if (!activePersona(env)) store.set('activePersona', trimmed);
  return persona;
}

/** Chooses the persona in use; `none` plays each world's own persona again. */
export function usePersona(name: string, env: NodeJS.ProcessEnv = process.env): StoredPersona | undefined {
  if (/^none$/i.test(name.trim())) {
    config(env).delete('activePersona');
    return undefined;
  }
  const persona = requirePersona(name, env);
  config(env).set('activePersona', persona.name);
  return persona;
}

/** Removes a persona; if it was in use, none is. */
export function removePersona(name: string, env: NodeJS.ProcessEnv = process.env): StoredPersona {
  const persona = requirePersona(name, env);
  const store = config(env);
  store.set(
    'personas',
    Object.fromEntries(
      listPersonas(env)
        .filter((p) => p.name !== persona.name)
        .map((p) => [p.name, p]),
    ),
  );
  if (store.get('activePersona') === persona.name) store.delete('activePersona');
  return persona;
}

function requirePersona(name: string, env: NodeJS.ProcessEnv): StoredPersona {
  const found = findPersona(name, env);
  if (found) return found;
  const names = listPersonas(env).map((p) => p.name);
  const add = `skald personas add "${name.trim()}" --description "who they are"`;
  if (names.length === 0) fail(`There is no persona "${name.trim()}" (none are saved yet): add one with \`${add}\`.`);
  const guess = closest(name.trim(), names);
  return fail(`There is no persona "${name.trim()}"${guess ? `; did you mean "${guess}"?` : '.'} Personas: ${names.join(', ')}.`);
}

function fail(message: string): never {
  throw new InputError(message);
}
