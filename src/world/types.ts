/**
 * The normalised world pack, format version 1: what every loader and importer produces and what
 * the engine consumes. Defaults are filled in by the loader, so optional-looking fields that are
 * not marked optional here are always present after loading.
 */

import type { SamplerLayer } from './samplers.js';

export type Rating = 'general' | 'teen' | 'mature';

/** Unknown data carried through untouched (card `extensions`, future keys). */
export type Extensions = Record<string, unknown>;

export interface Law {
  id: string;
  text: string;
  /** Words that must not appear in replies (matched case-insensitively on word boundaries). */
  forbid: string[];
  extensions?: Extensions;
}

export type SelectiveLogic = 'and_any' | 'and_all' | 'not_any' | 'not_all';

export type LorePosition =
  | 'before_characters'
  | 'after_characters'
  | 'authors_note_top'
  | 'authors_note_bottom'
  | 'depth'
  | 'outlet'
  /** Among the example dialogues, before or after the lead character's own (SillyTavern's 5 and 6). */
  | 'before_examples'
  | 'after_examples';

/** Texts outside the story a lore entry may match its keys in. */
export const LORE_MATCH_SOURCES = ['persona', 'description', 'personality', 'depthPrompt', 'scenario', 'creatorNotes'] as const;
export type LoreMatchSource = (typeof LORE_MATCH_SOURCES)[number];

/** SillyTavern's generation types, as a lore entry's `triggers` name them. */
export const LORE_TRIGGERS = ['normal', 'continue', 'impersonate', 'swipe', 'regenerate', 'quiet'] as const;
export type LoreTrigger = (typeof LORE_TRIGGERS)[number];

export interface LoreEntry {
  id: string;
  /** Case-insensitive words or phrases; `/regex/flags` allowed. */
  keys: string[];
  /** When present and non-empty, one of these must also match (see `selectiveLogic`). */
  secondary: string[];
  /** How `secondary` combines; default `and_any` (one of them must also match). */
  selectiveLogic: SelectiveLogic;
  text: string;
  constant: boolean;
  priority: number;
  enabled: boolean;
  caseSensitive: boolean;
  /** Match keys on word boundaries (default true). */
  wholeWords: boolean;
  /** Keys that, when matched, keep the entry out (V3 `@@exclude_keys`). */
  excludeKeys: string[];
  /** Only active after this many turns (V3 `@@activate_only_after`). */
  activateOnlyAfter?: number;
  /** Only active every N turns (V3 `@@activate_only_every`). */
  activateOnlyEvery?: number;
  /** How many recent messages to scan for keys (V3 `@@scan_depth`); default from the engine. */
  scanDepth?: number;
  /** Where the text goes (default `before_characters`); `depth` puts it `depth` messages from the end. */
  position?: LorePosition;
  /** Insertion depth with `position: depth` (V3 `@@depth`); default 4. */
  depth?: number;
  /** The role of the message inserted at a depth (V3 `@@role`); default system. */
  role?: 'system' | 'user' | 'assistant';
  /** With `position: outlet`, the name `{{outlet::NAME}}` places its text by (SillyTavern's outletName). */
  outlet?: string;
  /** Fires even when the lore budget is spent, and takes none of it (SillyTavern's ignoreBudget). */
  ignoreBudget?: boolean;
  /** Fires only while one of these characters (name, nickname or id) is in the scene (SillyTavern's characterFilter). */
  onlyWith?: string[];
  /** Stays out while one of these characters is in the scene (characterFilter with isExclude). */
  notWith?: string[];
  /** Percent chance to fire when matched (default 100), drawn from the story's seed. */
  probability?: number;
  /** Messages it stays active once fired. */
  sticky?: number;
  /** Messages it cannot fire after firing (after its sticky span). */
  cooldown?: number;
  /** Messages the story must have before it can fire. */
  delay?: number;
  /** Inclusion groups, comma-separated: of a group's matching entries, one fires. */
  group?: string;
  /** Weight in the group's draw (default 100). */
  groupWeight?: number;
  /** The group picks by priority instead of a weighted draw. */
  groupOverride?: boolean;
  /** Only the group members with the most matched keys are drawn from. */
  groupScoring?: boolean;
  /** Its text does not activate other entries. */
  preventRecursion?: boolean;
  /** It is not activated by other entries' text. */
  excludeRecursion?: boolean;
  /**
   * It waits for a recursion pass (where other entries' text is scanned, with the story): `true`
   * or 1 the first, N the Nth level (SillyTavern's delayUntilRecursion as a number).
   */
  delayUntilRecursion?: boolean | number;
  /** Texts besides the story its keys are also looked for in (SillyTavern's matchPersonaDescription ...). */
  matchSources?: LoreMatchSource[];
  /** The generations it may fire on (SillyTavern's triggers); absent or empty: every one. */
  triggers?: LoreTrigger[];
  extensions?: Extensions;
}

