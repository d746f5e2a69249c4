/**
 * Lists saved sessions quickly: only each file's first line (its start record) and its stat are
 * read, so hundreds of long sessions list in milliseconds.
 */
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionStartRecord } from '../engine/session/records.js';
import { isSessionId, sessionsDir } from './session-paths.js';
import { SessionLoadError } from './load-error.js';
import { isProvider, salvageStart } from './salvage.js';
import { checkSeal } from './checksum.js';
import { readActivity, type StoryActivity } from './activity.js';

export interface SessionInfo {
  id: string;
  path: string;
  /** Undefined when the first line is unreadable. */
  start?: SessionStartRecord;
  createdAt: number;
  /** Last write (file modification time). */
  updatedAt: number;
  bytes: number;
  /** How far the story got (its log's end), when asked for. */
  activity?: StoryActivity;
}

const HEAD_LIMIT = 256 * 1024;

/** A session file found on disk, before its first line is read. */
interface SessionFile {
  id: string;
  path: string;
  birthtimeMs: number;
  updatedAt: number;
  bytes: number;
}

/** The session files in `dir`, most recently played first (their stat only). */
function sessionFiles(dir: string): SessionFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.jsonl') && isSessionId(name.slice(0, -6)));
  } catch {
    return [];
  }
  const files = names.map((name) => {
    const path = join(dir, name);
    const stats = statSync(path);
    return { id: name.slice(0, -6), path, birthtimeMs: stats.birthtimeMs, updatedAt: stats.mtimeMs, bytes: stats.size };
  });
  return files.sort((a, b) => b.updatedAt - a.updatedAt || b.id.localeCompare(a.id));
}

/**
 * Saved sessions, most recently played first; with `activity`, how far each got too (one read of
 * its log's end each).
 */
export function listSessions(dir: string = sessionsDir(), options: { activity?: boolean } = {}): SessionInfo[] {
  return sessionFiles(dir).map(({ id, path, birthtimeMs, updatedAt, bytes }) => {
    const start = readStart(path, id);
    const activity = options.activity ? readActivity(path, bytes) : undefined;
    return {
      id,
      path,
      ...(start ? { start } : {}),
      createdAt: start?.at ?? birthtimeMs,
      updatedAt,
      bytes,
      ...(activity ? { activity } : {}),
    };
  });
}

/**
 * Resolves `last` or checks that `id` exists. `last` is the story with at least one played turn
 * that was written to last (a story opened and left before its first message would otherwise hide
 * the one the player played), else the newest story. Names and stats answer it, and the end of
 * each log down to that story: a resume with hundreds of stories on disk reads one or two.
 */
export function resolveSessionId(idOrLast: string, dir: string = sessionsDir()): string {
  const sessions = sessionFiles(dir);
  if (idOrLast === 'last') {
    if (sessions.length === 0) throw new SessionLoadError('There are no saved sessions yet; play one with `skald play`.');
    return (sessions.find((s) => readActivity(s.path, s.bytes).played) ?? sessions[0]).id;
  }
  if (sessions.some((s) => s.id === idOrLast)) return idOrLast;
  const prefixed = sessions.filter((s) => s.id.startsWith(idOrLast));
  if (prefixed.length === 1) return prefixed[0].id;
  throw new SessionLoadError(`There is no session "${idOrLast}"; see \`skald sessions list\`.`);
}

function readStart(path: string, id: string): SessionStartRecord | undefined {
  const fd = openSync(path, 'r');
  try {
    let buffer = Buffer.alloc(4096);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, length);
      length += read;
      const newline = buffer.subarray(0, length).indexOf(0x0a);
      if (newline >= 0 || read === 0 || length >= HEAD_LIMIT) {
        const end = newline >= 0 ? newline : length;
        const line = buffer.subarray(0, end).toString('utf8');
        // A line whose checksum fails may name another world: rebuilt as loading it would, without one.
        if (checkSeal(buffer, 0, end) === 'mismatch') return salvageStart(line, id, false)?.start;
        try {
          const value = JSON.parse(line) as SessionStartRecord;
          if (
            value &&
            value.type === 'session-start' &&
            typeof value.packId === 'string' &&
            typeof value.openingId === 'string' &&
            isProvider(value.provider)
          )
            return value;
        } catch {
          // damaged: rebuilt below from what is left, as loading it would
        }
        return salvageStart(line, id)?.start;
      }
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.alloc(buffer.length)]);
    }
  } finally {
    closeSync(fd);
  }
}
