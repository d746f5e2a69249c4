/**
 * Where session logs live and which ids may name one: apart from the writer (session-file.ts, which
 * re-exports them) so that `sessions show`'s quick path (cli/sessions-show-launch.ts) can find a log
 * without loading the writer, its lock and its encoders.
 */
import { join } from 'node:path';
import { dataPaths } from '../paths.js';

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** True when `id` can name a session file (no separators, no `..`). */
export function isSessionId(id: string): boolean {
  return SAFE_ID.test(id) && !id.includes('..');
}

/** The folder that holds the session logs. */
export function sessionsDir(): string {
  return dataPaths().sessions;
}

/** The log file of session `id`. */
export function sessionPath(id: string, dir: string = sessionsDir()): string {
  if (!isSessionId(id)) throw new Error(`"${id}" is not a session id.`);
  return join(dir, `${id}.jsonl`);
}
