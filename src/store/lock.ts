/**
 * One writer per session file. Two processes appending to one log (two terminals, `--resume last`
 * twice) each count node ids on their own and interleave their turns; so a session is held by an
 * exclusive lock file beside it (`<id>.jsonl.lock`: pid, host, since when, and on Linux when the
 * process started). A lock whose process is gone (kill -9, a crash) is taken over, and so is one
 * whose pid a later process was given (its start differs); a live one is named to the player, with
 * a way on.
 */
import { hostname } from 'node:os';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { readFileSync, unlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { processStart } from './process-start.js';

export interface LockHolder {
  pid: number;
  host: string;
  /** ms since the epoch. */
  since: number;
  /** When the holder's process started (process-start.ts), where it can be read: a reused pid does not match it. */
  start?: string;
}

/** Thrown when another live process holds the session. */
export class SessionLockedError extends Error {
  override readonly name = 'SessionLockedError';
  constructor(
    readonly sessionId: string,
    readonly holder: LockHolder,
  ) {
    super(lockedMessage(sessionId, holder));
  }
}

/** One line: who holds it, since when, and how to play on anyway. */
export function lockedMessage(id: string, holder: LockHolder): string {
  const since = new Date(holder.since).toISOString().replace('T', ' ').slice(0, 16);
  const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
  return `Session ${id} is open in another skald (${where}, since ${since} UTC); close it there, or play on in a copy: \`skald play --resume ${id} --copy\`.`;
}

export const lockPath = (sessionFile: string) => `${sessionFile}.lock`;

/**
 * Whether `holder` is still running: its pid is, and (where the lock recorded it and it can be read)
 * that process started when the holder did, so a pid handed on to another process does not count.
 * A process on another host cannot be checked, so it counts as alive.
 */
export function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (holder.start === undefined) return true;
  const start = processStart(holder.pid);
  return start === undefined || start === holder.start;
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.since === 'number' && typeof value.host === 'string')
      return { pid: value.pid, host: value.host, since: value.since, ...(typeof value.start === 'string' ? { start: value.start } : {}) };
  } catch {
    // a lock file cut off while it was written: its writer died at once
  }
  return undefined;
}

/** The holder of `sessionFile`'s lock, if any (a live or a stale one). */
export function readLock(sessionFile: string): LockHolder | undefined {
  try {
    return parseHolder(readFileSync(lockPath(sessionFile), 'utf8'));
  } catch {
    return undefined;
  }
}

export interface SessionLock {
  holder: LockHolder;
  release(): Promise<void>;
}

const held = new Set<string>();
let exitHooked = false;

/**
 * Takes the lock of `sessionFile` for this process, taking over a stale one; throws
 * SessionLockedError naming a live holder.
 */
export async function acquireLock(sessionFile: string, sessionId: string, now: number = Date.now()): Promise<SessionLock> {
  const path = lockPath(sessionFile);
  const start = processStart(process.pid);
  const mine: LockHolder = { pid: process.pid, host: hostname(), since: now, ...(start ? { start } : {}) };
  const text = JSON.stringify(mine);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(text);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      held.add(path);
      hookExit();
      return { holder: mine, release: () => releaseLock(path, text) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let found: string;
    try {
      found = await readFile(path, 'utf8');
    } catch {
      continue; // released between our two calls: try again
    }
    const holder = parseHolder(found);
    if (holder && (holder.pid === process.pid && holder.host === mine.host ? held.has(path) : holderAlive(holder)))
      throw new SessionLockedError(sessionId, holder);
    await takeOver(path, found);
  }
  throw new Error(`The lock of session ${sessionId} kept changing hands; try again.`);
}

/**
 * Moves a stale lock aside. If what was moved is no longer the stale lock (another process took
 * it over first), it is put back, so two takers never both win.
 */
async function takeOver(path: string, stale: string): Promise<void> {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  const moved = await readFile(aside, 'utf8').catch(() => stale);
  if (moved !== stale) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

async function releaseLock(path: string, text: string): Promise<void> {
  if (!held.delete(path)) return;
  try {
    if ((await readFile(path, 'utf8')) === text) await unlink(path);
  } catch {
    // already gone
  }
}

/** A process that exits without closing its stores still leaves no lock behind. */
function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const path of held) {
      try {
        const holder = parseHolder(readFileSync(path, 'utf8'));
        if (holder?.pid === process.pid) unlinkSync(path);
      } catch {
        // nothing to clean
      }
    }
  });
}
