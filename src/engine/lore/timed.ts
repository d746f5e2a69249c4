/**
 * World Info's rules beyond keys, as SillyTavern applies them, counted in messages: `delay` (the
 * story must be this long), `sticky` (a fired entry stays for this many messages), `cooldown` (then
 * rests for this many), `probability` (a roll from the story's seed), and inclusion groups (one
 * member of a group fires: by priority with `groupOverride`, else a draw weighted by `groupWeight`,
 * among the best-scoring members with `groupScoring`).
 */
import type { LoreEntry } from '../../world/types.js';

/** Where an entry stands in time at `messages`: held by its sticky span, resting, or not yet due. */
export type TimedState = 'sticky' | 'cooldown' | 'delay' | undefined;

/** The state of `entry` when the story has `messages` messages and it last fired on its own at `firedAt`. */
export function timedState(entry: LoreEntry, messages: number, firedAt: number | undefined): TimedState {
  if (firedAt !== undefined && firedAt < messages) {
    const sticky = entry.sticky ?? 0;
    if (messages < firedAt + sticky) return 'sticky';
    if (messages < firedAt + sticky + (entry.cooldown ?? 0)) return 'cooldown';
  }
  if (entry.delay !== undefined && messages < entry.delay) return 'delay';
  return undefined;
}

/** The groups an entry belongs to (`group: "a, b"`). */
export function groupsOf(entry: LoreEntry): string[] {
  return entry.group
    ? entry.group
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean)
    : [];
}

/** One matched entry as the group draw sees it. */
export interface GroupCandidate {
  entry: LoreEntry;
  /** Keys that matched (primary and secondary): `groupScoring` keeps the best. */
  score: number;
  sticky: boolean;
  /** Pack order, for ties. */
  index: number;
}

/**
 * Of each group's candidates, the one that fires; the others lose. A sticky member keeps its
 * group; `groupOverride` on any member picks by priority; otherwise a draw weighted by
 * `groupWeight` (default 100), among the highest scores when a member asks for `groupScoring`.
 * Without `random`, the first candidate by priority wins (deterministic callers).
 */
export function drawGroups<T extends GroupCandidate>(
  candidates: readonly T[],
  random: (() => number) | undefined,
): { winners: Set<T>; losers: Set<T> } {
  const byGroup = new Map<string, T[]>();
  for (const c of candidates) for (const g of groupsOf(c.entry)) byGroup.set(g, [...(byGroup.get(g) ?? []), c]);
  const losers = new Set<T>();
  // Groups in name order, so a member of two groups is decided the same way every time.
  for (const name of [...byGroup.keys()].sort()) {
    const members = (byGroup.get(name) ?? []).filter((m) => !losers.has(m));
    if (members.length <= 1) continue;
    const winner = pickWinner(members, random);
    for (const m of members) if (m !== winner) losers.add(m);
  }
  return { winners: new Set(candidates.filter((c) => !losers.has(c))), losers };
}

const byPriority = (a: GroupCandidate, b: GroupCandidate) => b.entry.priority - a.entry.priority || a.index - b.index;

function pickWinner<T extends GroupCandidate>(members: T[], random: (() => number) | undefined): T {
  const sticky = members.filter((m) => m.sticky).sort(byPriority);
  if (sticky[0]) return sticky[0];
  if (members.some((m) => m.entry.groupOverride) || !random) return [...members].sort(byPriority)[0];
  let pool = members;
  if (members.some((m) => m.entry.groupScoring)) {
    const best = Math.max(...members.map((m) => m.score));
    pool = members.filter((m) => m.score === best);
  }
  const weights = pool.map((m) => Math.max(0, m.entry.groupWeight ?? 100));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return [...pool].sort(byPriority)[0];
  let roll = random() * total;
  for (let i = 0; i < pool.length; i++) {
    roll -= weights[i];
    if (roll < 0) return pool[i];
  }
  return pool[pool.length - 1];
}

/** Whether an entry passes its probability roll (always, at 100 or without a roll to make). */
export function passesRoll(entry: LoreEntry, random: (() => number) | undefined): { pass: boolean; roll?: number } {
  const chance = entry.probability ?? 100;
  if (chance >= 100 || !random) return { pass: true };
  const roll = random() * 100;
  return { pass: roll < chance, roll: Math.floor(roll) };
}
