import { describe, expect, it } from 'vitest';
import { isWaiting } from '../../../src/engine/pacing/cues.js';
import { waitingStreak } from '../../../src/engine/planner/stagnation.js';
import type { StoryMessage } from '../../../src/engine/types.js';

/** A story of player lines, each answered by the narrator, at turns 1, 2, 3 ... */
function story(lines: string[]): StoryMessage[] {
  return lines.flatMap((text, i): StoryMessage[] => [
    { role: 'player', text, turn: i + 1 },
    { role: 'narrator', text: 'The wheel turns.', turn: i + 1 },
  ]);
}

/** The streak as it was counted before it walked backwards: every earlier player line, then the input, newest first. */
function reference(input: string, history: readonly StoryMessage[], turn: number): number {
  const texts = [...history.filter((m) => m.role === 'player' && m.turn < turn).map((m) => m.text), input].reverse();
  const stop = texts.findIndex((t) => !isWaiting(t));
  return stop === -1 ? texts.length : stop;
}

describe("the player's waiting streak", () => {
  it('counts the input and the latest player lines that only wait, newest first, up to the first that acts', () => {
    const history = story(['I open the gate.', 'ok', 'I climb the hill.', 'hmm', 'I wait.', '继续']);
    expect(waitingStreak('ok', history, 7)).toBe(4);
    expect(waitingStreak('I run to the mill.', history, 7)).toBe(0);
    // Lines of this turn or later (a branch replayed from the middle) do not count.
    expect(waitingStreak('ok', history, 5)).toBe(2);
    expect(waitingStreak('ok', [], 1)).toBe(1);
  });

  it('gives the count of a scan over the whole story, on a long one', () => {
    const lines = Array.from({ length: 400 }, (_, i) => (i % 7 < 4 ? 'I wait.' : `I check the sluice gate, number ${i}.`));
    const history = story(lines);
    for (const turn of [1, 2, 50, 211, 398, 401]) {
      for (const input of ['ok', 'I grab the lamp.'])
        expect(waitingStreak(input, history, turn), `${turn} ${input}`).toBe(reference(input, history, turn));
    }
  });
});
