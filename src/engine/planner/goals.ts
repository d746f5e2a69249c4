/**
 * When a waiting player has used up every plot thread, the story still moves on its own: a
 * character with a goal acts on it, someone in the scene before anyone away from it. Who acts
 * rotates (the least used first, then whoever is on stage or tied to the player), and so do a
 * character's goals; progress is read from earlier plans, like thread progress, so a rewind sees
 * only its own branch.
 */
import type { WorldPack } from '../../world/types.js';
import type { Plan, StoryMessage } from '../types.js';
import { mentionedIn } from './actors.js';

export type GoalMove = NonNullable<Plan['goal']>;

/** The character (by id) who acts on a goal this turn, and the goal; undefined when no one has one. */
export function nextGoalMove(
  pack: WorldPack,
  previousPlans: readonly Plan[],
  history: readonly StoryMessage[],
  scene?: ReadonlySet<string>,
): GoalMove | undefined {
  const all = pack.characters.filter((c) => c.goals.some((g) => g.trim().length > 0));
  // Someone in the scene acts on a goal; someone away from it only when no one here has one.
  const present = scene ? all.filter((c) => scene.has(c.id)) : [];
  const withGoals = present.length > 0 ? present : all;
  if (withGoals.length === 0) return undefined;
  const uses = new Map<string, number>();
  for (const plan of previousPlans) if (plan.goal) uses.set(plan.goal.actor, (uses.get(plan.goal.actor) ?? 0) + 1);
  const lastNarration = [...history].reverse().find((m) => m.role === 'narrator')?.text ?? '';
  const onStage = new Set(mentionedIn(pack, lastNarration));
  const ranked = withGoals
    .map((c, index) => ({ c, index, used: uses.get(c.id) ?? 0, near: (onStage.has(c.id) ? 2 : 0) + (c.relations.player ? 1 : 0) }))
    .sort((a, b) => a.used - b.used || b.near - a.near || a.index - b.index);
  const { c, used } = ranked[0];
  const goals = c.goals.filter((g) => g.trim().length > 0);
  return { actor: c.id, goal: goals[used % goals.length] };
}
