/**
 * Checks that span fields: unique ids, relations and scene casts that point at real characters,
 * regex keys that compile, lore that can fire. They run on the raw data, defensively, so that a
 * pack with schema errors still gets every other problem reported in the same run.
 */
import { parsePatternKey, parseScriptPattern } from '../text/pattern.js';
import type { Path } from './clean.js';

export interface CrossFinding {
  path: Path;
  atKey: boolean;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const ID_LISTS = ['laws', 'lore', 'characters', 'openings', 'threads'] as const;
const REGEX_KEY = /^\/([\s\S]+)\/([a-z]*)$/;

/** True when a lore key is written as `/pattern/flags`. */
export function isRegexKey(key: string): boolean {
  return REGEX_KEY.test(key);
}

/** Every cross-field problem in a raw pack object. */
export function crossCheck(raw: Obj): CrossFinding[] {
  const findings: CrossFinding[] = [];

  for (const name of ID_LISTS) {
    const firstAt = new Map<string, number>();
    list(raw[name]).forEach((item, i) => {
      if (!isObj(item) || typeof item.id !== 'string') return;
      const first = firstAt.get(item.id);
      if (first === undefined) firstAt.set(item.id, i);
      else
        findings.push({
          path: [name, i, 'id'],
          atKey: false,
          message: `duplicate id "${item.id}" (already used by ${name}[${first}]); ids must be unique within ${name}`,
        });
    });
  }

  for (const name of ['characters', 'openings'] as const) {
    if (list(raw[name]).length === 0) {
      const what = name === 'characters' ? 'character' : 'opening';
      findings.push({ path: [name], atKey: false, message: `a pack needs at least one ${what}` });
    }
  }

  const characterIds = new Set(list(raw.characters).flatMap((c) => (isObj(c) && typeof c.id === 'string' ? [c.id] : [])));
  const checkRelations = (relations: unknown, path: Path, allowPlayer: boolean) => {
    if (!isObj(relations)) return;
    for (const key of Object.keys(relations)) {
      if (characterIds.has(key) || (allowPlayer && key === 'player')) continue;
      const hint = allowPlayer ? ' (keys are character ids or `player`)' : ' (keys are character ids)';
      findings.push({ path: [...path, key], atKey: true, message: `no character with id "${key}"${hint}` });
    }
  };
  list(raw.characters).forEach((c, i) => {
    if (isObj(c)) checkRelations(c.relations, ['characters', i, 'relations'], true);
  });
  if (isObj(raw.player)) checkRelations(raw.player.relations, ['player', 'relations'], false);

  list(raw.openings).forEach((o, i) => {
    if (!isObj(o)) return;
    list(o.characters).forEach((id, j) => {
      if (typeof id === 'string' && !characterIds.has(id)) {
        findings.push({ path: ['openings', i, 'characters', j], atKey: false, message: `no character with id "${id}"` });
      }
    });
  });

  list(raw.lore).forEach((entry, i) => {
    if (!isObj(entry)) return;
    for (const field of ['keys', 'secondary', 'excludeKeys'] as const) {
      list(entry[field]).forEach((key, j) => {
        if (typeof key !== 'string') return;
        const parsed = parsePatternKey(key);
        if (parsed && !parsed.ok) {
          const message = parsed.validJs
            ? `this pattern cannot run in bounded time on every text, so it is refused: ${parsed.reason}`
            : `the regular expression does not compile: ${parsed.reason}`;
          findings.push({ path: ['lore', i, field, j], atKey: false, message });
        }
      });
    }
    const keys = list(entry.keys).filter((k) => typeof k === 'string' && k.trim() !== '');
    // A disabled entry never fires, so it may keep empty keys (imported lorebooks have such drafts).
    if (entry.constant !== true && entry.enabled !== false && keys.length === 0) {
      const path: Path = 'keys' in entry ? ['lore', i, 'keys'] : ['lore', i];
      findings.push({ path, atKey: false, message: 'a lore entry that is not constant needs at least one key (or set `constant: true`)' });
    }
  });

  list(raw.regexScripts).forEach((script, i) => {
    if (!isObj(script) || typeof script.findRegex !== 'string' || !script.findRegex) return;
    // With substituteRegex the pattern is only whole once {{char}} and {{user}} are put in, at play.
    if (script.substituteRegex && script.findRegex.includes('{{')) return;
    const parsed = parseScriptPattern(script.findRegex);
    if (!parsed.ok) {
      const message = parsed.validJs
        ? `this pattern cannot run on skald's bounded engines, so it is refused: ${parsed.reason}`
        : `the regular expression does not compile: ${parsed.reason}`;
      findings.push({ path: ['regexScripts', i, 'findRegex'], atKey: false, message });
    }
  });

  return findings;
}
