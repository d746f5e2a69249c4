/**
 * Lore entries from the community formats: the `character_book` of V2/V3 cards (and the V3
 * `lorebook_v3` that wraps one) and SillyTavern's World Info export. Both end in `finishLore`,
 * which gives every entry a unique id and makes sure the result is a valid pack lore list.
 */
import { parsePatternKey } from '../../text/pattern.js';
import type { Extensions, LoreEntry, SelectiveLogic } from '../types.js';
import { readDecorators } from './decorators.js';
import { stFields, type StFields } from './st-fields.js';
import { asObject, num, slugify, str, strList, uniqueId } from './text.js';

type Obj = Record<string, unknown>;

/** An entry before it has an id: `names` are what its id may be made from, best first. */
export interface LoreDraft {
  names: string[];
  entry: Omit<LoreEntry, 'id'>;
}

/** SillyTavern's `selectiveLogic` numbers, in its order. */
const SELECTIVE_LOGIC: readonly SelectiveLogic[] = ['and_any', 'not_all', 'not_any', 'and_all'];

/** Maps SillyTavern's 0..3 (or one of our names) to a logic; default `and_any`. */
export function selectiveLogic(value: unknown): SelectiveLogic {
  if (typeof value === 'string' && (SELECTIVE_LOGIC as readonly string[]).includes(value)) return value as SelectiveLogic;
  const n = num(value);
  return n !== undefined && Number.isInteger(n) && n >= 0 && n < SELECTIVE_LOGIC.length ? SELECTIVE_LOGIC[n] : 'and_any';
}

const bool = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

/** Fields both formats share once their names are mapped. */
interface Common {
  keys: string[];
  secondary: string[];
  selective: boolean;
  logic: SelectiveLogic;
  text: string;
  constant: boolean;
  priority: number;
  enabled: boolean;
  caseSensitive: boolean;
  wholeWords: boolean;
  useRegex: boolean;
  group?: string;
  /** SillyTavern's settings mapped onto skald's fields (see st-fields.ts). */
  st: StFields;
  extensions?: Extensions;
}

function draft(names: string[], c: Common): LoreDraft {
  const decorators = readDecorators(c.text);
  const asRegex = (key: string) => (c.useRegex && !/^\/.+\/[a-z]*$/s.test(key) ? `/${key}/${c.caseSensitive ? '' : 'i'}` : key);
  const keys = [...c.keys, ...(decorators.additionalKeys ?? [])].map(asRegex);
  const entry: Omit<LoreEntry, 'id'> = {
    keys: [...new Set(keys)],
    // Secondary keys only count on a selective entry; elsewhere they would wrongly narrow it.
    secondary: c.selective ? c.secondary.map(asRegex) : [],
    selectiveLogic: c.selective ? c.logic : 'and_any',
    text: c.text,
    constant: c.constant,
    priority: c.priority,
    enabled: c.enabled,
    caseSensitive: c.caseSensitive,
    wholeWords: c.wholeWords,
    excludeKeys: decorators.excludeKeys ?? [],
  };
  if (decorators.activateOnlyAfter !== undefined) entry.activateOnlyAfter = decorators.activateOnlyAfter;
  if (decorators.activateOnlyEvery !== undefined) entry.activateOnlyEvery = decorators.activateOnlyEvery;
  Object.assign(entry, c.st);
  // Decorators win over the settings: they are the V3 spec's own words for the entry.
  if (decorators.scanDepth !== undefined) entry.scanDepth = decorators.scanDepth;
  if (decorators.depth !== undefined) {
    entry.depth = decorators.depth;
    entry.position = 'depth';
  }
  if (decorators.role !== undefined) entry.role = decorators.role;
  if (c.group) entry.group = c.group;
  if (c.extensions !== undefined) entry.extensions = c.extensions;
  return { names, entry };
}

/**
 * One entry of a V2/V3 `character_book`. SillyTavern keeps its own settings (selectiveLogic,
 * whole words, group, scan depth) in the entry's `extensions`; they are read from there, and
 * the `extensions` object itself is carried over untouched.
 */
