/**
 * What the reply revisions (continue, edit, delete, impersonate) need of the Session: its tree and
 * log, its narrator, and the inputs a turn's reply is written from. The Session hands this over,
 * so these steps live in their own modules and change its state only through `commit`.
 */
import type { SessionRecord } from '../session/records.js';
import type { SessionTree, TurnNode } from '../session/tree.js';
import type { TurnInputs } from '../session/turn-inputs.js';
import type { Judge } from '../session/turn-runner.js';
import type { CandidateRequest, Clock, PacingEstimate, Provider, SessionEvent, StopSource } from '../types.js';

export interface ReviseHost {
  readonly tree: SessionTree;
  readonly provider: Provider;
  readonly clock: Clock;
  readonly judge?: Judge;
  pacing(): PacingEstimate;
  /** Appends a record to the log, then applies it to the tree. */
  commit(record: SessionRecord): Promise<void>;
  /** What another reply at `node` is written and judged from, as its first replies were. */
  turnInputs(node: TurnNode): TurnInputs;
  /** A candidate's request with the story's samplers (engine/samplers), as the turn's own were sent. */
  sampled(request: CandidateRequest, index: number): CandidateRequest;
  /**
   * The stop strings a request carries (the template's, the player's, then the prompt's own `own`),
   * each with where it came from; `draw` is the request's seed and turn, for the template's `{{random}}`.
   */
  stop(own: readonly string[], draw?: { seed: number; turn: number }): { stop: string[]; stopFrom: StopSource[] };
  saveProfile(): Promise<void>;
  /** An `error` event the player reads. */
  error(turn: number, message: string, retryable?: boolean): SessionEvent;
}

/** The node of the active branch at `turnNumber`, or its last; with the error to show when none. */
export function turnAt(tree: SessionTree, turnNumber: number | undefined, what: string): TurnNode | string {
  const node = turnNumber === undefined ? tree.branch().at(-1) : tree.atTurn(turnNumber);
  if (node) return node;
  return turnNumber === undefined
    ? `There is no reply to ${what} yet; send a message first.`
    : `There is no turn ${turnNumber} on this branch.`;
}
