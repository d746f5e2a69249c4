import { describe, expect, it } from 'vitest';
import { planForVariant, variantsFor } from '../../../src/engine/carousel/index.js';
import { applyBeat, releaseTension } from '../../../src/engine/planner/index.js';
import { seededRandom } from '../../../src/engine/random.js';
import type { Plan } from '../../../src/engine/types.js';
import { Story } from '../planner/helpers.js';

/** Plays a fast player until the planner resolves a build at its climax; returns that plan and the one before. */
function resolveAtClimax(seed: number): { before: Plan; plan: Plan } {
  const story = new Story(undefined, seed);
  for (let turn = 1; turn <= 40; turn++) {
    const plan = story.turn('Kick the door in and go after them!', 0.9);
    const before = story.plans[story.plans.length - 2];
    if (plan.beat === 'resolve' && before && before.tension >= 0.9) return { before, plan };
  }
  throw new Error('no resolve at the climax in 40 turns');
}

describe('a variant plan at the climax', () => {
  it('takes the tension its own beat leaves, not the planned resolve shifted by a step', () => {
    for (const seed of [1, 2, 3]) {
      const { before, plan } = resolveAtClimax(seed);
      // The planned resolve settles the crisis: tension falls to the release, further than one step.
      expect(plan.tension).toBe(releaseTension(0.9 * Math.min(1, 0.4 + 0.8)));
      for (const variant of variantsFor(plan, 6, seededRandom(seed))) {
        const own = planForVariant(plan, variant);
        if (variant.beat === 'resolve') expect(own.tension).toBe(plan.tension);
        else expect(own.tension).toBe(applyBeat(before.tension, variant.beat));
      }
      // A gentler breathe only lets the climax ease a step: it stays above the release.
      expect(planForVariant(plan, { beat: 'breathe', cadence: plan.cadence, label: 'x' }).tension).toBeGreaterThan(plan.tension);
    }
  });

  it('a plan logged without the per-beat figures still shifts by a step', () => {
    const { plan } = resolveAtClimax(1);
    const { tensionByBeat: _dropped, ...old } = plan;
    const escalate = planForVariant(old, { beat: 'escalate', cadence: old.cadence, label: 'x' });
    expect(escalate.tension).toBeCloseTo(old.tension + 0.22 + 0.18, 3);
  });
});