export function bookEntryDraft(raw: Obj, index: number, warnings: string[] = []): LoreDraft {
  const ext = asObject(raw.extensions);
  const where = `lore "${str(raw.name) || str(raw.comment) || strList(raw.keys)[0] || `entry ${index + 1}`}"`;
  // The spec's own `position` (before_char / after_char) unless SillyTavern's number says more.
  const st = stFields(
    ext?.position === undefined && raw.position !== undefined ? { ...ext, position: raw.position } : ext,
    where,
    warnings,
  );
  // Agnai's memory books name the keys `keywords` and the text `entry`.
  const keys = strList(raw.keys).length > 0 ? strList(raw.keys) : strList(raw.keywords);
  return draft([str(raw.name), str(raw.comment), keys[0] ?? '', `entry-${index + 1}`], {
    keys,
    secondary: strList(raw.secondary_keys),
    selective: bool(raw.selective) ?? false,
    logic: selectiveLogic(ext?.selectiveLogic),
    text: str(raw.content) || str(raw.entry),
    constant: bool(raw.constant) ?? false,
    priority: num(raw.insertion_order) ?? num(raw.priority) ?? 0,
    enabled: bool(raw.enabled) ?? true,
    caseSensitive: bool(raw.case_sensitive) ?? bool(ext?.case_sensitive) ?? false,
    wholeWords: bool(ext?.match_whole_words) ?? true,
    // SillyTavern's card export writes `use_regex: true` on every entry ("ST keys are always
    // regex"): its keys are plain words unless written /like this/, as in its World Info. Its
    // entries are known by the display_index it always writes; elsewhere use_regex means raw patterns.
    useRegex: (bool(raw.use_regex) ?? false) && !(ext && 'display_index' in ext),
    group: str(ext?.group) || undefined,
    st,
    extensions: withEntryFields(ext, raw),
  });
}

/** A book entry's fields that a lore field holds; the others (its name, comment, id, another tool's own ...) are kept for an export back. */
const BOOK_ENTRY_READ = new Set([
  'keys',
  'keywords',
  'secondary_keys',
  'selective',
  'content',
  'entry',
  'constant',
  'insertion_order',
  'enabled',
  'case_sensitive',
  'use_regex',
  'extensions',
]);

function withEntryFields(ext: Obj | undefined, raw: Obj): Extensions | undefined {
  const kept: Obj = Object.fromEntries(Object.entries(raw).filter(([k, v]) => !BOOK_ENTRY_READ.has(k) && v !== undefined && v !== null));
  // Secondary keys of an entry that is not selective do nothing, so no lore field holds them.
  if (raw.selective !== true && strList(raw.secondary_keys).length > 0)
    Object.assign(kept, { selective: raw.selective, secondary_keys: raw.secondary_keys });
  const out = { ...(ext ?? {}), ...(Object.keys(kept).length > 0 ? { card_entry: kept } : {}) };
  return Object.keys(out).length > 0 ? out : undefined;
}

/** World Info fields skald reads itself; every other field of an entry is kept under its `extensions.st`. */
const WORLD_INFO_READ = new Set([
  'key',
  'keysecondary',
  'selective',
  'selectiveLogic',
  'content',
  'constant',
  'order',
  'disable',
  'caseSensitive',
  'matchWholeWords',
  'group',
  'comment',
  'extensions',
  'uid',
]);

