/**
 * The session's public surface: the Session every front end drives, the interface they drive it
 * through, and the log it writes. The other modules of this folder are its parts.
 */
export { Session } from './session.js';
export { SessionError } from './errors.js';
export type { SessionDeps } from './deps.js';
export type { BranchSummary, SessionHandle, SessionSnapshot, TurnOptions } from './api.js';
export {
  MemorySessionStore,
  type CandidateRecord,
  type SessionRecord,
  type SessionStartRecord,
  type SessionStore,
  type TurnRecord,
} from './records.js';
export type { Judge } from './turn-runner.js';
