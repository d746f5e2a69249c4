import type { LoreTrigger, Opening, PlayerPersona, WorldPack } from '../../world/types.js';
import type { CompiledLore } from '../lore/types.js';
import type { TokenCounter } from '../tokens.js';
import type { AuthorsNote } from './authors-note.js';
import type { ChatPreset } from './chat-preset.js';
import type { StoryVariables } from '../variables.js';
import type { MemoryState, Plan, StoryMessage } from '../types.js';

/** Everything the prompt builder needs for one request. */
export interface PromptInput {
  pack: WorldPack;
  opening: Opening;
  persona: PlayerPersona;
  /** The story so far, oldest first; turn 0 is the opening text, the player's new message last. */
  history: StoryMessage[];
  memory: MemoryState;
  plan: Plan;
  /** The turn being played. */
  turn: number;
  /** Context window in tokens (default 8,192); the prompt plus the reply never exceed it. */
  budget: number;
  /** Tokens reserved for the reply. */
  maxReplyTokens: number;
  counter: TokenCounter;
  lore: CompiledLore;
  /** Tokens for active lore (default 15% of the budget). */
  loreBudget?: number;
  /** Tokens for recent history (default 30% of the budget). */
  historyBudget?: number;
  /** Story messages in the window at most (default 12), so the prompt stops growing early. */
  maxHistoryMessages?: number;
  /** Messages scanned for lore keys (default 4). */
  scanDepth?: number;
  /**
   * World Info's state for this turn: the seed of its rolls (every build of the turn rolls the
   * same) and when each entry last fired on its own, for sticky and cooldown; see lore/timed.ts.
   */
  loreState?: { seed: number; lastFired: ReadonlyMap<string, number> };
  /** The generation this prompt is for, as lore `triggers` name it (default normal); a regenerate is both a swipe and a regenerate. */
  trigger?: LoreTrigger | readonly LoreTrigger[];
  /** What the card macros draw on: the story's seed, the clock, the player's idle time, the model the story is sent to. */
  macros?: { seed: number; now: number; idleMs?: number; model?: string };
  /**
   * The story's variables before each message of `history` and after the last (session/story-variables.ts):
   * a message reads them as they stood when it was written, the pack's texts as they stand now.
   */
  variables?: StoryVariables;
  /** The player's author's note for this story, if set. */
  authorsNote?: AuthorsNote;
  /** The player's own system prompts (a profile's, a story's), over skald's rules and the world's. */
  systemPrompts?: { profile?: string; story?: string };
  /** The profile's SillyTavern chat-completion preset: prompts after and inside the chat, the reply's prefill. */
  chatPreset?: ChatPreset;
}
