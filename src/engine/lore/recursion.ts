/**
 * The recursion pass's scan: the text of every active entry, as if joined into one text with a
 * separator no key contains. An entry's texts do not change, so what the keys find in each is
 * kept with the compiled lore: a turn scans only the entries newly active, and runs a regex key
 * over the joined texts only when one of them holds the literals it needs.
 */
import type { LoreEntry } from '../../world/types.js';
import { boundedMemo } from '../../text/memo.js';
import { foldSpace } from './text.js';
import { addOccurrences, partOccurrences, scanRegexKeys, scanText, type Hit, type Hits } from './scan.js';
import type { CompiledLore, EntryScan } from './types.js';

/** Between entries' texts: no key contains it, and line anchors in regex keys still work. */
const SEPARATOR = '\n\u0000\n';

/**
 * The hits of the keys in the texts of `active`, in their order: each key's first occurrence,
 * with the entry it fell in (`via`) and its place in that entry's folded text.
 */
export function scanActiveTexts(compiled: CompiledLore, active: LoreEntry[], turn: number, timely: (entry: LoreEntry) => boolean): Hits {
  const hits: Hits = new Map();
  if (active.length === 0) return hits;
  // Trimmed, so folding the joined text again cannot merge a separator with a trailing space.
  const sources = active.map((e) => foldedEntryText(e.text));
  const scans = entryScans(compiled, sources);
  if (!scans) return scanJoined(compiled, active, sources, turn, timely);
  scans.forEach((scan, i) =>
    addOccurrences(scan.plain, hits, (start, end) => ({ depth: -1, turn, via: active[i].id, text: sources[i], start, end })),
  );
  const candidates = new Set<number>();
  for (const scan of scans) for (const id of scan.regex) candidates.add(id);
  if (candidates.size > 0) scanJoinedRegex(compiled, active, sources, turn, timely, hits, candidates);
  return hits;
}

/**
 * What the keys find in each source, scanning in one pass the sources not seen before; undefined
 * when a source would not read the same alone as joined (see `partOccurrences`).
 */
function entryScans(compiled: CompiledLore, sources: string[]): EntryScan[] | undefined {
  if (compiled.keySpansParts) return undefined;
  const known = compiled.entryScans;
  const fresh: string[] = [];
  for (const source of sources) {
    if (known.has(source) || fresh.includes(source)) continue;
    // An empty text merges its two separators when the joined text is folded.
    if (source.length === 0 || source.toLowerCase().length !== source.length) return undefined;
    fresh.push(source);
  }
  if (fresh.length > 0) {
    const plain = partOccurrences(compiled, fresh);
    fresh.forEach((source, i) => {
      const regex = compiled.regexKeys.filter((id) => {
        const key = compiled.keys[id];
        return key.kind === 'regex' && key.regex.mayMatch(source);
      });
      known.set(source, { plain: plain[i], regex });
    });
  }
  return sources.map((source) => known.get(source) as EntryScan);
}

/** The joined texts, scanned whole: for texts that do not read the same alone. */
function scanJoined(
  compiled: CompiledLore,
  active: LoreEntry[],
  sources: string[],
  turn: number,
  timely: (entry: LoreEntry) => boolean,
): Hits {
  const hits: Hits = new Map();
  const joined = sources.join(SEPARATOR);
  // Plain keys are found in the joined text folded, where an empty text's two separators merge
  // into one space run; regex keys in the joined text as it is. Each is mapped by its own starts.
  scanText(compiled, joined, hits, { depth: -1, turn, via: '' });
  locate(hits.values(), active, sources, foldedStarts(sources));
  const found: Hits = new Map();
  scanRegexKeys(compiled, [{ role: 'narrator', text: joined, turn }], found, () => 1, timely, '');
  locate(found.values(), active, sources, rawStarts(sources));
  for (const [id, hit] of found) if (!hits.has(id)) hits.set(id, hit);
  return hits;
}

/** The regex keys in `only`, over the joined texts (a match may span entries, `^` is the first one's start). */
function scanJoinedRegex(
  compiled: CompiledLore,
  active: LoreEntry[],
  sources: string[],
  turn: number,
  timely: (entry: LoreEntry) => boolean,
  hits: Hits,
  only: ReadonlySet<number>,
): void {
  const found: Hits = new Map();
  scanRegexKeys(compiled, [{ role: 'narrator', text: sources.join(SEPARATOR), turn }], found, () => 1, timely, '', only);
  locate(found.values(), active, sources, rawStarts(sources));
  for (const [id, hit] of found) if (!hits.has(id)) hits.set(id, hit);
}

/** Where each source starts in `sources.join(SEPARATOR)`. */
function rawStarts(sources: string[]): number[] {
  const starts: number[] = [];
  let position = 0;
  for (const source of sources) {
    starts.push(position);
    position += source.length + SEPARATOR.length;
  }
  return starts;
}

/**
 * Where each source starts in `foldSpace(sources.join(SEPARATOR))`: folding piece by piece, a
 * piece opening with white space loses it after a piece that closed with some (an empty source's
 * separators, say), since the two runs fold into one space.
 */
function foldedStarts(sources: string[]): number[] {
  const starts: number[] = [];
  let position = 0;
  let endsInSpace = false;
  const add = (piece: string) => {
    if (piece.length === 0) return;
    const folded = foldSpace(piece);
    position += folded.length - (endsInSpace && folded.startsWith(' ') ? 1 : 0);
    endsInSpace = folded.endsWith(' ');
  };
  sources.forEach((source, i) => {
    if (i > 0) add(SEPARATOR);
    starts.push(position);
    add(source);
  });
  return starts;
}

/** Maps hits in the joined texts (`starts`: where each source begins in them) back to the entry each fell in. */
function locate(found: Iterable<Hit>, active: LoreEntry[], sources: string[], starts: number[]): void {
  const located = new Set<Hit>();
  for (const hit of found) {
    if (located.has(hit)) continue;
    located.add(hit);
    // The last entry starting at or before the hit is the one it fell in.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= hit.start) lo = mid;
      else hi = mid - 1;
    }
    hit.via = active[lo].id;
    hit.text = sources[lo];
    hit.start = Math.max(0, hit.start - starts[lo]);
    hit.end = Math.min(sources[lo].length, hit.end - starts[lo]);
  }
}

/** An entry's text as the recursion pass scans it: the same few entries are active turn after turn. */
const foldedEntryText = boundedMemo(256, (text: string) => foldSpace(text).trim());
