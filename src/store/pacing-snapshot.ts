/**
 * A resumed story's pacing state, kept beside its log (`<id>.jsonl.pacing`) so the next resume
 * replays the pacing model from there instead of from the first player message (reading the cues
 * of 10,000 messages again was seconds). It is a cache: written whole beside itself and renamed
 * (a kill leaves the old one or the new one), sealed with a checksum, and used only when the log
 * record it was taken after is still there, at the same place, with the same time. Missing,
 * damaged or stale, it is ignored and the replay starts from the beginning, as for a log from
 * before snapshots; the log itself is never written here.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { PacingState } from '../engine/pacing/index.js';
import type { SessionRecord } from '../engine/session/records.js';
import { checkSeal, parseUnsealed, sealJson } from './checksum.js';

/** The snapshot file of the log at `logPath`. */
export const pacingPath = (logPath: string): string => `${logPath}.pacing`;

interface Stored {
  v: 1;
  /** Records of the log the state covers, the start record counted. */
  covered: number;
  type: string;
  at: number;
  state: PacingState;
}

/** The snapshot for `records` (the log as loaded), or undefined when there is none that fits them. */
export async function readPacingSnapshot(
  logPath: string,
  records: readonly SessionRecord[],
): Promise<{ state: PacingState; covered: number } | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(pacingPath(logPath));
  } catch {
    return undefined;
  }
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0a ? bytes.length - 1 : bytes.length;
  if (checkSeal(bytes, 0, end) !== 'sealed') return undefined;
  let stored: Stored;
  try {
    stored = parseUnsealed(bytes, 0, end) as Stored;
  } catch {
    return undefined;
  }
  const last = Number.isSafeInteger(stored.covered) && stored.covered >= 1 ? records[stored.covered - 1] : undefined;
  if (stored.v !== 1 || !last || last.type !== stored.type || last.at !== stored.at) return undefined;
  return { state: stored.state, covered: stored.covered };
}

/** Keeps `state`, the pacing model after the first `covered` of `records`; a failure only costs the next resume time. */
export async function writePacingSnapshot(
  logPath: string,
  records: readonly SessionRecord[],
  state: PacingState,
  covered: number,
): Promise<void> {
  const last = records[covered - 1];
  if (!last) return;
  const stored: Stored = { v: 1, covered, type: last.type, at: last.at, state };
  const path = pacingPath(logPath);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${sealJson(JSON.stringify(stored))}\n`, { mode: 0o600 });
    await rename(temporary, path);
  } catch {
    // A cache: the next resume replays from the start, as it always could. A half-written
    // temporary (a full disk) is not left beside the log.
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}
