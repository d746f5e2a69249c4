/**
 * Byte-pair token counting over a rank table held in typed arrays. gpt-tokenizer keeps o200k's
 * 200,000 ranks as JavaScript strings in a Map (~17 MB of heap, ~50 MB of resident memory once its
 * 2.2 MB rank module is parsed); the same table as bytes, offsets and an open-addressing hash is
 * ~5 MB outside the garbage-collected heap. The counts are gpt-tokenizer's, quirks included (see
 * `rankOf`), and tests/engine/prompt/bpe.test.ts holds the two equal on real text.
 */
import { execAll } from '../text/regexp.js';

/** What gpt-tokenizer keeps a rank as: a string when its bytes are UTF-8 without a byte order mark, else bytes. */
const KIND_TEXT = 1;
const KIND_BYTES = 2;
const NONE = -1;

/** A rank table: every token's bytes in one buffer, found by an open-addressing hash of them. */
export class RankTable {
  private constructor(
    private readonly bytes: Uint8Array,
    /** Entry i's bytes are bytes[starts[i] .. starts[i + 1]). */
    private readonly starts: Uint32Array,
    private readonly ranks: Uint32Array,
    private readonly kinds: Uint8Array,
    /** Entry index + 1 at each slot, 0 for an empty slot. */
    private readonly slots: Uint32Array,
  ) {}

  /** Entries in the table. */
  get size(): number {
    return this.ranks.length;
  }

  /**
   * Reads a `.tiktoken` file (one `base64 rank` line per token, as tiktoken and gpt-tokenizer ship
   * them) without making a string per line: the decoded bytes go straight into one buffer. The file
   * may come as one array or as a reader of its pieces in order, called twice (one pass to size the
   * arrays, one to fill them): read in pieces, the load frees no large buffer, which would raise
   * glibc's mmap threshold for the rest of the process (see `TiktokenPieces`).
   */
  static fromTiktoken(data: Uint8Array | TiktokenPieces): RankTable {
    const pieces: TiktokenPieces = data instanceof Uint8Array ? () => [data] : data;
    const { lines, decoded } = measureTiktoken(pieces());
    const bytes = new Uint8Array(decoded);
    const starts = new Uint32Array(lines + 1);
    const ranks = new Uint32Array(lines);
    const kinds = new Uint8Array(lines);
    const n = fillTiktoken(pieces(), { bytes, starts, ranks });
    if (n !== lines || starts[n] !== decoded) throw new Error('The token rank file changed while it was read.');
    for (let e = 0; e < n; e++)
      kinds[e] = validUtf8(bytes, starts[e], starts[e + 1]) && !hasByteOrderMark(bytes, starts[e], starts[e + 1]) ? KIND_TEXT : KIND_BYTES;
    let capacity = 1;
    while (capacity < n * 2) capacity *= 2;
    const table = new RankTable(bytes, starts, ranks, kinds, new Uint32Array(capacity));
    for (let e = 0; e < n; e++) table.insert(e);
    return table;
  }

  private insert(entry: number): void {
    const start = this.starts[entry];
    const end = this.starts[entry + 1];
    const mask = this.slots.length - 1;
    let slot = hash(this.bytes, start, end) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }

  /** The rank of exactly these bytes as an entry of `kind`, or NONE. */
  private find(piece: Uint8Array, start: number, end: number, kind: number): number {
    const mask = this.slots.length - 1;
    let slot = hash(piece, start, end) & mask;
    for (;;) {
      const entry = this.slots[slot] - 1;
      if (entry < 0) return NONE;
      if (this.kinds[entry] === kind && this.same(entry, piece, start, end)) return this.ranks[entry];
      slot = (slot + 1) & mask;
    }
  }

  private same(entry: number, piece: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[entry];
    if (this.starts[entry + 1] - from !== end - start) return false;
    for (let k = 0; k < end - start; k++) if (this.bytes[from + k] !== piece[start + k]) return false;
    return true;
  }

  /** The rank of a whole piece of text (its UTF-8 bytes), as gpt-tokenizer's string lookup finds it. */
  textRank(piece: Uint8Array, start: number, end: number): number {
    return this.find(piece, start, end, KIND_TEXT);
  }

  /**
   * The rank of a run of bytes while merging, as gpt-tokenizer's `getBpeRankFromBytes` finds it:
   * valid UTF-8 is decoded (which drops one leading byte order mark) and looked up among the text
   * ranks, anything else among the byte ranks. So `<BOM>using` merges with the rank of `using`,
   * and the nine ranks that start with a byte order mark are never reached: the counts match.
   */
  rankOf(piece: Uint8Array, start: number, end: number): number {
    if (!validUtf8(piece, start, end)) return this.find(piece, start, end, KIND_BYTES);
    const from = hasByteOrderMark(piece, start, end) ? start + 3 : start;
    return from === end ? NONE : this.find(piece, from, end, KIND_TEXT);
  }

