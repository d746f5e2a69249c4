import { planTurn, type PlannerInput } from '../../../src/engine/planner/index.js';
import { seededRandom } from '../../../src/engine/random.js';
import type { CriticResult, PacingEstimate, Plan, StoryMessage } from '../../../src/engine/types.js';
import type { WorldPack } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';

export function pacing(score: number, confidence = 0.8): PacingEstimate {
  return { score, confidence, evidence: [], session: { score, confidence }, longTerm: { score: 0, confidence: 0, turns: 0 } };
}

export function stagnant(flagged: boolean): CriticResult[] {
  return [{ id: 'stagnation', flagged, score: flagged ? 0.2 : 1, evidence: [] }];
}

/** Drives the planner through a story, one player message a turn, like the Session does. */
export class Story {
  plans: Plan[] = [];
  critics: CriticResult[][] = [];
  history: StoryMessage[] = [{ role: 'narrator', text: 'The wheel is silent when you come home. Wren stands in the mill yard.', turn: 0 }];

  constructor(
    readonly pack: WorldPack = miniPack(),
    readonly seed = 1,
  ) {}

  turn(text: string, score: number, options: Partial<Pick<PlannerInput, 'recentCritics'>> & { confidence?: number } = {}): Plan {
    const turn = this.plans.length + 1;
    this.history.push({ role: 'player', text, turn });
    const plan = planTurn({
      pack: this.pack,
      turn,
      playerInput: text,
      pacing: pacing(score, options.confidence ?? 0.8),
      previousPlans: [...this.plans],
      recentCritics: options.recentCritics ?? this.critics.slice(-4),
      history: [...this.history],
      random: seededRandom(this.seed * 1000 + turn),
    });
    this.plans.push(plan);
    this.critics.push(stagnant(false));
    this.history.push({ role: 'narrator', text: `Wren answers, and the lamp flickers (${plan.beat}).`, turn });
    return plan;
  }
}
