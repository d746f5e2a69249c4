/**
 * The one surface the TUI, headless play and the evaluator drive. `Session` (session.ts)
 * implements it; consumers depend on this interface only, so none of them reimplements a step of
 * the turn.
 */
import type { Opening, PlayerPersona, WorldPack } from '../../world/types.js';
import type { Fact, MemoryState, PacingEstimate, PlayerInput, Provider, SessionEvent, Turn } from '../types.js';
import type { AuthorsNote } from '../prompt/authors-note.js';
import type { DraftResult } from '../revise/impersonate.js';
import type { SamplerReport } from './samplers.js';
import type { SamplerRecord } from './records.js';
import type { NarratorOptions } from './deps.js';

/** One leaf of the session tree, for `/tree`. */
export interface BranchSummary {
  /** Id of the branch's last turn node (or `opening`). */
  leafId: string;
  /** Turn count along the branch. */
  turns: number;
  /** The turn number where this branch leaves the active one (0 when it is the active one). */
  forkTurn: number;
  /** The last player input on the branch, for a label. */
  lastInput: string;
  active: boolean;
  updatedAt: number;
}

/** What a front end shows of the committed story, read once per change (`getSnapshot`). */
export interface SessionSnapshot {
  readonly turns: readonly Turn[];
  readonly memory: MemoryState;
  readonly pacing: PacingEstimate;
  readonly tree: readonly BranchSummary[];
  readonly opening: Opening;
  /** The narrator (it changes with `useProvider`). */
  readonly providerId: string;
  readonly providerLabel: string;
}

export interface TurnOptions {
  signal?: AbortSignal;
}

export interface SessionHandle {
  readonly id: string;
  readonly pack: WorldPack;
  readonly opening: Opening;
  readonly persona: PlayerPersona;
  /** The narrator's id: `offline` or the profile name (changes with `useProvider`). */
  readonly providerId: string;
  /** "offline narrator" or "profile · model", for the header. */
  readonly providerLabel: string;
  readonly offline: boolean;
  /** The story's seed (the offline narrator mixes it into every reply). */
  readonly seed: number;
  /** The opening as the player reads it, card macros resolved. */
  readonly openingText: string;

  /** Committed turns on the active branch, oldest first (the opening is not a turn). */
  turns(): readonly Turn[];
  memory(): MemoryState;
  pacing(): PacingEstimate;
  /** Calls `listener` after every change of the committed state; returns the unsubscribe. Bound: React calls it unattached. */
  readonly subscribe: (listener: () => void) => () => void;
  /** The committed state as one frozen object whose identity changes only when the state does. */
  readonly getSnapshot: () => SessionSnapshot;

  /** Plays a turn: plan, prompt, N candidates streamed, critics, ranking; commits when done. */
  play(input: PlayerInput, options?: TurnOptions): AsyncIterable<SessionEvent>;
  /**
   * Adds one candidate at a turn (default: the last). On an earlier turn the new candidate is
   * chosen at once and the story continues from it as a new branch; the old one is kept.
   */
  regenerate(turnNumber?: number, options?: TurnOptions): AsyncIterable<SessionEvent>;
  /** Shows/keeps candidate `index` at a turn; on an earlier turn this forks a new branch. */
  choose(turnNumber: number, index: number): Promise<void>;
  /** Rewinds the last turn (kept in the tree); returns the input that was undone. */
  undo(): Promise<PlayerInput | undefined>;
  /** Replaces the last player message and regenerates the reply, as a new branch. */
  edit(text: string, options?: TurnOptions): AsyncIterable<SessionEvent>;
  /**
   * Extends the chosen reply at a turn (default: the last) where it stopped, without repeating it;
   * kept as a new candidate marked `continued` (on an earlier turn, as a new branch). Same events
   * as regenerate.
   */
  continueReply(turnNumber?: number, options?: TurnOptions): AsyncIterable<SessionEvent>;
  /** Keeps `text` as a new version of the chosen reply at a turn (default: the last), marked `edited`; critics run on it. */
  editReply(text: string, turnNumber?: number): AsyncIterable<SessionEvent>;
  /** Rewinds to before a turn (default: the last); it stays in the tree. Rejects with a SessionError when there is none. */
  deleteTurn(turnNumber?: number): Promise<{ turn: number; input: PlayerInput }>;
  /** Drafts the player's next message in their voice (never sent, nothing saved). */
  impersonate(hint?: string, options?: TurnOptions): Promise<DraftResult>;
  /** Swipes to another opening of the world before the first turn; rejects with a SessionError after it. */
  chooseOpening(openingId: string): Promise<void>;
  remember(text: string): Promise<Fact>;
  forget(factId: string): Promise<boolean>;
  tree(): BranchSummary[];
  switchBranch(leafId: string): Promise<void>;
  /** The samplers requests are sent with, where each comes from, and what the endpoint leaves out. */
  samplers(): SamplerReport;
  /** `/set KEY VALUE` for this story, recorded; rejects with a SessionError naming what is wrong. */
  setSampler(name: string, value: string): Promise<SamplerRecord>;
  /**
   * Narrates from the next generation on with another provider (turns, regenerates, edits). The
   * rolling summary is written by `summarize` when given, else extractively. Nothing is recorded:
   * a resumed session narrates with whatever the run chose. `systemPrompt` is the new profile's
   * own. Throws while a turn runs.
   */
  useProvider(provider: Provider, options?: NarratorOptions): void;
  /** The story's author's note, if the player set one. */
  readonly authorsNote: AuthorsNote | undefined;
  /** Sets the author's note (`undefined` removes it), recorded for a resume; rejects a bad one with a SessionError. */
  setAuthorsNote(note: AuthorsNote | undefined): Promise<void>;
  /** The player's own system prompts in force: the narrating profile's and the story's. */
  readonly systemPrompts: { profile?: string; story?: string };
  /** Sets the story's own system prompt (`undefined` resets it), recorded for a resume. */
  setSystemPrompt(text: string | undefined): Promise<void>;
  /**
   * Does once, now, the compiling the first turn would otherwise do on the player's time (the
   * critics' lexicons for this pack, the tokenizer's tables). Changes nothing a turn can see.
   */
  warmUp(): Promise<void>;
}
