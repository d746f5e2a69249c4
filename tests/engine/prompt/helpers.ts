import type { Plan, StoryMessage } from '../../../src/engine/types.js';
import type { BuiltPrompt } from '../../../src/engine/types.js';
import { TokenCounter, MESSAGE_OVERHEAD } from '../../../src/engine/tokens.js';

export function plan(overrides: Partial<Plan> = {}): Plan {
  return {
    beat: 'deepen',
    cadence: 'steady',
    directive: 'Wren answers {{user}} honestly, for once.',
    targetLength: [80, 160],
    tension: 0.4,
    actors: ['wren'],
    hook: 'a question {{user}} must answer',
    reason: 'The player asked a direct question.',
    ...overrides,
  };
}

/** Counts a built prompt from scratch, with a counter that has never seen it. */
export function exactTokens(prompt: BuiltPrompt): number {
  const fresh = new TokenCounter();
  return prompt.messages.reduce((sum, m) => sum + fresh.count(m.content) + MESSAGE_OVERHEAD, 0) + 3;
}

/** An opening plus `turns` player/narrator exchanges. */
export function longStory(
  opening: string,
  turns: number,
  player: (turn: number) => string,
  narrator: (turn: number) => string,
): StoryMessage[] {
  const history: StoryMessage[] = [{ role: 'narrator', text: opening, turn: 0 }];
  for (let turn = 1; turn <= turns; turn++) {
    history.push({ role: 'player', text: player(turn), turn });
    history.push({ role: 'narrator', text: narrator(turn), turn });
  }
  return history;
}
