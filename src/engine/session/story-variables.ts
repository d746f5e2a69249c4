/**
 * A story's variables (`{{setvar}}` and the rest, engine/variables.ts) as its messages leave them:
 * the opening as the pack writes it, then each player's line and kept reply along the branch, in
 * order, each applied once. Nothing is stored beside the log: the same branch gives the same
 * variables, another branch (a swipe, an edit, a rewind) its own, and another reply at a turn starts
 * from what the first one saw.
 */
import { resolveMacros } from '../macros.js';
import { copyVariables, hasVariableMacro, noVariables, type MacroVariables, type StoryVariables } from '../variables.js';
import type { TurnNode } from './tree.js';

interface NodeStep {
  input: string;
  reply: string | undefined;
  start: MacroVariables;
  afterInput: MacroVariables;
  afterReply: MacroVariables;
}

/** Each node's step, kept while its texts and the state it started from are the same: a long story is not replayed every turn. */
const steps = new WeakMap<TurnNode, NodeStep>();

const EMPTY = noVariables();

/**
 * The variables a SillyTavern chat file's header keeps (`chat_metadata.variables`), for a chat
 * imported from it; undefined when it keeps none. Values that are not text are written as JSON,
 * as SillyTavern's `{{getvar}}` writes them.
 */
export function importedVariables(header: unknown): MacroVariables | undefined {
  const meta = (header as { chat_metadata?: { variables?: unknown } } | undefined)?.chat_metadata;
  const kept = meta?.variables;
  if (typeof kept !== 'object' || kept === null || Array.isArray(kept)) return undefined;
  const vars = noVariables();
  for (const [name, value] of Object.entries(kept)) {
    if (value === undefined || value === null) continue;
    vars.local.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return vars.local.size > 0 ? vars : undefined;
}

/** `vars` after `text`'s variable macros, or `vars` itself when it has none. */
function applied(vars: MacroVariables, text: string | undefined, names: { user: string; char: string }): MacroVariables {
  if (!text || !hasVariableMacro(text)) return vars;
  const next = copyVariables(vars);
  resolveMacros(text, { ...names, vars: next });
  return next;
}

/**
 * The variables along `path` (the raw opening text first) and then the new `playerInput`, aligned
 * with `historyOf(opening, path)` plus that input.
 */
export function storyVariables(
  openingText: string,
  path: readonly TurnNode[],
  playerInput: string,
  names: { user: string; char: string },
  initial: MacroVariables = EMPTY,
): StoryVariables {
  const before: MacroVariables[] = [initial];
  let vars = applied(initial, openingText, names);
  for (const node of path) {
    const reply = node.candidates[node.chosen]?.text;
    let step = steps.get(node);
    if (!step || step.start !== vars || step.input !== node.input.text || step.reply !== reply) {
      const afterInput = applied(vars, node.input.text, names);
      step = { input: node.input.text, reply, start: vars, afterInput, afterReply: applied(afterInput, reply, names) };
      steps.set(node, step);
    }
    before.push(step.start);
    if (reply !== undefined) before.push(step.afterInput);
    vars = step.afterReply;
  }
  before.push(vars);
  return { before, after: applied(vars, playerInput, names) };
}
