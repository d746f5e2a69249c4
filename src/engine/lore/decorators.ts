/**
 * V3 lorebook decorators (`@@activate_only_after 3`) at the head of an entry's text. The importer
 * keeps them in the text and also fills the entry's fields; here the text is cleaned for the prompt
 * and any decorator whose field was left empty still takes effect.
 */
import type { LoreEntry } from '../../world/types.js';

const DECORATOR = /^@@@?([a-z_]+)(?:\s+(.*))?$/;

/** The entry as activation sees it: decorators applied, decorator lines out of its text. */
export function applyDecorators(entry: LoreEntry): LoreEntry & { dontActivate?: boolean } {
  if (!entry.text.trimStart().startsWith('@@')) return entry;
  const lines = entry.text.trimStart().split('\n');
  const result: LoreEntry & { dontActivate?: boolean } = { ...entry };
  let body = 0;
  for (; body < lines.length; body++) {
    const match = DECORATOR.exec(lines[body].trim());
    if (!match) break;
    const [, name, value = ''] = match;
    const number = Number.parseInt(value, 10);
    const list = value
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    switch (name) {
      case 'activate_only_after':
        if (result.activateOnlyAfter === undefined && Number.isFinite(number)) result.activateOnlyAfter = number;
        break;
      case 'activate_only_every':
        if (result.activateOnlyEvery === undefined && Number.isFinite(number)) result.activateOnlyEvery = number;
        break;
      case 'scan_depth':
        if (result.scanDepth === undefined && Number.isFinite(number)) result.scanDepth = number;
        break;
      // `@@depth` is where the text goes, not how far keys are looked for (the V3 spec).
      case 'depth':
        if (result.depth === undefined && Number.isFinite(number) && number >= 0) {
          result.depth = number;
          result.position ??= 'depth';
        }
        break;
      case 'role':
        if (result.role === undefined && /^(system|user|assistant)$/.test(value.trim())) result.role = value.trim() as LoreEntry['role'];
        break;
      case 'exclude_keys':
        if (result.excludeKeys.length === 0) result.excludeKeys = list;
        break;
      case 'additional_keys':
        result.keys = [...new Set([...result.keys, ...list])];
        break;
      case 'dont_activate':
        result.dontActivate = true;
        break;
      default:
        // Other decorators (position names of other tools, ...) do not change activation.
        break;
    }
  }
  result.text = lines.slice(body).join('\n').trim();
  return result;
}
