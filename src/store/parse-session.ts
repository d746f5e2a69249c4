/**
 * A session log parsed at once, for callers that cannot wait for an import (the store's tests, the
 * fuzz): the schema, and zod with it, is loaded up front. `loadSession` (load.ts) reads the same
 * way but loads zod only when a record needs it.
 */
import { finishLog, readLog, type ParsedLog } from './parse-log.js';
import { schemaProblem } from './schema.js';

/**
 * Parses a log's bytes into records and warnings. `id` (the file's session id) lets a damaged
 * start record be rebuilt.
 */
export function parseSessionBytes(bytes: Buffer, label: string, id?: string): ParsedLog {
  const read = readLog(bytes);
  return finishLog(read, bytes, label, id, schemaProblem);
}

/** Parses a log's text into records and warnings. */
export function parseSessionLog(text: string, label: string, id?: string): ParsedLog {
  return parseSessionBytes(Buffer.from(text, 'utf8'), label, id);
}
