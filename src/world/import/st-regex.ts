/**
 * SillyTavern regex scripts kept outside a card: the global ones (settings.json's
 * `extension_settings.regex`) and a chat-completion preset's (`extensions.regex_scripts`). They
 * are read into skald's RegexScript as a card's are; one skald cannot run is named, not kept.
 */
import { parseScriptPattern } from '../../text/pattern.js';
import { neutralize } from '../../text/sanitize.js';
import { regexScriptSchema } from '../schema.js';
import type { RegexScript } from '../types.js';

/** A script's name as a note quotes it, made safe for the terminal. */
const quotedName = (name: string): string => `"${neutralize(name).trim() || 'unnamed'}"`;

/** What a list of scripts gave: the ones kept, in order, and one line for each left out. */
export interface ReadScripts {
  scripts: RegexScript[];
  leftOut: string[];
}

/** The scripts of `raw` (SillyTavern's array), those skald can run kept in order. */
export function readRegexScripts(raw: unknown): ReadScripts {
  const scripts: RegexScript[] = [];
  const leftOut: string[] = [];
  for (const item of Array.isArray(raw) ? raw : []) {
    const parsed = regexScriptSchema.safeParse(item);
    const rawName = typeof (item as { scriptName?: unknown })?.scriptName === 'string' ? (item as { scriptName: string }).scriptName : '';
    const name = quotedName(rawName);
    if (!parsed.success) {
      leftOut.push(`${name} (not a regex script skald can read: ${parsed.error.issues[0]?.message ?? 'bad fields'})`);
      continue;
    }
    const script = parsed.data as RegexScript;
    // A pattern built from macros is only known when it runs; the others are checked now.
    const pattern = script.substituteRegex && script.findRegex.includes('{{') ? undefined : parseScriptPattern(script.findRegex);
    if (pattern && !pattern.ok) {
      leftOut.push(`${name} (its pattern cannot run: ${pattern.reason})`);
      continue;
    }
    scripts.push(script);
  }
  return { scripts, leftOut };
}

/** One line naming scripts taken, e.g. `3 regex scripts ("Trim", "OOC" and "Status"; 1 disabled)`. */
export function describeScripts(scripts: readonly RegexScript[]): string {
  const names = scripts.map((s) => quotedName(s.scriptName));
  const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
  const disabled = scripts.filter((s) => s.disabled).length;
  return `${scripts.length} regex script${scripts.length === 1 ? '' : 's'} (${listed}${disabled ? `; ${disabled} disabled, as in SillyTavern` : ''})`;
}
