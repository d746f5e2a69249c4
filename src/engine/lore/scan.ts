/**
 * Finding keys in texts: the automaton for plain keys, RE2 for regex keys, and what they found
 * kept with each text in the compiled lore's text cache, since the same messages are scanned
 * turn after turn.
 */
import type { LoreEntry } from '../../world/types.js';
import type { StoryMessage } from '../types.js';
import { foldSpace, hasNoSpaceScript, lowerSameLength, onWordBoundaries } from './text.js';
import type { CompiledEntry, CompiledLore, ScannedText } from './types.js';

/** Where a key matched: `depth` 0 is the newest message; -1 is another entry's text (recursion). */
export interface Hit {
  depth: number;
  turn: number;
  text: string;
  start: number;
  end: number;
  /** For recursion: the entry whose text matched. */
  via?: string;
}

export type Hits = Map<number, Hit>;

/** Texts whose folded forms are kept; a few turns' worth of messages and candidates. */
const TEXT_CACHE_SIZE = 64;

function prepared(compiled: CompiledLore, raw: string): ScannedText {
  const cache = compiled.textCache;
  let entry = cache.get(raw);
  if (!entry) {
    const folded = foldSpace(raw);
    entry = { folded, lower: lowerSameLength(folded) };
    if (cache.size >= TEXT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(raw, entry);
  }
  return entry;
}

/** Records the first verified occurrence of each plain key in `text` (earlier scans win). */
export function scanText(compiled: CompiledLore, raw: string, hits: Hits, where: { depth: number; turn: number; via?: string }): void {
  const scanned = prepared(compiled, raw);
  // The automaton runs once per text while the text stays in the cache; a later turn only looks
  // up which of its first occurrences are still news.
  scanned.plain ??= plainOccurrences(compiled, scanned);
  addOccurrences(scanned.plain, hits, (start, end) => ({
    depth: where.depth,
    turn: where.turn,
    via: where.via,
    text: scanned.folded,
    start,
    end,
  }));
}

/** Records each key of `occurrences` not yet in `hits`, at the location `at` makes for its occurrence. */
export function addOccurrences(occurrences: NonNullable<ScannedText['plain']>, hits: Hits, at: (start: number, end: number) => Hit): void {
  for (const { start, end, keys } of occurrences) {
    // One location per occurrence, shared by every key with this text (common words have many).
    let location: Hit | undefined;
    for (const id of keys) {
      if (hits.has(id)) continue;
      location ??= at(start, end);
      hits.set(id, location);
    }
  }
}

/**
 * The plain keys of automaton `pattern` that really occur at `start`-`end` of `text` (case and
 * word edges checked) and are not in `found`; each is added to `found`. Undefined when none.
 */
function verifiedKeys(
  compiled: CompiledLore,
  pattern: number,
  text: string,
  start: number,
  end: number,
  found: Set<number>,
): number[] | undefined {
  let keys: number[] | undefined;
  let boundaries: boolean | undefined;
  for (const id of compiled.patternKeys[pattern]) {
    if (found.has(id)) continue;
    const key = compiled.keys[id];
    if (key.kind !== 'plain') continue;
    if (key.caseSensitive && text.slice(start, end) !== key.exact) continue;
    if (key.wholeWords && !(boundaries ??= onWordBoundaries(text, start, end))) continue;
    found.add(id);
    (keys ??= []).push(id);
  }
  return keys;
}

/** Each plain key's first verified occurrence in a text, grouped by occurrence in scan order. */
function plainOccurrences(compiled: CompiledLore, { folded: text, lower }: ScannedText): NonNullable<ScannedText['plain']> {
  const found = new Set<number>();
  const out: NonNullable<ScannedText['plain']> = [];
  eachOccurrence(compiled, lower, (pattern, start, end) => {
    const keys = verifiedKeys(compiled, pattern, text, start, end, found);
    if (keys) out.push({ start, end, keys });
  });
  return out;
}

interface Occurrence {
  pattern: number;
  start: number;
  end: number;
}

/**
 * Visits the automaton's occurrences in `lower` in scan order, without those that cross a word
 * edge; streamed as the automaton finds them when the text has no CJK pattern to cross.
 */
function eachOccurrence(compiled: CompiledLore, lower: string, visit: (pattern: number, start: number, end: number) => void): void {
  if (compiled.crossable.size === 0 || !hasNoSpaceScript(lower)) {
    compiled.automaton.scan(lower, visit);
    return;
  }
  const all: Occurrence[] = [];
  compiled.automaton.scan(lower, (pattern, start, end) => void all.push({ pattern, start, end }));
  for (const o of withoutCrossings(compiled, all)) visit(o.pattern, o.start, o.end);
}

/**
 * Drops each occurrence of a CJK pattern that starts inside an earlier CJK pattern's occurrence
 * and ends past it: text without spaces is read from the left, so in "钱掌柜的" the name "钱掌柜"
 * is read and "掌柜的" is not. A key inside a longer one ("客栈" in "青山客栈") still counts.
 */
function withoutCrossings(compiled: CompiledLore, all: Occurrence[]): Occurrence[] {
  const spans = all.filter((o) => compiled.crossable.has(o.pattern));
  if (spans.length < 2) return all;
  const crossed = new Set(spans.filter((o) => spans.some((p) => p.start < o.start && o.start < p.end && p.end < o.end)));
  return crossed.size > 0 ? all.filter((o) => !crossed.has(o)) : all;
}

/** Between parts scanned in one pass: folded, as `prepared` folds the recursion pass's separator. */
const PART_SEPARATOR = ' \u0000 ';

/**
 * What `plainOccurrences` finds in each of `parts` alone, from one automaton pass over the parts
 * joined. Only for parts that keep their length when lower-cased, and keys without a U+0000, so
 * no occurrence can span two parts and each part's neighbours are spaces, as its ends are blanks.
 */
export function partOccurrences(compiled: CompiledLore, parts: readonly string[]): Array<NonNullable<ScannedText['plain']>> {
  const starts: number[] = [];
  let position = 0;
  for (const part of parts) {
    starts.push(position);
    position += part.length + PART_SEPARATOR.length;
  }
  const out: Array<NonNullable<ScannedText['plain']>> = parts.map(() => []);
  let at = 0;
  let found = new Set<number>();
  // Occurrences come in order of their ends, so part by part.
  eachOccurrence(compiled, parts.join(PART_SEPARATOR).toLowerCase(), (pattern, rawStart, rawEnd) => {
    while (at + 1 < parts.length && rawStart >= starts[at + 1]) {
      at++;
      found = new Set();
    }
    const text = parts[at];
    const start = rawStart - starts[at];
    const end = rawEnd - starts[at];
    const keys = verifiedKeys(compiled, pattern, text, start, end, found);
    if (keys) out[at].push({ start, end, keys });
  });
  return out;
}

/**
 * Tests each regex key against the messages its entry scans, newest first; with `only`, just the
 * keys in it (the others are known not to match).
 */
export function scanRegexKeys(
  compiled: CompiledLore,
  recent: StoryMessage[],
  hits: Hits,
  depthOf: (item: CompiledEntry) => number,
  timely: (entry: LoreEntry) => boolean,
  via?: string,
  only?: ReadonlySet<number>,
): void {
  for (const id of compiled.regexKeys) {
    if (hits.has(id) || (only && !only.has(id))) continue;
    const key = compiled.keys[id];
    if (key.kind !== 'regex') continue;
    const item = compiled.entries[key.entry];
    if (!timely(item.entry)) continue;
    const limit = Math.min(recent.length, depthOf(item));
    for (let depth = 0; depth < limit; depth++) {
      const message = recent[depth];
      const found = regexFind(compiled, id, message.text);
      if (found) {
        hits.set(id, {
          depth: via !== undefined ? -1 : depth,
          turn: message.turn,
          text: message.text,
          start: found.start,
          end: found.end,
          via,
        });
        break;
      }
    }
  }
}

/** A regex key's first match in a text, remembered with the text. */
function regexFind(compiled: CompiledLore, id: number, raw: string): { start: number; end: number } | null {
  const scanned = prepared(compiled, raw);
  const tried = (scanned.regex ??= new Map<number, { start: number; end: number } | null>());
  let found = tried.get(id);
  if (found === undefined) {
    const key = compiled.keys[id];
    const match = key.kind === 'regex' ? key.regex.find(raw) : undefined;
    found = match ? { start: match.start, end: match.end } : null;
    tried.set(id, found);
  }
  return found;
}