export interface Character {
  id: string;
  name: string;
  aliases: string[];
  /** Stands for `{{char}}` when set (V3 `nickname`). */
  nickname?: string;
  persona: string;
  voice: string;
  quirks: string[];
  goals: string[];
  secrets: string[];
  /** Keys are character ids or `player`. */
  relations: Record<string, string>;
  examples: string[];
  /** A colour hint for the TUI (`#rrggbb` or a named colour). */
  color?: string;
  extensions?: Extensions;
}

export interface PlayerPersona {
  name: string;
  /**
   * The pack names no player (`player.name` left out, as an imported card): the player's own
   * persona plays it (`skald personas use`), else `name` holds the default, Traveller.
   */
  open?: boolean;
  /** Nicknames characters call the player by ("Tam"); renamed with the player. */
  aliases?: string[];
  persona: string;
  relations: Record<string, string>;
  /**
   * Where the description goes (SillyTavern's persona_description_position): in the system prompt
   * (default), at the top or bottom of the author's note, `depth` messages from the end with
   * `role`, or nowhere.
   */
  position?: PersonaPosition;
  /** With `position: depth`: messages from the end (0: after the last); 2 by default, as SillyTavern's. */
  depth?: number;
  /** With `position: depth`: the message's role; system by default. */
  role?: 'system' | 'user' | 'assistant';
}

export type PersonaPosition = 'prompt' | 'authors_note_top' | 'authors_note_bottom' | 'depth' | 'none';

export interface Opening {
  id: string;
  title: string;
  scene: string;
  text: string;
  /** Character ids present in the scene; default: all. */
  characters: string[];
}

export interface Thread {
  id: string;
  title: string;
  hook: string;
  beats: string[];
}

export interface Style {
  pov: 'first' | 'second' | 'third';
  tense: 'present' | 'past';
  /** Reply length in tokens, [min, max]. */
  length: [number, number];
  notes: string[];
  /** Replaces skald's narrator rules; `{{original}}` keeps them (a card's `system_prompt`). */
  systemPrompt?: string;
  /** Sent after the chat history as a system message; `{{original}}` is the planner's directive (a card's `post_history_instructions`). */
  postHistoryInstructions?: string;
  /** Samplers the world suggests (see engine/samplers); above a profile's, below the story's and the run's. */
  samplers?: SamplerLayer;
}

export interface WorldPack {
  skald: 1;
  id: string;
  title: string;
  version: string;
  authors: string[];
  /** BCP 47 tag: the language replies must be written in. */
  language: string;
  rating: Rating;
  tags: string[];
  summary: string;
  setting: string;
  laws: Law[];
  lore: LoreEntry[];
  characters: Character[];
  player: PlayerPersona;
  openings: Opening[];
  threads: Thread[];
  style: Style;
  /** SillyTavern regex scripts (a card's `extensions.regex_scripts`), run in order on the story's text. */
  regexScripts?: RegexScript[];
  extensions?: Extensions;
}

/**
 * A SillyTavern regex script in SillyTavern's own field names, so a card exports back as it came.
 * `placement`: 1 the player's input, 2 the model's reply, 5 lore entries as the prompt carries
 * them, 6 the reply's reasoning (3, slash commands, is kept but not run by skald).
 */
export interface RegexScript {
  scriptName: string;
  /** `/pattern/flags`, or a bare pattern (no flags: only the first match is replaced). */
  findRegex: string;
  /** `{{match}}` or `$0` the whole match, `$1`, `$<name>` its groups. */
  replaceString: string;
  /** Removed from each group before it is put into the replacement. */
  trimStrings: string[];
  placement: number[];
  disabled: boolean;
  /** Changes only what is shown; the stored and sent text keep the original. */
  markdownOnly: boolean;
  /** Changes only what is sent to the model. */
  promptOnly: boolean;
  runOnEdit: boolean;
  /** 0 none, 1 `{{char}}`/`{{user}}` put into the pattern as they are, 2 escaped. */
  substituteRegex: number;
  /** With promptOnly: the message depths (0 = the newest) it runs at; null for no bound. */
  minDepth: number | null;
  maxDepth: number | null;
}

/** Where a loaded pack came from. */
export type PackOrigin = 'bundled' | 'installed' | 'path';

export interface LoadedPack {
  pack: WorldPack;
  origin: PackOrigin;
  /** Folder or file the pack was read from. */
  location: string;
  warnings: PackProblem[];
}

/** One problem found while loading a pack: `world.yaml:14:5 characters[1].relations.morrow: ...`. */
export interface PackProblem {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  column?: number;
  /** Field path like `characters[1].relations.morrow`. */
  path: string;
  message: string;
}
