/**
 * What a reply at a turn is written and judged from: the story up to the player's message, the
 * memory in force there, the prompt-build arguments for a plan, the critics' view and the
 * narrator's context. A new turn, a regenerate, a continuation and an edited reply all take them
 * from here, so another reply at a turn sees exactly what the first one saw.
 */
import type { Opening, PlayerPersona, WorldPack } from '../../world/types.js';
import type { CriticContext } from '../critics/index.js';
import type { CompiledLore } from '../lore/index.js';
import { addFacts } from '../memory/index.js';
import type { PromptInput } from '../prompt/index.js';
import type { AuthorsNote } from '../prompt/authors-note.js';
import { hashSeed } from '../random.js';
import type { TokenCounter } from '../tokens.js';
import type { Fact, MemoryState, NarrationContext, Plan, StoryMessage } from '../types.js';
import { criticContext, maxReplyTokens } from './context.js';
import { storyVariables } from './story-variables.js';
import type { MacroVariables } from '../variables.js';
import { ROOT, type SessionTree, type TurnNode } from './tree.js';
import type { ChatPreset } from '../prompt/chat-preset.js';

/** What the Session holds when a turn is written. */
export interface StoryState {
  pack: WorldPack;
  opening: Opening;
  persona: PlayerPersona;
  /** The opening as the first story message, macros resolved. */
  openingMessage: StoryMessage;
  seed: number;
  budget: number;
  counter: TokenCounter;
  lore: CompiledLore;
  /** The longest sticky plus cooldown span of the pack's lore, in messages (`loreSpan`). */
  loreSpan: number;
  tree: Pick<SessionTree, 'factsAlong' | 'historyAlong' | 'replies'>;
  /** The clock, read once for the turn: every prompt of it sees the same macros. */
  now: number;
  authorsNote?: AuthorsNote;
  systemPrompts: { profile?: string; story?: string };
  /** The narrating profile's chat-completion preset parts (prompt/chat-preset.ts). */
  chatPreset?: ChatPreset;
  /** The model the story is sent to now, for `{{model}}`. */
  model?: string;
  /** The story's variables before its opening (an imported chat's), when it has any. */
  variables?: MacroVariables;
}

/** The turn a reply is for. */
export interface TurnRef {
  /** The branch the turn answers, oldest first; its last node is the turn's parent. */
  path: readonly TurnNode[];
  playerInput: string;
  turn: number;
  /** The facts the player's message adds (a new turn's extraction, or the node's own). */
  facts: readonly Fact[];
  /** The turn's node; with `baseIndex` (another reply at an existing turn), both seed the narrator. */
  nodeId: string;
  baseIndex?: number;
}

export interface TurnInputs {
  /** The opening the story started from (whose characters are in the scene at first). */
  opening: Opening;
  /** The story so far, the opening first and the player's message last. */
  history: StoryMessage[];
  memory: MemoryState;
  /** The parent's rolling summary, which the turn's own summary starts from. */
  summary: { summary: string; summaryThrough: number };
  /** `buildPrompt`'s arguments for a reply written under `plan` (a variant's plan). */
  promptInput(plan: Plan): PromptInput;
  /** The critics' view of a reply written under `plan`. */
  criticContext(plan: Plan): CriticContext;
  /** What the narrator and the repairs see, with the lore the prompt fired. */
  narration(lore: string[]): NarrationContext;
}

/**
 * `inputs` for another kind of generation than a new turn (lore `triggers`): a continuation, or a
 * regenerate, which adds a candidate beside the others as SillyTavern's swipe does and replaces
 * the shown one as its regenerate does, so entries of either kind fire.
 */
export function withTrigger(inputs: TurnInputs, trigger: NonNullable<PromptInput['trigger']>): TurnInputs {
  return { ...inputs, promptInput: (plan) => ({ ...inputs.promptInput(plan), trigger }) };
}

/** The turn of another reply at `node` (a regenerate, a continuation, an edit), as its first replies had it. */
export function nodeRef(tree: Pick<SessionTree, 'branch'>, node: TurnNode): TurnRef {
  const { number: turn, facts, id: nodeId } = node;
  return { path: tree.branch(node.parentId ?? ROOT), playerInput: node.input.text, turn, facts, nodeId, baseIndex: node.candidates.length };
}

/** The inputs of a reply at `ref.turn`, from the story as `story` holds it. */
export function turnInputs(story: StoryState, ref: TurnRef): TurnInputs {
  const { pack, opening, persona } = story;
  const { path, playerInput, turn } = ref;
  const parent = path[path.length - 1];
  const history = story.tree.historyAlong(story.openingMessage, path);
  history.push({ role: 'player', text: playerInput, turn });
  const lead = pack.characters.find((c) => story.opening.characters.includes(c.id)) ?? pack.characters[0];
  const variables = storyVariables(
    story.opening.text,
    path,
    playerInput,
    { user: persona.name, char: lead?.nickname ?? lead?.name ?? '' },
    story.variables,
    story.tree.replies,
  );
  const summary = parent ? parent.memory : { summary: '', summaryThrough: 0 };
  const memory: MemoryState = { ...summary, facts: addFacts({ ...summary, facts: story.tree.factsAlong(path) }, [...ref.facts]).facts };
  const macros = {
    seed: story.seed,
    now: story.now,
    ...(parent ? { idleMs: story.now - parent.createdAt } : {}),
    ...(story.model ? { model: story.model } : {}),
  };
  const loreState = loreStateAt(story.seed, story.loreSpan, path, turn);
  const settings = {
    ...(story.authorsNote ? { authorsNote: story.authorsNote } : {}),
    systemPrompts: story.systemPrompts,
    ...(story.chatPreset ? { chatPreset: story.chatPreset } : {}),
  };
  const seed = ref.baseIndex === undefined ? hashSeed(story.seed, turn, ref.nodeId) : hashSeed(story.seed, turn, ref.nodeId, ref.baseIndex);
  return {
    opening,
    history,
    memory,
    summary,
    promptInput: (plan) => ({
      pack,
      opening,
      persona,
      history,
      memory,
      plan,
      turn,
      budget: story.budget,
      maxReplyTokens: maxReplyTokens(plan),
      counter: story.counter,
      lore: story.lore,
      macros,
      variables,
      loreState,
      ...settings,
    }),
    criticContext: (plan) => criticContext({ pack, persona, plan, playerInput, history, facts: memory.facts, turn }),
    narration: (lore) => ({ pack, opening, persona, turn, playerInput, history, memory, lore, seed }),
  };
}

/** The longest sticky plus cooldown span of a pack's lore, in messages: how far back `loreStateAt` looks. */
export function loreSpan(pack: WorldPack): number {
  return Math.max(0, ...pack.lore.map((e) => (e.sticky ?? 0) + (e.cooldown ?? 0)));
}

/**
 * World Info's state for a turn: its rolls come from the story's seed (the same on every branch
 * and replay), and sticky and cooldown read when each entry last fired on its own along the
 * branch, looking back only as far as the longest span in the pack.
 */
function loreStateAt(
  seed: number,
  span: number,
  path: readonly TurnNode[],
  turn: number,
): { seed: number; lastFired: Map<string, number> } {
  const lastFired = new Map<string, number>();
  // A turn is two messages (the player's and the reply).
  for (const node of span > 0 ? path.slice(-Math.ceil(span / 2) - 1) : []) {
    for (const f of node.prompt?.loreFired ?? []) if (f.key !== 'sticky') lastFired.set(f.id, node.number * 2);
  }
  return { seed: hashSeed(seed, 'lore', turn), lastFired };
}
