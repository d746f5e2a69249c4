/**
 * What the reply revisions (continue, edit, delete, impersonate) need of the Session: its tree and
 * log, its narrator, and the prompt a turn's reply is written from. The Session hands this over,
 * so these steps live in their own modules and change its state only through `commit`.
 */
import type { WorldPack, PlayerPersona } from '../../world/types.js';
import type { SessionRecord } from '../session/records.js';
import type { SessionTree, TurnNode } from '../session/tree.js';
import type { Judge } from '../session/turn-runner.js';
import type { BuiltPrompt, CandidateRequest, Clock, MemoryState, NarrationContext, PacingEstimate, Plan, Provider, SessionEvent, StoryMessage } from '../types.js';

/** The prompt of one turn, as regenerate builds it: the story up to its player message. */
export interface TurnPrompt {
  prompt: BuiltPrompt;
  history: StoryMessage[];
  memory: MemoryState;
  context: NarrationContext;
}

export interface ReviseHost {
  readonly tree: SessionTree;
  readonly pack: WorldPack;
  readonly persona: PlayerPersona;
  readonly provider: Provider;
  readonly clock: Clock;
  readonly judge?: Judge;
  pacing(): PacingEstimate;
  /** Appends a record to the log, then applies it to the tree. */
  commit(record: SessionRecord): Promise<void>;
  /** The prompt for another reply to `node` under `plan`. */
  turnPrompt(node: TurnNode, plan: Plan): TurnPrompt;
  /** A candidate's request with the story's samplers (engine/samplers), as the turn's own were sent. */
  sampled(request: CandidateRequest, index: number): CandidateRequest;
  saveProfile(): Promise<void>;
  /** An `error` event the player reads. */
  error(turn: number, message: string, retryable?: boolean): SessionEvent;
}

/** The node of the active branch at `turnNumber`, or its last; with the error to show when none. */
export function turnAt(tree: SessionTree, turnNumber: number | undefined, what: string): TurnNode | string {
  const branch = tree.branch();
  const node = turnNumber === undefined ? branch[branch.length - 1] : branch.find((n) => n.number === turnNumber);
  if (node) return node;
  return turnNumber === undefined ? `There is no reply to ${what} yet; send a message first.` : `There is no turn ${turnNumber} on this branch.`;
}
