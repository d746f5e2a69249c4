import type { Plan, StoryMessage } from '../../../src/engine/types.js';
import type { PromptInput } from '../../../src/engine/prompt/index.js';
import { compileLore } from '../../../src/engine/lore/index.js';
import { emptyMemory } from '../../../src/engine/memory/index.js';
import { miniPack } from '../../fixtures/mini-pack.js';
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

/**
 * The prompt input of turn 3 on `overrides.pack` (the mini pack unless given): the opening, two
 * exchanges and the player's third line, with nothing remembered and an 8,192-token budget.
 */
export function thirdTurnInput(counter: TokenCounter, overrides: Partial<PromptInput> = {}): PromptInput {
  const pack = overrides.pack ?? miniPack();
  return {
    pack,
    opening: pack.openings[0],
    persona: pack.player,
    history: [
      ...longStory(
        pack.openings[0].text,
        2,
        (t) => `Player line ${t}.`,
        (t) => `Narrator line ${t}.`,
      ),
      { role: 'player', text: 'Player line 3.', turn: 3 },
    ],
    memory: emptyMemory(),
    plan: plan(),
    turn: 3,
    budget: 8192,
    maxReplyTokens: 400,
    counter,
    lore: compileLore(pack.lore),
    ...overrides,
  };
}
