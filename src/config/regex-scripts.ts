/**
 * The player's global regex scripts: SillyTavern's `extension_settings.regex`, which run on every
 * story before a preset's and a card's (SillyTavern's SCRIPT_TYPES order). Stored in config.json
 * under `regexScripts`; `skald personas import settings.json` replaces them with the file's.
 */
import { regexScriptSchema } from '../world/schema.js';
import type { RegexScript } from '../world/types.js';
import { openConfig } from './store.js';

function config(env: NodeJS.ProcessEnv) {
  // They live beside the settings in config.json; its declared type does not list them.
  return openConfig(env) as unknown as { set(key: string, value: unknown): void; delete(key: string): void };
}

/**
 * The global scripts config.json stores (readSettings reads them with the settings, as `regexScripts`), in order; a
 * hand-edited entry that no longer reads as a script is skipped.
 */
export function globalRegexScripts(stored: unknown): RegexScript[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item) => {
    const parsed = regexScriptSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Replaces the global scripts (none: removes them), as SillyTavern keeps one list. */
export function setGlobalRegexScripts(scripts: readonly RegexScript[], env: NodeJS.ProcessEnv = process.env): void {
  if (scripts.length === 0) config(env).delete('regexScripts');
  else config(env).set('regexScripts', scripts);
}
