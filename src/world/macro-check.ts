/**
 * Names the card macros in a pack that nothing expands: they would reach the model as written
 * (`{{persona}}`, a typo like `{{chr}}`). A warning, not an error: the pack still plays.
 */
import { unknownMacros } from '../text/macro-syntax.js';
import type { Path } from './clean.js';

export interface MacroFinding {
  path: Path;
  message: string;
}

/** Every string in the raw pack with a macro skald leaves as written; `extensions` is the importer's archive, not played text. */
export function unknownMacroFindings(raw: unknown, path: Path = []): MacroFinding[] {
  if (typeof raw === 'string') {
    // `{{original}}` means something only where a prompt replaces another (see prompt/original.ts).
    const keeps = path.length === 2 && path[0] === 'style' && (path[1] === 'systemPrompt' || path[1] === 'postHistoryInstructions');
    const unknown = unknownMacros(keeps ? raw.replace(/\{\{original\}\}/gi, '') : raw);
    if (unknown.length === 0) return [];
    const list = unknown.slice(0, 3).join(', ') + (unknown.length > 3 ? ` and ${unknown.length - 3} more` : '');
    return [
      {
        path,
        message: `unknown macro${unknown.length === 1 ? '' : 's'} ${list}: left as written in the prompt (skald expands {{user}}, {{char}}, {{random}}, {{pick}}, {{roll}}, {{time}}, {{date}} and the other SillyTavern macros in docs/world-packs.md)`,
      },
    ];
  }
  if (Array.isArray(raw)) return raw.flatMap((v, i) => unknownMacroFindings(v, [...path, i]));
  if (typeof raw === 'object' && raw !== null) {
    return Object.entries(raw).flatMap(([k, v]) => (path.length === 0 && k === 'extensions' ? [] : unknownMacroFindings(v, [...path, k])));
  }
  return [];
}
