/**
 * Token counting with a real tokenizer (o200k, the encoding of current OpenAI models; close enough
 * for the others), memoised so a long story is not recounted every turn: recounting the history
 * on each request is what makes the popular web clients slow after a few hundred messages.
 */
import { createRequire } from 'node:module';
import { countWithTable, RankTable, type TiktokenPieces } from './bpe.js';

let encoder: ((text: string) => number) | undefined;
let rankData: TiktokenPieces | undefined;

/**
 * Hands the engine a reader of gpt-tokenizer's `o200k_base.tiktoken` data file, in pieces (the
 * engine reads no files itself; the CLI calls this first). With it the ranks are held in typed arrays, ~5 MB
 * outside the JS heap, where gpt-tokenizer's own encoder (the fallback, same counts) parses a
 * 2.2 MB rank module into a Map of 200,000 strings and holds ~50 MB of resident memory.
 */
export function provideTokenizerData(read: TiktokenPieces): void {
  rankData = read;
}

/**
 * The o200k ranks load on the first count (or on `warmTokenizer`, while the player reads the
 * opening): a start needs no count before the first frame. Loading is synchronous because
 * counting is. The loader is not called `require` so the bundler leaves the package to be loaded
 * at run time.
 */
function encodeCount(text: string): number {
  encoder ??= loadEncoder();
  return encoder(text);
}

/** Text from packs and players may hold `<|endoftext|>`: it is counted as text, as it is sent. */
function loadEncoder(): (text: string) => number {
  const load = createRequire(import.meta.url);
  if (!rankData) {
    const library = load('gpt-tokenizer/cjs/encoding/o200k_base') as { countTokens: (text: string, options: object) => number };
    const plainText = { disallowedSpecial: new Set<string>() };
    return (text) => library.countTokens(text, plainText);
  }
  const table = RankTable.fromTiktoken(rankData);
  const split = (load('gpt-tokenizer/cjs/encodingParams/constants') as { O200K_TOKEN_SPLIT_REGEX: RegExp }).O200K_TOKEN_SPLIT_REGEX;
  return (text) => countWithTable(table, split, text);
}

/** Loads the tokenizer now if it is not yet loaded (idle time before the first turn). */
export function warmTokenizer(): void {
  encodeCount('warm');
}

/** Whether the tokenizer has been loaded in this process. */
export function tokenizerLoaded(): boolean {
  return encoder !== undefined;
}

/** Per-message overhead of the chat format (role and separators), as OpenAI documents it. */
export const MESSAGE_OVERHEAD = 4;

export interface TokenCounterOptions {
  /** Entries kept before the oldest are evicted (default 20,000). */
  maxEntries?: number;
  /** Characters kept in all cached keys before the oldest are evicted (default 4,000,000). */
  maxChars?: number;
}

/** Strings longer than this are counted but not cached: they are assembled prompts, not messages. */
const MAX_CACHED_LENGTH = 32_768;

/** How many `countOnce` strings are remembered (a turn builds one prompt per candidate). */
const RECENT_ONCE = 4;

/** Counts tokens; each distinct string is encoded once while it stays in the bounded cache. */
export class TokenCounter {
  /** How many times the encoder actually ran (for tests and the debug pane). */
  encodes = 0;
  private readonly cache = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly maxChars: number;
  private chars = 0;
  /** The last few `countOnce` strings: a turn's candidates share one system prompt. */
  private readonly recentOnce: Array<{ text: string; tokens: number }> = [];

  constructor(options: TokenCounterOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 20_000);
    this.maxChars = Math.max(1, options.maxChars ?? 4_000_000);
  }

  /** Tokens in `text`, cached. */
  count(text: string): number {
    if (text.length === 0) return 0;
    const hit = this.cache.get(text);
    if (hit !== undefined) {
      // Re-insert so the entries used every turn (the recent history) are the last evicted.
      this.cache.delete(text);
      this.cache.set(text, hit);
      return hit;
    }
    this.encodes += 1;
    const tokens = encodeCount(text);
    if (text.length > MAX_CACHED_LENGTH) return tokens;
    // A Map iterates in insertion order, so the first keys are the oldest entries. Both the count
    // and the total size are bounded: a 10,000-turn story must not grow the cache without end.
    while (this.cache.size > 0 && (this.cache.size >= this.maxEntries || this.chars + text.length > this.maxChars)) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.delete(oldest);
      this.chars -= oldest.length;
    }
    this.cache.set(text, tokens);
    this.chars += text.length;
    return tokens;
  }

  /**
   * Tokens in `text` without putting it in the cache: for strings assembled per request, like a
   * whole system prompt. Only the last few are remembered, so the candidates of one turn share one encode.
   */
  countOnce(text: string): number {
    if (text.length === 0) return 0;
    // Comparing a few long strings is far cheaper than encoding one again.
    for (const recent of this.recentOnce) if (recent.text === text) return recent.tokens;
    this.encodes += 1;
    const tokens = encodeCount(text);
    if (this.recentOnce.length >= RECENT_ONCE) this.recentOnce.shift();
    this.recentOnce.push({ text, tokens });
    return tokens;
  }

  /** Tokens of a chat message including its format overhead. */
  countMessage(content: string): number {
    return this.count(content) + MESSAGE_OVERHEAD;
  }

  /** Entries currently cached. */
  get size(): number {
    return this.cache.size;
  }
}

const shared = new TokenCounter();

/** Tokens in `text`, through one process-wide cached counter. */
export function countTokens(text: string): number {
  return shared.count(text);
}

/** The process-wide counter behind `countTokens`. */
export function sharedCounter(): TokenCounter {
  return shared;
}
