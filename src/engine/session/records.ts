/**
 * The session log's records: one per event, appended in order and never rewritten. Replaying them
 * rebuilds the whole tree (turns, swipes, forks, rewinds, edits, pinned facts).
 */
import type {
  Candidate,
  Fact,
  ForeignMessage,
  ImportedTurn,
  MemoryState,
  PacingEstimate,
  PacingProfile,
  Plan,
  PlayerInput,
  PromptDiagnostics,
} from '../types.js';
import type { AuthorsNote } from '../prompt/authors-note.js';
import type { VariableChanges } from '../variables.js';

/** Bumped when a record's shape changes incompatibly. */
export const RECORD_VERSION = 1;

export interface SessionStartRecord {
  type: 'session-start';
  v: typeof RECORD_VERSION;
  id: string;
  at: number;
  packId: string;
  packTitle: string;
  openingId: string;
  /** The persona's name when it differs from the pack's. */
  persona: string;
  seed: number;
  /** Never a key: only what the header shows. */
  provider: { id: string; label: string; offline: boolean; model?: string };
  candidates: number;
  budget: number;
  planner: boolean;
  /**
   * The long-term pacing profile the session started from; a resumed session rebuilds its model
   * from it, so replaying the log does not count this session's turns twice.
   */
  pacingProfile?: PacingProfile;
  /**
   * The opening as it was written, when the story began from a text none of the world's openings
   * match (a chat imported from SillyTavern); `openingId` names the opening it stands in for.
   */
  openingText?: string;
  /** Where an imported session came from, and what of it skald keeps without playing it. */
  imported?: ImportedStart;
}

/** What an imported session keeps of its source that skald does not play. */
export interface ImportedStart {
  from: 'sillytavern';
  /** The chat file's header line, as it was. */
  header?: ForeignMessage;
  /** The greeting message, as it was (its swipes among them). */
  opening?: ForeignMessage;
  /** The greeting's messages, as they were, when several were merged into the opening. */
  merged?: ForeignMessage[];
  /**
   * Messages not played (system, hidden, narrator or empty ones, lines holding no message, a last
   * message with no reply), each after what it followed: `start` (before the greeting), `opening`,
   * a turn's node id, `<node id>:input` (between that turn's message and its reply) or
   * `<node id>:reply<n>` (after the n-th of the turn's reply messages).
   */
  asides?: Array<{ after: string; message: ForeignMessage }>;
}

/** A committed turn: the player's input and every candidate with its diagnostics. */
export interface TurnRecord {
  type: 'turn';
  at: number;
  nodeId: string;
  parentId: string | null;
  number: number;
  /** `edit` when it replaces the player message of a sibling. */
  cause: 'play' | 'edit';
  input: PlayerInput;
  candidates: Candidate[];
  chosen: number;
  plan: Plan;
  pacing: PacingEstimate;
  prompt: PromptDiagnostics;
  /**
   * Facts extracted from this input (`source: 'player'`), then those the summary model reported
   * for the turns that scrolled out after it (`source: 'model'`, each with the turn it came from).
   */
  facts: Fact[];
  /** The rolling summary after this turn (branch-local, so switching branches restores it). */
  memory: Pick<MemoryState, 'summary' | 'summaryThrough'>;
  /** Set on a turn read from another app's chat file (`skald sessions import`). */
  imported?: ImportedTurn;
  /** The variables the turn's prompt changed ({{setvar}} in its system prompt, lore, note): the story carries them on. */
  variables?: VariableChanges;
}

/** A candidate added by regenerate; `forkId` set when the regenerate forked an earlier turn. */
export interface CandidateRecord {
  type: 'candidate';
  at: number;
  nodeId: string;
  forkId?: string;
  candidate: Candidate;
  /** Index of the candidate shown after the regenerate. */
  chosen: number;
}

/** Another of the world's openings swiped to before the first turn (a card's alternate greeting). */
export interface OpeningRecord {
  type: 'opening';
  at: number;
  openingId: string;
}

/** The opening last swiped to before the first turn (among those `known` accepts), if any. */
export function swipedOpening(records: readonly SessionRecord[], known: (openingId: string) => boolean = () => true): string | undefined {
  let openingId: string | undefined;
  for (const r of records) if (r.type === 'opening' && known(r.openingId)) openingId = r.openingId;
  return openingId;
}

/** A swipe; `forkId` set when choosing at an earlier turn started a new branch. */
export interface ChooseRecord {
  type: 'choose';
  at: number;
  nodeId: string;
  index: number;
  forkId?: string;
}

export interface RegenerateRecord {
  type: 'regenerate';
  at: number;
  nodeId: string;
  /** The candidate the player swiped away. */
  rejected: number;
}

/** Undo: the active branch now ends at `leafId` (`opening` for none); the undone node stays. */
export interface RewindRecord {
  type: 'rewind';
  at: number;
  from: string;
  leafId: string;
}

export interface EditRecord {
  type: 'edit';
  at: number;
  /** The turn whose player message is replaced (it stays in the tree). */
  replaces: string;
  text: string;
}

export interface MemoryRecord {
  type: 'memory';
  at: number;
  op: 'pin' | 'forget';
  fact?: Fact;
  factId?: string;
}

/**
 * A story's own sampler change (`/set temperature 0.9`): `value` absent clears the key back to the
 * layers below, null stops it being sent. Story-wide, not per branch.
 */
export interface SamplerRecord {
  type: 'samplers';
  at: number;
  /** A named sampler, `extra`, or `extra.NAME`. */
  key: string;
  value?: unknown;
}

export interface BranchRecord {
  type: 'branch';
  at: number;
  leafId: string;
}

/** The player's author's note set, or removed (`null`); the last one holds for the whole story. */
export interface NoteRecord {
  type: 'note';
  at: number;
  note: AuthorsNote | null;
}

/** The story's own system prompt set, or reset (`null`) to the profile's and skald's rules. */
export interface SystemPromptRecord {
  type: 'system-prompt';
  at: number;
  text: string | null;
}

export type SessionRecord =
  | SessionStartRecord
  | TurnRecord
  | CandidateRecord
  | ChooseRecord
  | RegenerateRecord
  | RewindRecord
  | EditRecord
  | MemoryRecord
  | BranchRecord
  | OpeningRecord
  | NoteRecord
  | SystemPromptRecord
  | SamplerRecord;

/** Where a session's records go; `append` resolves only once the record is durable. */
export interface SessionStore {
  append(record: SessionRecord): Promise<void>;
}

/** A store that keeps records in memory (tests, evaluation runs that are not saved). */
export class MemorySessionStore implements SessionStore {
  readonly records: SessionRecord[] = [];

  async append(record: SessionRecord): Promise<void> {
    // A deep copy, so later mutation of engine state cannot change what was "written".
    this.records.push(JSON.parse(JSON.stringify(record)) as SessionRecord);
  }
}
