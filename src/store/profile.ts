/**
 * The player's long-term pacing profile: one small JSON file at `dataPaths().profile`, shared by
 * every session and world. Written to a temporary file and renamed, so a crash leaves either the
 * old or the new profile; a missing or damaged file simply means a fresh start.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { dataPaths } from '../paths.js';
import type { PacingProfile } from '../engine/types.js';

function finite(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** The profile in `value`, clamped into range, or undefined when it is not a version-1 profile. */
export function parsePacingProfile(value: unknown): PacingProfile | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.version !== 1 || !finite(v.score)) return undefined;
  const stats: Record<string, number> = {};
  if (typeof v.stats === 'object' && v.stats !== null) {
    for (const [key, count] of Object.entries(v.stats as Record<string, unknown>)) if (finite(count)) stats[key] = count;
  }
  return {
    version: 1,
    score: Math.max(-1, Math.min(1, v.score)),
    confidence: finite(v.confidence) ? Math.max(0, Math.min(1, v.confidence)) : 0,
    turns: finite(v.turns) ? Math.max(0, Math.floor(v.turns)) : 0,
    sessions: finite(v.sessions) ? Math.max(0, Math.floor(v.sessions)) : 0,
    updatedAt: finite(v.updatedAt) ? v.updatedAt : 0,
    stats,
  };
}

/** The saved profile, or undefined when there is none or it is unreadable (then a fresh one starts). */
export async function loadProfile(path: string = dataPaths().profile): Promise<PacingProfile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return parsePacingProfile(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Saves the profile atomically (temporary file, then rename), stamping `updatedAt` with `now`. */
export async function saveProfile(profile: PacingProfile, path: string = dataPaths().profile, now: number = Date.now()): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify({ ...profile, updatedAt: now }, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * A saver for the Session's `saveProfile` that never makes a turn wait for the disk: the latest
 * profile is written in the background, at most once per `intervalMs` (a profile moves slowly),
 * later ones replacing any not yet written. `flush()` writes what is pending at once and resolves
 * when it is on disk or failed: the profile is a convenience, and a failed save only means the
 * next session starts from an older estimate.
 */
export function backgroundProfileSaver(
  path?: string,
  intervalMs = 1000,
): { save: (profile: PacingProfile) => Promise<void>; flush: () => Promise<void> } {
  let pending: PacingProfile | undefined;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastWrite = -Infinity;
  let hooked = false;
  const drain = async (): Promise<void> => {
    while (pending) {
      const next = pending;
      pending = undefined;
      lastWrite = Date.now();
      await saveProfile(next, path).catch(() => undefined);
    }
    running = undefined;
  };
  const start = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    running ??= drain();
  };
  return {
    save(profile) {
      pending = profile;
      if (!hooked) {
        // The timer never keeps the process alive; a process that ends on its own writes what is pending first.
        hooked = true;
        process.on('beforeExit', () => {
          if (pending && !running) start();
        });
      }
      if (!timer && !running) timer = setTimeout(start, Math.max(0, lastWrite + intervalMs - Date.now())).unref();
      return Promise.resolve();
    },
    async flush() {
      if (pending && !running) start();
      await running;
    },
  };
}