  /** How many tokens the byte-pair merge makes of `piece[0..length)` (tiktoken's algorithm). */
  mergeCount(piece: Uint8Array, length: number): number {
    if (length <= 1) return length;
    // parts[i] is where part i starts; pairRanks[i] the rank of parts i and i + 1 merged.
    const parts: number[] = [];
    const pairRanks: number[] = [];
    for (let i = 0; i <= length; i++) {
      parts.push(i);
      pairRanks.push(i + 2 <= length ? this.rankOrInfinity(piece, i, i + 2) : Infinity);
    }
    while (parts.length > 1) {
      let lowest = Infinity;
      let at = -1;
      for (let i = 0; i < pairRanks.length - 1; i++) {
        if (pairRanks[i] < lowest) {
          lowest = pairRanks[i];
          at = i;
        }
      }
      if (at < 0) break;
      parts.splice(at + 1, 1);
      pairRanks.splice(at, 1);
      pairRanks[at] = at + 2 < parts.length ? this.rankOrInfinity(piece, parts[at], parts[at + 2]) : Infinity;
      if (at > 0) pairRanks[at - 1] = this.rankOrInfinity(piece, parts[at - 1], parts[at + 1]);
    }
    return parts.length - 1;
  }

  private rankOrInfinity(piece: Uint8Array, start: number, end: number): number {
    const rank = this.rankOf(piece, start, end);
    return rank === NONE ? Infinity : rank;
  }
}

/** FNV-1a over a run of bytes. */
function hash(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ bytes[k], 0x01000193);
  return h >>> 0;
}

function hasByteOrderMark(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf;
}

/** Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF), as TextDecoder's fatal mode. */
export function validUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const first = bytes[i];
    if (first < 0x80) {
      i += 1;
      continue;
    }
    let count: number;
    let point: number;
    if ((first & 0xe0) === 0xc0) {
      if (first < 0xc2) return false;
      count = 2;
      point = first & 0x1f;
    } else if ((first & 0xf0) === 0xe0) {
      count = 3;
      point = first & 0x0f;
    } else if ((first & 0xf8) === 0xf0 && first <= 0xf4) {
      count = 4;
      point = first & 0x07;
    } else {
      return false;
    }
    if (i + count > end) return false;
    for (let k = 1; k < count; k++) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) return false;
      point = (point << 6) | (next & 0x3f);
    }
    if ((count === 3 && point < 0x800) || (count === 4 && point < 0x10000)) return false;
    if ((point >= 0xd800 && point <= 0xdfff) || point > 0x10ffff) return false;
    i += count;
  }
  return true;
}

const BASE64 = new Int8Array(256).fill(-1);
for (const [i, c] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) BASE64[c.charCodeAt(0)] = i;

/**
 * A `.tiktoken` file's bytes as pieces in order, read afresh on each call. A piece may end anywhere
 * (inside a line, a base64 group or a rank) and may be reused for the next one once handed on. The
 * CLI reads 64 KiB pieces: glibc serves anything from 128 KiB with mmap, and freeing such a block
 * raises its mmap threshold (and its trim threshold to twice that) for the process's life, after
 * which every thread's malloc arena keeps up to twice the largest freed block unreturned. The
 * whole 3.6 MB file, read and dropped, cost ~10 MB of resident memory at 1,000 turns that way.
 */
export type TiktokenPieces = () => Iterable<Uint8Array>;

const NEWLINE = 10;
const SPACE = 32;
const EQUALS = 61;

/** First pass: how many lines, and how many bytes their base64 decodes to; a line without a rank is refused here. */
function measureTiktoken(pieces: Iterable<Uint8Array>): { lines: number; decoded: number } {
  let lines = 0;
  let decoded = 0;
  let offset = 0;
  let lineStart = 0;
  let lineLength = 0;
  let inRank = false;
  let padded = false;
  let sextets = 0;
  for (const piece of pieces) {
    for (let k = 0; k < piece.length; k++) {
      const c = piece[k];
      if (c === NEWLINE) {
        if (!inRank) throw new Error(`The token rank file has a line without a rank (byte ${lineStart}).`);
        decoded += (sextets * 6) >> 3;
        lines += 1;
        lineStart = offset + k + 1;
        lineLength = 0;
        inRank = padded = false;
        sextets = 0;
        continue;
      }
      lineLength += 1;
      if (inRank) continue;
      if (c === SPACE) inRank = true;
      else if (c === EQUALS) padded = true;
      else if (!padded) sextets += 1;
    }
    offset += piece.length;
  }
  if (lineLength > 0) {
    if (!inRank) throw new Error(`The token rank file has a line without a rank (byte ${lineStart}).`);
    decoded += (sextets * 6) >> 3;
    lines += 1;
  }
  return { lines, decoded };
}

