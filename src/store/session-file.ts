/**
 * Writes a session's log: JSON Lines, one record per line, each with its checksum, appended and
 * flushed to disk before `append` resolves, so a turn counts as committed only once it survives a
 * crash. The file is never rewritten, truncated or replaced. A failed write (a full disk) can
 * leave half a line: the first append through a handle, and the first after a failed write, read
 * the file's last byte again, so the next record always starts on a line of its own. One process
 * writes a session at a time (lock.ts), so a file whose every write through us completed still
 * ends with our newline.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionRecord, SessionStore, TurnRecord } from '../engine/session/records.js';
import { sealJson } from './checksum.js';
import { compactRecord } from './compact.js';
import { diagnosticsPath, splitRecord } from './diagnostics.js';
import { acquireLock, type SessionLock } from './lock.js';
import { SummaryEncoder } from './summary-form.js';
import { isSessionId, sessionPath, sessionsDir } from './session-paths.js';

/**
 * The side file is flushed to disk with every this many of its lines, and on close; the log with
 * every record. A kill -9 loses nothing either way (written lines are in the page cache); a power
 * cut can lose the diagnostics of the last turns, whose story the log keeps, and they then load
 * without them (one warning). A flush a turn was ~0.2 ms of CPU a turn.
 */
export const SIDE_SYNC_EVERY = 16;

export { isSessionId, sessionPath, sessionsDir };

/** A record as one line with everything inline (no newline): compacted, checksum first. Logs before the side file were written so, and still load. */
export function recordLine(record: SessionRecord): string {
  return sealJson(JSON.stringify(compactRecord(record)));
}

/** A record's lines (no newlines), and for a turn, what to call once they are on disk. */
export interface RecordLines {
  story: string;
  diagnostics?: string;
  /** Tells the summary encoder the turn is written, so later turns' summaries may build on it. */
  written?: () => void;
}

/**
 * The lines a record is written as (no newlines): the log's line, compacted with its checksum
 * first, and the side file's line with its diagnostics, when it has any (diagnostics.ts). With
 * `summaries` (the log's encoder), a turn's rolling summary is stored as an edit of its parent's
 * when that is smaller (summary-form.ts); without, whole.
 */
export function recordLines(record: SessionRecord, summaries?: SummaryEncoder): RecordLines {
  const { story, diagnostics } = splitRecord(record);
  const stored = compactRecord(story);
  let written: (() => void) | undefined;
  if (summaries && record.type === 'turn' && stored.type === 'turn') {
    const memory = summaries.encode(record);
    // compactRecord made the turn a new object: its memory may be replaced.
    stored.memory = memory as TurnRecord['memory'];
    written = () => summaries.remember(record, memory);
  }
  return {
    story: sealJson(JSON.stringify(stored)),
    ...(diagnostics ? { diagnostics: sealJson(JSON.stringify(diagnostics)) } : {}),
    ...(written ? { written } : {}),
  };
}

/** The lines of a whole log written in one go, in order (a copy, an import): summaries compact as the store writes them. */
export function logLines(records: readonly SessionRecord[]): RecordLines[] {
  const summaries = new SummaryEncoder();
  return records.map((record) => {
    const lines = recordLines(record, summaries);
    lines.written?.();
    return lines;
  });
}

/** The file calls the store makes; tests pass one that fails the way a full disk does. */
export type OpenFile = (path: string, flags: 'wx' | 'a+', mode: number) => Promise<FileHandle>;

export interface JsonlStoreOptions {
  /** A resumed session's id; a new session's comes from its start record. */
  id?: string;
  dir?: string;
  open?: OpenFile;
}

/**
 * An append-only store for one session's file. A new session's path comes from its first record
 * (`session-start`); a resumed one is opened with its id, and `lock()`ed before it is replayed.
 */
export class JsonlSessionStore implements SessionStore {
  private handle: FileHandle | undefined;
  private side: FileHandle | undefined;
  private path: string | undefined;
  private queue: Promise<void> = Promise.resolve();
  private lock_: SessionLock | undefined;
  private readonly openFile: OpenFile;
  /** Handles whose every write completed since the file's tail was last read: they end with a newline. */
  private readonly whole = new WeakSet<FileHandle>();
  /** What this store wrote of each turn's summary: an edit only ever names a turn already on disk. */
  private readonly summaries = new SummaryEncoder();
  /** Side lines written since the side file was last flushed to disk. */
  private sideUnsynced = 0;

