import { describe, expect, it } from 'vitest';
import { climaxTension, detectPivot, THREAD_ROOM } from '../../../src/engine/planner/index.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { Story } from './helpers.js';

describe('planner: a passive player', () => {
  it('brings in a thread by the second passive turn, whatever the passive message looks like, and says it read waiting', () => {
    for (const lines of [
      ['I wait.', 'I keep listening.'],
      ['I say nothing and watch her.', 'I stay where I am.'],
      ['我等着。', '我继续听着'],
    ]) {
      const story = new Story(miniPack(), 2);
      const first = story.turn(lines[0], 0.1);
      expect(first.thread, lines[0]).toBeUndefined();
      expect(first.reason).toMatch(/^The player is waiting \(1 passive turn\)/);
      const second = story.turn(lines[1], 0.1);
      expect(second.thread, lines[1]).toBeDefined();
      expect(second.reason).toMatch(/^The player is waiting \(2 passive turns\), so the thread ".+" moves to beat 1 of 3\./);
    }
  });

  it('never escalates for a waiting player: thread beats come in as complications and reveals', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const story = new Story(miniPack(), seed);
      const plans = Array.from({ length: 12 }, () => story.turn('I wait.', 0.1));
      expect(
        plans.map((p) => p.beat),
        `seed ${seed}`,
      ).not.toContain('escalate');
      // A thread beat every THREAD_ROOM turns from the second; a character's goal moves the turns between.
      expect(
        plans.flatMap((p, i) => (p.thread ? [i + 1] : [])),
        `seed ${seed}`,
      ).toEqual([2, 2 + THREAD_ROOM, 2 + 2 * THREAD_ROOM, 2 + 3 * THREAD_ROOM]);
      expect(
        plans.slice(1).every((p) => p.thread || p.goal),
        `seed ${seed}`,
      ).toBe(true);
    }
  });

  it('with every thread spent, a character with a goal acts on it instead, in turn', () => {
    const story = new Story(miniPack(), 1);
    const plans = Array.from({ length: 22 }, () => story.turn('I wait.', 0.1));
    // Turns 2, 5, ... 17 use the six thread beats; after that the characters' goals alone move the story.
    const goals = plans.slice(17);
    for (const plan of goals) {
      expect(plan.thread).toBeUndefined();
      expect(plan.goal).toBeDefined();
      expect(plan.actors[0]).toBe(plan.goal?.actor);
      expect(plan.beat).not.toBe('escalate');
      expect(plan.reason).toMatch(
        /^The player is waiting \(\d+ passive turns\) and every thread is spent, so (Wren Alder|Ilsa Morrow) acts on a goal \((restart the wheel|own the mill)\)/,
      );
      expect(plan.directive).toMatch(/^Goal: (Wren Alder|Ilsa Morrow) acts on what they want/m);
    }
    expect(new Set(goals.map((p) => p.goal?.actor)).size).toBe(2);
  });

  it('a long wait does not hold tension at the climax: thread and goal beats give way to a fall there', () => {
    for (const seed of [1, 2, 3]) {
      const story = new Story(miniPack(), seed);
      const plans = Array.from({ length: 60 }, () => story.turn('ok', 0.1));
      const climax = climaxTension(0.1 * Math.min(1, 0.4 + 0.8));
      plans.forEach((plan, i) => {
        // At the climax the next beat falls, whatever thread or goal it carries.
        if (i > 0 && plans[i - 1].tension >= climax) expect(['resolve', 'breathe'], `seed ${seed} turn ${i + 1}`).toContain(plan.beat);
      });
      const late = plans.slice(20).map((p) => p.tension);
      expect(Math.max(...late)).toBeLessThan(climax + 0.15);
      expect(Math.min(...late)).toBeLessThan(climax - 0.15);
    }
  });

  it('a pack without threads or goals still does not shout at a waiting player', () => {
    const bare = miniPack({ threads: [], characters: miniPack().characters.map((c) => ({ ...c, goals: [] })) });
    const story = new Story(bare, 3);
    const plans = Array.from({ length: 6 }, () => story.turn('I wait.', 0.1));
    expect(plans.map((p) => p.beat)).not.toContain('escalate');
    expect(plans[5].reason).toMatch(/the pack has no threads/);
  });

  it('a player who acts again is planned for as before', () => {
    const story = new Story(miniPack(), 1);
    story.turn('I wait.', 0.1);
    story.turn('I wait.', 0.1);
    const acting = story.turn('I kick the mill door open and run inside.', 0.8);
    expect(acting.thread).toBeUndefined();
    expect(acting.reason).not.toMatch(/waiting/);
  });
});

describe('pivots: tears, and look-alikes that are not pivots', () => {
  it('tears and pleading are a pivot the story slows for', () => {
    for (const text of ['*She is sobbing now* Please, I beg you.', "Don't leave me here.", '（哽咽着）别离开我。', '她泪流满面。']) {
      expect(detectPivot(text)?.kind, text).toBe('distress');
    }
    // The player's own tears in the plain present: "I cry quietly", "I weep for the Queen".
    for (const text of ['I cry quietly, thinking of Father.', 'I weep for the Queen.', 'I start to cry.']) {
      expect(detectPivot(text)?.kind, text).toBe('distress');
    }
    // A cry of warning is no tears.
    expect(detectPivot('I cry out a warning to the guards.')).toBeUndefined();
    const plan = new Story().turn('*I start crying and can not stop.*', 0.9);
    expect(plan.pivot).toBe('distress');
    expect(plan.beat).toBe('breathe');
    expect(plan.directive).toMatch(/Pivot: the player is in tears or pleading/);
  });

  it('a stranger killed in a fight is no grief, "sorry" in a question is no apology', () => {
    expect(detectPivot('The bandit died before he hit the ground.')).toBeUndefined();
    expect(detectPivot('Sorry, which road leads to the mill?')).toBeUndefined();
    expect(detectPivot("I'm sorry, could you say that again?")).toBeUndefined();
    expect(detectPivot('My brother died in the flood.')?.kind).toBe('grief');
    expect(detectPivot('He died in my arms.')?.kind).toBe('grief');
    expect(detectPivot("I'm sorry. I should have come home sooner.")?.kind).toBe('apology');
    expect(detectPivot('I care about you, Wren.')?.kind).toBe('confession');
  });
});