/**
 * Second pass: decodes each line's base64 into `bytes` and its rank into `ranks`, entry i's bytes
 * starting at `starts[i]`; returns the entries read, which the caller checks against the first pass.
 */
function fillTiktoken(pieces: Iterable<Uint8Array>, into: { bytes: Uint8Array; starts: Uint32Array; ranks: Uint32Array }): number {
  const { bytes, starts, ranks } = into;
  let n = 0;
  let out = 0;
  let offset = 0;
  let lineLength = 0;
  let inRank = false;
  let padded = false;
  let bits = 0;
  let held = 0;
  let rank = 0;
  // Writes past the first pass's sizes are dropped (typed arrays), and the caller refuses the table.
  const endLine = () => {
    ranks[n] = rank;
    n += 1;
    starts[n] = out;
  };
  for (const piece of pieces) {
    for (let k = 0; k < piece.length; k++) {
      const c = piece[k];
      if (c === NEWLINE) {
        endLine();
        lineLength = 0;
        inRank = padded = false;
        bits = held = rank = 0;
        continue;
      }
      lineLength += 1;
      if (inRank) {
        const digit = c - 48;
        if (digit < 0 || digit > 9) throw new Error(`The token rank file has a rank that is not a number (byte ${offset + k}).`);
        rank = rank * 10 + digit;
      } else if (c === SPACE) {
        inRank = true;
      } else if (c === EQUALS) {
        padded = true;
      } else if (!padded) {
        const v = BASE64[c];
        if (v < 0) throw new Error(`The token rank file has a character that is not base64 (byte ${offset + k}).`);
        bits = (bits << 6) | v;
        held += 6;
        if (held >= 8) {
          held -= 8;
          bytes[out++] = (bits >> held) & 0xff;
        }
      }
    }
    offset += piece.length;
  }
  if (lineLength > 0) endLine();
  return n;
}

const utf8 = new TextEncoder();
let scratch = new Uint8Array(1024);
const LONE_SURROGATE = /\p{Cs}/u;

/** Pieces counted lately (words recur: " the", " she", "\n\n"); cleared whole when full, so it stays small. */
const pieceCounts = new Map<string, number>();
/** The table and split the remembered counts were made with: another pair starts afresh. */
let countedWith: { table: RankTable; split: RegExp } | undefined;
const MAX_PIECES = 8192;
/**
 * Longer pieces are counted each time rather than kept: V8 makes a match of 13 characters or more
 * a slice of the text it was found in, so keeping one as a key would keep the whole text alive.
 */
const MAX_PIECE_LENGTH = 12;

/**
 * Tokens in `text`: split by `split` (the encoding's pre-tokenizer, a global regex), each piece
 * counted as one token when it is a whole token, else by the byte-pair merge of its UTF-8 bytes.
 * A piece's count depends on the piece and the table alone, so a recurring one is remembered.
 */
export function countWithTable(table: RankTable, split: RegExp, text: string): number {
  if (countedWith?.table !== table || countedWith.split !== split) {
    pieceCounts.clear();
    countedWith = { table, split };
  }
  let count = 0;
  // The split regex itself, not matchAll's copy: a copy is compiled again after every GC that empties V8's regex cache.
  for (const [piece] of execAll(split, text)) {
    if (piece.length === 1 && piece.charCodeAt(0) < 0x80) {
      count += 1;
      continue;
    }
    const known = pieceCounts.get(piece);
    if (known !== undefined) {
      count += known;
      continue;
    }
    const tokens = pieceCount(table, piece);
    if (piece.length > MAX_PIECE_LENGTH) {
      count += tokens;
      continue;
    }
    if (pieceCounts.size >= MAX_PIECES) pieceCounts.clear();
    pieceCounts.set(piece, tokens);
    count += tokens;
  }
  // One long run (a page of spaces) must not keep its buffer for the rest of the session.
  if (scratch.length > 65_536) scratch = new Uint8Array(1024);
  return count;
}

function pieceCount(table: RankTable, piece: string): number {
  if (scratch.length < piece.length * 3) scratch = new Uint8Array(piece.length * 3);
  const { written } = utf8.encodeInto(piece, scratch);
  // A lone surrogate is written as U+FFFD, so its bytes may be a token its text is not.
  if (!LONE_SURROGATE.test(piece) && table.textRank(scratch, 0, written) !== NONE) return 1;
  return table.mergeCount(scratch, written);
}
