/**
 * Plot threads: when the story stalls the planner brings in the next beat of one of the pack's
 * threads. Progress is read from the earlier plans along the branch, never kept on the side, so
 * a rewind or a new branch sees exactly the threads its own story has used.
 */
import type { WorldPack } from '../../world/types.js';
import type { Plan, Random } from '../types.js';

export type ThreadBeat = NonNullable<Plan['thread']>;

/**
 * Turns a thread beat is given to land before the next one may come: the characters answer it
 * first. A waiting player was given a new beat every turn, so all three threads of a pack were
 * told by turn 20 and the next eighty turns had nothing left to bring in.
 */
export const THREAD_ROOM = 3;

/**
 * Turns without a thread beat after which the story brings one in by itself, stalled or not: a
 * slow burn lingers longer (ten turns), a fast story less (five). A slow player who wrote long
 * messages never stalled, and was told none of a pack's threads in 100 turns.
 */
export function threadGap(pacing: number): number {
  return Math.max(5, Math.min(10, Math.round(8 - 4 * pacing)));
}

/** Turns since the last thread beat on this branch (since the story began when none came yet). */
export function turnsSinceThread(previousPlans: readonly Plan[]): number {
  for (let i = previousPlans.length - 1; i >= 0; i--) if (previousPlans[i].thread) return previousPlans.length - 1 - i;
  return previousPlans.length;
}

/** Whether every beat of every thread of the pack was brought in on this branch. */
function threadsSpent(pack: WorldPack, previousPlans: readonly Plan[]): boolean {
  const progress = threadProgress(previousPlans);
  return pack.threads.every((t) => (progress.get(t.id) ?? -1) + 1 >= t.beats.length);
}

/** Why no thread beat comes this turn, as a plan's reason says it. */
export function threadsLeft(pack: WorldPack, previousPlans: readonly Plan[]): string {
  if (pack.threads.length === 0) return 'the pack has no threads';
  return threadsSpent(pack, previousPlans) ? 'every thread is spent' : 'the last thread beat is still landing';
}

/** For each thread id, the index of the furthest beat already brought in. */
export function threadProgress(previousPlans: readonly Plan[]): Map<string, number> {
  const progress = new Map<string, number>();
  for (const plan of previousPlans) {
    if (!plan.thread) continue;
    progress.set(plan.thread.id, Math.max(progress.get(plan.thread.id) ?? -1, plan.thread.beatIndex));
  }
  return progress;
}

/**
 * The next thread beat to bring in: the thread most recently advanced while it has beats left
 * (a story follows one line at a time), else the least advanced of the others, near-ties broken
 * by `random`. Undefined when every thread is spent.
 */
export function nextThreadBeat(pack: WorldPack, previousPlans: readonly Plan[], random: Random): ThreadBeat | undefined {
  const progress = threadProgress(previousPlans);
  const open = pack.threads.filter((t) => (progress.get(t.id) ?? -1) + 1 < t.beats.length);
  if (open.length === 0) return undefined;
  const lastThread = [...previousPlans].reverse().find((p) => p.thread)?.thread;
  let thread = lastThread ? open.find((t) => t.id === lastThread.id) : undefined;
  if (!thread) {
    const least = Math.min(...open.map((t) => progress.get(t.id) ?? -1));
    const candidates = open.filter((t) => (progress.get(t.id) ?? -1) === least);
    thread = candidates[Math.floor(random() * candidates.length) % candidates.length];
  }
  const beatIndex = (progress.get(thread.id) ?? -1) + 1;
  return { id: thread.id, title: thread.title, beatIndex, beat: thread.beats[beatIndex] };
}