  constructor(private readonly options: JsonlStoreOptions = {}) {
    if (options.id) this.path = sessionPath(options.id, options.dir);
    this.openFile = options.open ?? ((path, flags, mode) => open(path, flags, mode));
  }

  /** The file being written, once known. */
  get file(): string | undefined {
    return this.path;
  }

  /**
   * Takes the session's lock (a resumed session: before its records are read for play). Throws
   * SessionLockedError, naming the holder, when another live process has it.
   */
  async lock(): Promise<void> {
    if (this.lock_) return;
    if (!this.path) throw new Error('A new session is locked when its start record is written.');
    await mkdir(join(this.path, '..'), { recursive: true });
    this.lock_ = await acquireLock(this.path, this.options.id ?? this.path);
  }

  append(record: SessionRecord): Promise<void> {
    // Appends are serialised so that records land in the order they were made.
    const next = this.queue.then(() => this.write(record));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Closes the file and gives up the lock; later appends reopen (and lock) it. */
  async close(): Promise<void> {
    await this.queue;
    const handle = this.handle;
    const side = this.side;
    this.handle = undefined;
    this.side = undefined;
    await handle?.close();
    // The story is on disk already; a side file that cannot be flushed does not keep the lock.
    if (side && this.sideUnsynced > 0) await side.datasync().catch(() => undefined);
    this.sideUnsynced = 0;
    await side?.close();
    const lock = this.lock_;
    this.lock_ = undefined;
    await lock?.release();
  }

  private async write(record: SessionRecord): Promise<void> {
    if (!this.path) {
      if (record.type !== 'session-start') throw new Error('The first record of a new session must be its start.');
      const path = sessionPath(record.id, this.options.dir);
      await mkdir(join(path, '..'), { recursive: true });
      const lock = await acquireLock(path, record.id);
      try {
        await (await this.create(path)).close();
      } catch (error) {
        await lock.release();
        throw error;
      }
      this.path = path;
      this.lock_ = lock;
    }
    if (!this.lock_) await this.lock();
    if (!this.handle) this.handle = await this.openFile(this.path, 'a+', 0o600);
    const lines = recordLines(record, this.summaries);
    // The diagnostics first: a log line is never in the file without its side line (unless the side
    // file is damaged, or lost its last lines to a power cut), and a side line whose log line a
    // crash prevented is never matched.
    let side: FileHandle | undefined;
    if (lines.diagnostics !== undefined) {
      side = this.side ??= await this.openFile(diagnosticsPath(this.path), 'a+', 0o600);
      await this.appendLine(side, lines.diagnostics);
      if (++this.sideUnsynced < SIDE_SYNC_EVERY) side = undefined;
    }
    await this.appendLine(this.handle, lines.story);
    // The log's line is durable before append resolves; a side flush that is due waits with it.
    await Promise.all([this.handle.datasync(), side?.datasync()]);
    if (side) this.sideUnsynced = 0;
    lines.written?.();
  }

  private async appendLine(handle: FileHandle, text: string): Promise<void> {
    // A stat and a read per append were a third of the store's CPU a turn: skipped while every
    // write through this handle has completed; a failed one leaves the handle unmarked.
    const clean = this.whole.has(handle) || (await this.endsLine(handle));
    this.whole.delete(handle);
    const bytes = Buffer.from(`${clean ? '' : '\n'}${text}\n`, 'utf8');
    for (let written = 0; written < bytes.length;) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, null);
      written += bytesWritten;
    }
    this.whole.add(handle);
  }

  /** Whether the file is empty or ends with a newline: a write that failed half-way leaves neither. */
  private async endsLine(handle: FileHandle): Promise<boolean> {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(1), 0, 1, size - 1);
    return bytesRead === 1 && buffer[0] === 0x0a;
  }

  /** A new session's file, created exclusively: an existing session is never appended to by mistake. */
  private async create(path: string): Promise<FileHandle> {
    try {
      return await this.openFile(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new Error(`A session file already exists at ${path}; start the session again for a new id.`);
      throw error;
    }
  }
}