/** One entry of a SillyTavern World Info export (`entries` keyed by uid). */
export function worldInfoEntryDraft(raw: Obj, uid: string, warnings: string[] = []): LoreDraft {
  const where = `lore "${str(raw.comment) || strList(raw.key)[0] || `entry ${uid}`}"`;
  const st = stFields(raw, where, warnings);
  // Settings with no field of their own stay with the entry, so an export back loses nothing.
  const kept = Object.fromEntries(Object.entries(raw).filter(([k, v]) => !WORLD_INFO_READ.has(k) && v !== null && v !== undefined));
  const ownExt = asObject(raw.extensions);
  const ext = Object.keys(kept).length > 0 ? { ...(ownExt ?? {}), st: kept } : ownExt;
  return draft([str(raw.comment), strList(raw.key)[0] ?? '', `entry-${uid}`], {
    keys: strList(raw.key),
    secondary: strList(raw.keysecondary),
    // Older exports leave `selective` out and still mean the secondary keys to count.
    selective: bool(raw.selective) ?? true,
    logic: selectiveLogic(raw.selectiveLogic),
    text: str(raw.content),
    constant: bool(raw.constant) ?? false,
    priority: num(raw.order) ?? 0,
    enabled: !(bool(raw.disable) ?? false),
    caseSensitive: bool(raw.caseSensitive) ?? false,
    wholeWords: bool(raw.matchWholeWords) ?? true,
    useRegex: false,
    group: str(raw.group) || undefined,
    st,
    extensions: ext && Object.keys(ext).length > 0 ? ext : undefined,
  });
}

/** Why a key that cannot run cannot, in the pattern engine's words. */
function reasonFor(key: string): string {
  const parsed = parsePatternKey(key);
  return parsed && !parsed.ok ? parsed.reason : '';
}

/** Undefined for a plain key or a pattern skald's engines run; else why it cannot be kept. */
function keyProblem(key: string): 'broken' | 'unbounded' | undefined {
  const parsed = parsePatternKey(key);
  if (!parsed || parsed.ok) return undefined;
  return parsed.validJs ? 'unbounded' : 'broken';
}

/**
 * Ids for the drafts (slugs of their names, unique against `taken`, which is updated), with keys
 * that would not validate removed and said: a regex that does not compile is dropped, and an
 * entry left without keys, and not constant, is disabled as it could never fire anyway.
 */
export function finishLore(drafts: readonly LoreDraft[], taken: Set<string>, warnings: string[]): LoreEntry[] {
  return drafts.map(({ names, entry }) => {
    const base = names.map(slugify).find(Boolean) ?? 'entry';
    const id = uniqueId(base, taken);
    const fixed = { ...entry };
    for (const field of ['keys', 'secondary', 'excludeKeys'] as const) {
      const broken = fixed[field].filter((k) => keyProblem(k) === 'broken');
      const unbounded = fixed[field].filter((k) => keyProblem(k) === 'unbounded');
      const quote = (keys: string[]) => keys.map((k) => JSON.stringify(k)).join(', ');
      if (broken.length) warnings.push(`lore "${id}": dropped ${quote(broken)}, not a regular expression that compiles`);
      if (unbounded.length)
        warnings.push(
          `lore "${id}": dropped ${quote(unbounded)}, a pattern that cannot run in bounded time (${unbounded.map(reasonFor).join('; ')})`,
        );
      if (broken.length || unbounded.length) fixed[field] = fixed[field].filter((k) => keyProblem(k) === undefined);
    }
    if (!fixed.constant && fixed.enabled && fixed.keys.length === 0) {
      warnings.push(`lore "${id}": no keys and not constant, so it could never fire; imported disabled`);
      fixed.enabled = false;
    }
    return { id, ...fixed };
  });
}

/** The drafts of a `character_book` object (V2, or the `data` of a V3 `lorebook_v3`). */
export function bookDrafts(book: Obj, warnings: string[] = []): LoreDraft[] {
  const entries = Array.isArray(book.entries) ? book.entries : [];
  return entries.flatMap((e, i) => {
    const obj = asObject(e);
    return obj ? [bookEntryDraft(obj, i, warnings)] : [];
  });
}

/** A book's own settings and extensions, for the pack's `extensions` (nothing is dropped). */
export function bookMeta(book: Obj): Extensions | undefined {
  const meta: Extensions = {};
  for (const [key, value] of Object.entries(book)) if (key !== 'entries' && value !== undefined && value !== null) meta[key] = value;
  return Object.keys(meta).length ? meta : undefined;
}
