/**
 * Real stories for the suites: a bundled world played by the offline narrator, and player lines
 * that vary like a person's do (so critics and lore see a moving story, not one line repeated).
 */
import { join } from 'node:path';
import { Session } from '../src/engine/session/index.js';
import { MemorySessionStore, type SessionStore } from '../src/engine/session/records.js';
import type { Provider } from '../src/engine/types.js';
import { createOfflineNarrator } from '../src/providers/offline/index.js';
import { loadPack } from '../src/world/load.js';
import type { WorldPack } from '../src/world/types.js';
import { ROOT } from './lib.js';

const LINES = [
  'I knock twice on the orchard gate.',
  'Who tends these trees at night?',
  'I hold the lantern higher and look at the glass fruit.',
  '"Tamsin, what happened here last winter?"',
  'I wait and listen to the wind in the branches.',
  'I follow the footprints toward the well.',
  'Ask her about the letter my mother left.',
  'I sit on the stone bench and say nothing for a while.',
  'I pick up the cracked glass apple and turn it over.',
  '"I will not leave until you tell me the truth."',
  'Go back to the house and check the cellar door.',
  'I offer her the bread from my pack.',
];

/** The player's line for turn `n` (1-based), with the number so no two are the same. */
export function playerLine(n: number): string {
  return `${LINES[(n - 1) % LINES.length]} (${n})`;
}

/** A bundled world, loaded through the real loader. */
export async function bundledWorld(id = 'glass-orchard'): Promise<WorldPack> {
  const result = await loadPack(join(ROOT, 'worlds', id), 'bundled');
  if (!result.ok) throw new Error(`bundled world ${id} does not load: ${result.problems.map((p) => p.message).join('; ')}`);
  return result.loaded.pack;
}

/** A clock that moves 1.5 s per reading, so records look like play. */
export function steppingClock(start = Date.UTC(2026, 10, 1, 20, 0, 0)) {
  let t = start;
  return { now: () => (t += 1500) };
}

/** A session on `pack` with the offline narrator unless a provider is given. */
export async function newSession(
  pack: WorldPack,
  options: { candidates?: number; provider?: Provider; store?: SessionStore; seed?: number } = {},
): Promise<Session> {
  return Session.create({
    pack,
    provider: options.provider ?? createOfflineNarrator({ seed: options.seed ?? 1 }),
    store: options.store ?? new MemorySessionStore(),
    clock: steppingClock(),
    seed: options.seed ?? 1,
    candidates: options.candidates ?? 3,
  });
}

/** Plays `turns` turns (numbered from the session's current length); fails on an error event. */
export async function playTurns(session: Session, turns: number, onTurn?: (n: number, ms: number) => void): Promise<void> {
  for (let i = 0; i < turns; i++) {
    const n = session.turns().length + 1;
    const start = performance.now();
    let committed = false;
    for await (const event of session.play({ text: playerLine(n) })) {
      if (event.type === 'turn-done') committed = true;
    }
    if (!committed) throw new Error(`turn ${n} was not committed`);
    onTurn?.(n, performance.now() - start);
  }
}
