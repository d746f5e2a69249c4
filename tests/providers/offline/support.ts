/** Builders for the offline narrator's tests: contexts, plans and requests written by hand. */
import type { Beat, Cadence, CandidateRequest, NarrationContext, Plan, StoryMessage } from '../../../src/engine/types.js';
import type { WorldPack } from '../../../src/world/types.js';

export function contextFor(pack: WorldPack, over: Partial<NarrationContext> = {}): NarrationContext {
  const opening = pack.openings[0];
  const history: StoryMessage[] = [{ role: 'narrator', text: opening.text, turn: 0 }];
  return {
    pack,
    opening,
    persona: pack.player,
    turn: 1,
    playerInput: '',
    history,
    memory: { summary: '', summaryThrough: 0, facts: [] },
    lore: [],
    seed: 1,
    ...over,
  };
}

export function planFor(beat: Beat, cadence: Cadence, over: Partial<Plan> = {}): Plan {
  return {
    beat,
    cadence,
    directive: `${beat} at a ${cadence} cadence`,
    targetLength: [60, 220],
    tension: 0.5,
    actors: [],
    hook: '',
    reason: 'test',
    ...over,
  };
}

export function requestFor(plan: Plan, label = 'planned'): CandidateRequest {
  return {
    messages: [{ role: 'user', content: 'hello' }],
    variant: { beat: plan.beat, cadence: plan.cadence, label },
    plan,
    maxTokens: 400,
  };
}

export const BEAT_CADENCES: Array<[Beat, Cadence]> = [
  ['escalate', 'bold'],
  ['complicate', 'steady'],
  ['reveal', 'steady'],
  ['breathe', 'gentle'],
  ['deepen', 'steady'],
  ['resolve', 'gentle'],
  ['escalate', 'gentle'],
  ['breathe', 'bold'],
];

/** The last sentence of a reply (its last paragraph's last sentence, closing quotes kept). */
export function lastSentence(text: string): string {
  const last = text.trim().split(/\n+/).pop() ?? '';
  const sentences = last.match(/[^.!?。！？]+[.!?。！？]+["”」]?|[^.!?。！？]+$/gu) ?? [last];
  return sentences[sentences.length - 1].trim();
}
