/** Picks what the debug pane describes: the running turn, or the selected committed one. */
import type { SessionSnapshot } from '../../engine/session/index.js';
import type { Turn } from '../../engine/types.js';
import type { DebugSubject } from './sections.js';
import type { LiveTurn } from '../hooks/useSessionRunner.js';

/** The running turn when there is one, else the selected turn (or just the pacing before any turn). */
export function debugSubject(
  turns: readonly Turn[],
  selected: Turn | undefined,
  live: LiveTurn | undefined,
  held: Pick<SessionSnapshot, 'memory' | 'pacing'>,
): DebugSubject {
  const memory = held.memory;
  if (live) {
    // A run on a turn already played (regenerate, continue, a kept edit of the reply) writes to that
    // turn's plan: its pacing is the figure the turn was planned with, not the estimate the engine
    // holds now, which the rejected reply has already moved. Imported turns have no figure of their own.
    const played = live.kind === 'play' || live.kind === 'edit' ? undefined : turns.find((t) => t.number === live.turn && !t.imported);
    return {
      turn: live.turn,
      totalTurns: Math.max(live.turn, turns.length),
      plan: played?.plan ?? live.plan,
      pacing: played?.pacing ?? live.pacing,
      prompt: live.prompt,
      candidates: [],
      shown: live.focus,
      variant: live.streams[live.focus]?.variant,
      running: true,
      memory,
    };
  }
  if (!selected) return { turn: 0, totalTurns: 0, pacing: held.pacing, candidates: [], shown: 0, running: false, memory };
  // An imported turn was never planned, prompted or critiqued here: its stand-in values are not shown.
  if (selected.imported)
    return {
      turn: selected.number,
      totalTurns: turns.length,
      candidates: selected.candidates,
      shown: selected.chosen,
      running: false,
      memory,
      imported: true,
    };
  return {
    turn: selected.number,
    totalTurns: turns.length,
    plan: selected.plan,
    pacing: selected.pacing,
    prompt: selected.prompt,
    candidates: selected.candidates,
    shown: selected.chosen,
    variant: selected.candidates[selected.chosen]?.variant,
    running: false,
    memory,
  };
}
