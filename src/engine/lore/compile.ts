/**
 * Compiles a pack's lore once: every plain key of every entry goes into one automaton (keys with the
 * same lower-cased text share a pattern), regex keys are parsed, and constants are listed.
 */
import type { LoreEntry } from '../../world/types.js';
import { KeyAutomaton } from './automaton.js';
import { applyDecorators } from './decorators.js';
import { foldSpace, hasNoSpaceScript, lowerSameLength, parseRegexKey } from './text.js';
import type { CompiledEntry, CompiledKey, CompiledLore, KeyRole } from './types.js';

/** Han, kana and Hangul from end to end. */
const ALL_NO_SPACE = /^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+$/;

/** The recursion level an entry waits for: `delayUntilRecursion` true is 1; 0 when it does not wait. */
export function delayLevel(entry: LoreEntry): number {
  const delay = entry.delayUntilRecursion;
  return delay === true ? 1 : typeof delay === 'number' && delay > 0 ? delay : 0;
}

/**
 * Indexes `entries` for `activateLore`; do it once per pack, not per turn. `names` (the
 * characters' names) fire nothing, but a CJK key read across the edge of one does not fire either.
 */
export function compileLore(entries: LoreEntry[], names: readonly string[] = []): CompiledLore {
  const automaton = new KeyAutomaton();
  const keys: CompiledKey[] = [];
  const patternKeys: number[][] = [];
  const patternIds = new Map<string, number>();
  const regexKeys: number[] = [];
  const compiled: CompiledEntry[] = [];
  const byId = new Map<string, CompiledEntry>();
  const constants: number[] = [];
  const stickies: number[] = [];
  let maxEntryDepth = 0;
  let matchesSources = false;
  const delayLevels = new Set<number>();
  let keySpansParts = false;

  const addKey = (entryIndex: number, entry: LoreEntry, role: KeyRole, raw: string): number | undefined => {
    const source = raw.trim();
    if (source.length === 0) return undefined;
    const id = keys.length;
    const regex = parseRegexKey(source);
    if (regex) {
      keys.push({ kind: 'regex', entry: entryIndex, role, source, regex });
      regexKeys.push(id);
      return id;
    }
    const exact = foldSpace(source);
    const lower = lowerSameLength(exact);
    if (exact.includes('\u0000')) keySpansParts = true;
    keys.push({
      kind: 'plain',
      entry: entryIndex,
      role,
      source,
      exact,
      caseSensitive: entry.caseSensitive,
      wholeWords: entry.wholeWords && !hasNoSpaceScript(exact),
    });
    let pattern = patternIds.get(lower);
    if (pattern === undefined) {
      pattern = automaton.add(lower);
      patternIds.set(lower, pattern);
      patternKeys.push([]);
    }
    patternKeys[pattern].push(id);
    return id;
  };

  entries.forEach((authored, index) => {
    const entry = applyDecorators(authored);
    // A disabled entry never fires, so its keys need not cost anything at scan time; a
    // `@@dont_activate` entry fires only when constant.
    const collect = (role: KeyRole, list: readonly string[] | undefined): number[] =>
      (entry.enabled && !(role === 'primary' && entry.dontActivate) ? (list ?? []) : [])
        .map((k) => addKey(index, entry, role, k))
        .filter((k): k is number => k !== undefined);
    const item: CompiledEntry = {
      entry,
      index,
      primary: collect('primary', entry.keys),
      secondary: collect('secondary', entry.secondary),
      exclude: collect('exclude', entry.excludeKeys),
    };
    compiled.push(item);
    if (!byId.has(entry.id)) byId.set(entry.id, item);
    if (entry.enabled && entry.constant) constants.push(index);
    if (entry.enabled && (entry.sticky ?? 0) > 0) stickies.push(index);
    if (entry.scanDepth !== undefined && entry.scanDepth > maxEntryDepth) maxEntryDepth = entry.scanDepth;
    if (entry.enabled && entry.matchSources?.length) matchesSources = true;
    if (entry.enabled && entry.delayUntilRecursion) delayLevels.add(delayLevel(entry));
  });
  // Names are patterns with no keys: found only to be edges a key may not cross.
  for (const name of names) {
    const lower = lowerSameLength(foldSpace(name.trim()));
    if (!ALL_NO_SPACE.test(lower) || patternIds.has(lower)) continue;
    patternIds.set(lower, automaton.add(lower));
    patternKeys.push([]);
  }
  const crossable = new Set<number>();
  // Only a word of a script without spaces has edges read this way: "城 城門" is a phrase of words.
  for (const [lower, pattern] of patternIds) if (lower.length >= 2 && ALL_NO_SPACE.test(lower)) crossable.add(pattern);
  automaton.build();
  return {
    entries: compiled,
    byId,
    keys,
    patternKeys,
    regexKeys,
    automaton,
    constants,
    maxEntryDepth,
    matchesSources,
    delayLevels: [...delayLevels].sort((a, b) => a - b),
    textCache: new Map(),
    entryScans: new Map(),
    keySpansParts,
    stickies,
    crossable,
  };
}
