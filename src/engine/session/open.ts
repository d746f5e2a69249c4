/**
 * The one way a front end gets a Session: headless play and the TUI (cli/session-setup.ts), an
 * eval episode and both sides of the arena. Each brings its own store, clock, seed and id; this
 * decides once whether the log is continued or a story starts, and that a model narrator writes
 * the rolling summary with the same model (the offline narrator's is extractive).
 */
import { Session } from './session.js';
import type { SessionDeps } from './deps.js';
import { modelSummarizer } from '../memory/model-summary.js';
import type { SessionRecord } from './records.js';

export interface OpenSessionInput extends SessionDeps {
  /** The log to continue; a new story starts when it is absent or empty. */
  records?: readonly SessionRecord[];
}

/** Starts a session, or restores it from `records`, with the dependencies every front end shares. */
export async function openSession({ records, ...deps }: OpenSessionInput): Promise<Session> {
  const withSummary: SessionDeps = deps.summarize || deps.provider.offline ? deps : { ...deps, summarize: modelSummarizer(deps.provider) };
  return records && records.length > 0 ? Session.restore(records, withSummary) : Session.create(withSummary);
}
