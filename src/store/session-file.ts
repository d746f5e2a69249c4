/**
 * Writes a session's log: JSON Lines, one record per line, appended and flushed to disk before
 * `append` resolves, so a turn counts as committed only once it survives a crash. The file is
 * never rewritten, truncated or replaced.
 */
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { dataPaths } from '../config/paths.js';
import type { SessionRecord, SessionStore } from '../engine/session/records.js';
import { compactRecord } from './compact.js';

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

/**
 * An append-only store for one session's file. A new session's path comes from its first record
 * (`session-start`); a resumed one is opened with its id.
 */
export class JsonlSessionStore implements SessionStore {
  private handle: FileHandle | undefined;
  private path: string | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** A resumed file whose last line was torn: the next record starts on a fresh line. */
  private needsNewline = false;

  constructor(private readonly options: { id?: string; dir?: string } = {}) {
    if (options.id) this.path = sessionPath(options.id, options.dir);
  }

  /** The file being written, once known. */
  get file(): string | undefined {
    return this.path;
  }

  append(record: SessionRecord): Promise<void> {
    // Appends are serialised so that records land in the order they were made.
    const next = this.queue.then(() => this.write(record));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Closes the file; later appends reopen it. */
  async close(): Promise<void> {
    await this.queue;
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  private async write(record: SessionRecord): Promise<void> {
    if (!this.path) {
      if (record.type !== 'session-start') throw new Error('The first record of a new session must be its start.');
      this.path = sessionPath(record.id, this.options.dir);
      this.handle = await this.create(this.path);
    }
    if (!this.handle) this.handle = await this.openForAppend(this.path);
    const line = `${this.needsNewline ? '\n' : ''}${JSON.stringify(compactRecord(record))}\n`;
    await this.handle.appendFile(line, 'utf8');
    await this.handle.datasync();
    this.needsNewline = false;
  }

  /** A new session's file, created exclusively: an existing session is never appended to by mistake. */
  private async create(path: string): Promise<FileHandle> {
    await mkdir(join(path, '..'), { recursive: true });
    try {
      return await open(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`A session file already exists at ${path}; start the session again for a new id.`);
      throw error;
    }
  }

  private async openForAppend(path: string): Promise<FileHandle> {
    await mkdir(join(path, '..'), { recursive: true });
    const size = await stat(path).then((s) => s.size, () => 0);
    const handle = await open(path, 'a', 0o600);
    if (size > 0) {
      // Look at the last byte only: a torn line must not swallow the next record.
      const reader = await open(path, 'r');
      try {
        const { bytesRead, buffer } = await reader.read(Buffer.alloc(1), 0, 1, size - 1);
        this.needsNewline = bytesRead === 1 && buffer[0] !== 0x0a;
      } finally {
        await reader.close();
      }
    }
    return handle;
  }
}
