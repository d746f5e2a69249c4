/**
 * The plot director's eye: has the story stalled? A stalled story is what makes long self-play
 * loop, so both player kinds steer when this says so.
 */
import type { Turn } from '../../engine/types.js';

/** One sentence on why the story stalls, or undefined when it moves. */
export function stallReason(recent: readonly Turn[]): string | undefined {
  const last = recent[recent.length - 1];
  if (!last) return undefined;
  const flagged = (turn: Turn, id: string) => turn.candidates[turn.chosen]?.critics.some((c) => c.id === id && c.flagged) ?? false;
  if (flagged(last, 'stagnation')) return 'the last reply did not move the story';
  if (flagged(last, 'repetition')) return 'the last reply repeated earlier ones';
  // The beats the story told: the kept candidate's variant, which may not be the planned one.
  const beats = recent.slice(-3).map((t) => t.candidates[t.chosen]?.variant.beat ?? t.plan.beat);
  if (beats.length === 3 && beats.every((b) => b === beats[0])) return `three "${beats[0]}" beats in a row`;
  return undefined;
}
