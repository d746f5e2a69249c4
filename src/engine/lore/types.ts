/**
 * Compiled lore: the pack's entries indexed once, so activation per turn costs the length of the
 * scanned text rather than the number of entries.
 */
import type { LoreEntry, LoreMatchSource, LoreTrigger } from '../../world/types.js';
import type { LoreFiring, LoreSkipReason, StoryMessage } from '../types.js';
import type { TokenCounter } from '../tokens.js';
import type { KeyAutomaton } from './automaton.js';
import type { Pattern } from '../../text/pattern.js';

/** What a key is for in its entry. */
export type KeyRole = 'primary' | 'secondary' | 'exclude';

interface KeyBase {
  /** Index into `CompiledLore.entries`. */
  entry: number;
  role: KeyRole;
  /** The key as the author wrote it (for diagnostics). */
  source: string;
}

/** A plain word or phrase, found through the automaton. */
export interface PlainKey extends KeyBase {
  kind: 'plain';
  /** Whitespace-folded key, compared exactly when case-sensitive. */
  exact: string;
  caseSensitive: boolean;
  /** Boundaries checked on both sides; false for CJK keys and `wholeWords: false`. */
  wholeWords: boolean;
}

/** A `/regex/flags` key, tested on its own. */
export interface RegexKey extends KeyBase {
  kind: 'regex';
  /** Linear-time (RE2): an author's pattern cannot stall a turn. */
  regex: Pattern;
}

export type CompiledKey = PlainKey | RegexKey;

export interface CompiledEntry {
  entry: LoreEntry;
  index: number;
  /** Indices into `CompiledLore.keys`. */
  primary: number[];
  secondary: number[];
  exclude: number[];
}

export interface CompiledLore {
  entries: CompiledEntry[];
  byId: Map<string, CompiledEntry>;
  keys: CompiledKey[];
  /** Automaton pattern id -> the plain keys sharing that lower-cased text. */
  patternKeys: number[][];
  /** Some enabled entry also matches its keys in a text outside the story (`matchSources`). */
  matchesSources: boolean;
  /** The recursion levels enabled entries wait for (`delayUntilRecursion`, true as 1), lowest first. */
  delayLevels: number[];
  /** Indices of regex keys in `keys`. */
  regexKeys: number[];
  automaton: KeyAutomaton;
  /** Enabled constant entries. */
  constants: number[];
  /** The deepest per-entry `depth`, so one scan serves every entry. */
  maxEntryDepth: number;
  /**
   * Recently scanned texts: their folded and lower-cased forms and what the keys found in them
   * (filled on the first scan), since the same messages are scanned turn after turn.
   */
  textCache: Map<string, ScannedText>;
  /** What the keys found in each entry text the recursion pass has scanned (folded), filled as entries fire. */
  entryScans: Map<string, EntryScan>;
  /** A plain key holds U+0000, the recursion pass's separator: entry texts are then scanned joined, never alone. */
  keySpansParts: boolean;
  /** Enabled entries with a sticky span: the only ones a past firing can hold in the prompt. */
  stickies: number[];
  /**
   * Patterns of two or more characters all written without spaces (CJK keys, and the CJK names given
   * to `compileLore`): one that starts inside an earlier one and runs past its end reads across a
   * word edge ("掌柜的" in "钱掌柜的"), and is no occurrence. Empty when there are none.
   */
  crossable: ReadonlySet<number>;
}

/** What the keys found in one entry's folded text. */
export interface EntryScan {
  /** As `ScannedText.plain`. */
  plain: NonNullable<ScannedText['plain']>;
  /** The regex keys that may match the text (it holds their literals), in `regexKeys` order. */
  regex: number[];
}

/** What the keys of one compiled lore found in one text; depends on nothing but the text. */
export interface ScannedText {
  folded: string;
  lower: string;
  /** Each plain key's first verified occurrence in `folded`, grouped by occurrence, in scan order. */
  plain?: Array<{ start: number; end: number; keys: number[] }>;
  /** Each regex key's first match in the raw text (null: none), once the key was tried on it. */
  regex?: Map<number, { start: number; end: number } | null>;
}

export interface ActivateInput {
  /** The story so far, oldest first; the player's newest message last. */
  messages: StoryMessage[];
  /** The turn being played (for `activateOnlyAfter`/`activateOnlyEvery`). */
  turn: number;
  /**
   * Where the probability rolls and group draws come from: the story's seed, so a replay rolls
   * the same. Without one, an entry with a probability under 100 fires (no roll) and a group
   * takes its first member.
   */
  random?: () => number;
  /** Messages in the story so far (sticky, cooldown and delay count messages); default `messages.length`. */
  messageCount?: number;
  /** For each entry, the message count when it last fired on its own (not held by `sticky`). */
  lastFired?: ReadonlyMap<string, number>;
  /** Messages scanned for keys (default 4); an entry's own `depth` overrides it. */
  scanDepth?: number;
  /** Tokens the active lore may take. */
  budget: number;
  /** The generation this is (SillyTavern's trigger; several when it is more than one kind), for entries with `triggers`; default `normal`. */
  trigger?: LoreTrigger | readonly LoreTrigger[];
  /** The texts outside the story that entries with `matchSources` also look for their keys in. */
  sources?: Partial<Record<LoreMatchSource, string>>;
  /**
   * Scans in all, the story's included (SillyTavern's max recursion steps): 1 no recursion, 2 one
   * level; 0 or absent until a pass activates nothing new (at most `MAX_LORE_PASSES`).
   */
  maxRecursionSteps?: number;
  /** The names, nicknames and ids of the characters in the scene, for `onlyWith`/`notWith`; without them those are not checked. */
  present?: readonly string[];
  counter: TokenCounter;
}

/** Why a matched entry stayed out of the prompt for a reason other than the budget. */
export interface LoreSuppressed extends LoreFiring {
  reason: LoreSkipReason;
}

export type { LoreSkipReason } from '../types.js';

export interface ActivateResult {
  /** Entries in the prompt, highest priority first. */
  active: LoreEntry[];
  /** Why each active entry fired, same order as `active`. */
  fired: LoreFiring[];
  /** Entries that matched but did not fit the lore budget. */
  cut: LoreFiring[];
  /** Entries that matched but stayed out: their group, an exclude key, a roll, a cooldown or a delay. */
  suppressed: LoreSuppressed[];
}
