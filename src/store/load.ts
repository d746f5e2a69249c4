/**
 * Reads a session's log without ever writing to it. A torn last line (a crash mid-write) is
 * skipped with a warning; an unreadable line in the middle is reported and skipped, and the rest
 * is kept. A file whose start record is unreadable cannot be loaded, and is left as it is.
 */
import { readFile } from 'node:fs/promises';
import type { SessionRecord, SessionStartRecord } from '../engine/session/records.js';
import { expandRecord } from './compact.js';
import { sessionPath } from './session-file.js';

const RECORD_TYPES = new Set(['session-start', 'turn', 'candidate', 'choose', 'regenerate', 'rewind', 'edit', 'memory', 'branch', 'opening']);

export interface LoadedSession {
  id: string;
  path: string;
  start: SessionStartRecord;
  records: SessionRecord[];
  /** One sentence per problem found (torn or unreadable lines). */
  warnings: string[];
}

/** Thrown when a session cannot be loaded at all; the file is never touched. */
export class SessionLoadError extends Error {
  override readonly name = 'SessionLoadError';
}

/** Parses a log's text into records and warnings. */
export function parseSessionLog(text: string, label: string): { records: SessionRecord[]; warnings: string[] } {
  return parseSessionBytes(Buffer.from(text, 'utf8'), label);
}

/**
 * Parses a log's bytes line by line. Each line is decoded on its own, so a long session never
 * becomes one giant string (decoding and splitting that cost more than parsing the records).
 */
export function parseSessionBytes(bytes: Buffer, label: string): { records: SessionRecord[]; warnings: string[] } {
  const records: SessionRecord[] = [];
  const warnings: string[] = [];
  let start = 0;
  let lineNumber = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    lineNumber += 1;
    const line = bytes.toString('utf8', start, end);
    start = end + 1;
    if (line.trim() === '') continue;
    const record = parseRecord(line);
    if (record) {
      records.push(record);
    } else if (newline < 0) {
      warnings.push(`The last line of ${label} was cut off (probably a crash while saving); it was skipped and everything before it kept.`);
    } else {
      warnings.push(`Line ${lineNumber} of ${label} is unreadable and was skipped; the rest of the session is kept.`);
    }
  }
  return { records, warnings };
}

/** Loads session `id` from the data folder. */
export async function loadSession(id: string, dir?: string): Promise<LoadedSession> {
  const path = sessionPath(id, dir);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SessionLoadError(code === 'ENOENT' ? `There is no session "${id}"; see \`skald sessions list\`.` : `Session "${id}" could not be read (${code ?? String(error)}).`);
  }
  const { records, warnings } = parseSessionBytes(bytes, `session ${id}`);
  const start = records[0];
  if (!start || start.type !== 'session-start') {
    throw new SessionLoadError(`Session "${id}" cannot be loaded: its first record is missing or unreadable. The file was left untouched at ${path}.`);
  }
  return { id, path, start, records, warnings };
}

function parseRecord(line: string): SessionRecord | undefined {
  try {
    const value = JSON.parse(line) as unknown;
    if (value && typeof value === 'object' && RECORD_TYPES.has((value as { type?: unknown }).type as string)) return expandRecord(value as SessionRecord);
  } catch {
    // fall through: reported by the caller with the line number
  }
  return undefined;
}
