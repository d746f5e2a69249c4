/**
 * A clean copy of a session beside the original, which is never touched: every record that loaded
 * (re-attached, renamed and checked as `loadSession` left them), each line with its checksum,
 * under a new id. `skald sessions repair` writes one after damage; `--copy` plays on in one while
 * another process holds the original.
 */
import { randomBytes } from 'node:crypto';
import { link, open, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { SessionRecord } from '../engine/session/records.js';
import type { LoadedSession } from './load.js';
import { logLines, sessionPath } from './session-file.js';
import { diagnosticsPath } from './diagnostics.js';

/**
 * Writes `loaded`'s records as a new session `<id>-<suffix>` (or `-<suffix>2`, ... when taken) in
 * the original's folder; resolves to the new id once the copy is on disk in full.
 */
export async function writeSessionCopy(
  loaded: LoadedSession,
  suffix: 'copy' | 'repaired',
): Promise<{ id: string; path: string; records: number }> {
  const dir = dirname(loaded.path);
  const base = `${loaded.id.replace(/-(copy|repaired)\d*$/, '')}-${suffix}`;
  let id = base;
  for (let k = 2; existsSync(sessionPath(id, dir)); k++) id = `${base}${k}`;
  const records: SessionRecord[] = loaded.records.map((r) => (r.type === 'session-start' ? { ...r, id } : r));
  const path = await writeWholeSession(dir, id, records);
  return { id, path, records: records.length };
}

/**
 * Writes `records` as the new session `id` in `dir`, every line sealed as the store writes it:
 * under a hidden name, then linked in place (never over a file), so the session is whole or not
 * there. Resolves to its path.
 */
export async function writeWholeSession(dir: string, id: string, records: readonly SessionRecord[]): Promise<string> {
  const path = sessionPath(id, dir);
  const temp = join(dir, `.${id}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const lines = logLines(records);
  // The side file first (diagnostics.ts): a copy that appears has its diagnostics with it.
  const side = await open(diagnosticsPath(path), 'w', 0o600);
  try {
    for (const line of lines) if (line.diagnostics !== undefined) await side.write(`${line.diagnostics}\n`, null, 'utf8');
    await side.datasync();
  } finally {
    await side.close();
  }
  const handle = await open(temp, 'wx', 0o600);
  try {
    for (const line of lines) await handle.write(`${line.story}\n`, null, 'utf8');
    await handle.datasync();
    await link(temp, path);
  } finally {
    await handle.close();
    await unlink(temp).catch(() => undefined);
  }
  return path;
}
