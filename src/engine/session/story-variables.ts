/**
 * A story's variables (`{{setvar}}` and the rest, engine/variables.ts) as its log leaves them:
 * the opening as the pack writes it, then along the branch each player's line, what the turn's
 * prompt changed (kept with the turn: prompt/variable-pass.ts) and the kept reply, in order, each
 * applied once. Nothing is stored beside the log: the same branch gives the same
 * variables, another branch (a swipe, an edit, a rewind) its own, and another reply at a turn starts
 * from what the first one saw.
 */
import { resolveMacros } from '../macros.js';
import {
  copyVariables,
  hasVariableMacro,
  noVariables,
  withChanges,
  type MacroVariables,
  type StoryVariables,
  type VariableChanges,
} from '../variables.js';
import type { TurnNode } from './tree.js';

/** What the variables read of a turn: a node of the tree, or a turn of the active branch. */
export type VariableTurn = Pick<TurnNode, 'input' | 'candidates' | 'chosen' | 'variables' | 'imported'>;

interface NodeStep {
  input: string;
  reply: string | undefined;
  prompt: VariableChanges | undefined;
  start: MacroVariables;
  afterInput: MacroVariables;
  /** After the turn's prompt changed what it changed (prompt/variable-pass.ts): where the reply starts. */
  afterPrompt: MacroVariables;
  afterReply: MacroVariables;
}

/** Each node's step, kept while its texts and the state it started from are the same: a long story is not replayed every turn. */
const steps = new WeakMap<VariableTurn, NodeStep>();

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
 * with `historyOf(opening, path)` plus that input. `imported` is what an imported chat's header
 * held: SillyTavern saves it as the chat stands, so it is the story's own variables where the
 * imported turns end (where it starts, when none was imported), whatever their messages say; a
 * chat that went out to SillyTavern and came back does not count its messages' changes twice.
 */
export function storyVariables(
  openingText: string,
  path: readonly VariableTurn[],
  playerInput: string,
  names: { user: string; char: string },
  imported?: MacroVariables,
  replies?: number,
): StoryVariables {
  if (replies !== undefined && !imported) {
    const walk = walkedTo(openingText, path, names, replies);
    return { before: [...walk.before, walk.vars], after: applied(walk.vars, playerInput, names) };
  }
  const lastImported = imported ? path.findLastIndex((node) => node.imported !== undefined) : -1;
  const initial = imported && lastImported < 0 ? imported : EMPTY;
  const before: MacroVariables[] = [initial];
  let vars = applied(initial, openingText, names);
  path.forEach((node, i) => {
    const step = stepOf(node, vars, names);
    before.push(step.start);
    if (step.reply !== undefined) before.push(step.afterPrompt);
    vars = i === lastImported && imported ? asSaved(step.afterReply, imported) : step.afterReply;
  });
  before.push(vars);
  return { before, after: applied(vars, playerInput, names) };
}

/** `node`'s step from `vars`: the kept one while its texts and the state it starts from are the same. */
function stepOf(node: VariableTurn, vars: MacroVariables, names: { user: string; char: string }): NodeStep {
  const reply = node.candidates[node.chosen]?.text;
  let step = steps.get(node);
  if (!step || step.start !== vars || step.input !== node.input.text || step.reply !== reply || step.prompt !== node.variables) {
    const afterInput = applied(vars, node.input.text, names);
    const afterPrompt = withChanges(afterInput, node.variables);
    const afterReply = applied(afterPrompt, reply, names);
    step = { input: node.input.text, reply, prompt: node.variables, start: vars, afterInput, afterPrompt, afterReply };
    steps.set(node, step);
  }
  return step;
}

/** The last walk along a branch of a story with no imported variables, for `storyVariables`' `replies`. */
interface Walk {
  replies: number;
  openingText: string;
  user: string;
  char: string;
  nodes: VariableTurn[];
  /** `StoryVariables.before` along `nodes`, less the state after them. */
  before: MacroVariables[];
  /** The state after `nodes`. */
  vars: MacroVariables;
}

let lastWalk: Walk | undefined;

/**
 * The walk along `path`, going on from the last one when `path` begins with its nodes and no reply
 * changed since (`replies`, the tree's count of records that change a node's reply: a node's input,
 * prompt changes and import are its record's). Checking each node's step again cost ~90 µs a turn
 * at 130 turns in the client bench (a map lookup and the node's texts, mostly out of the
 * processor's caches), growing with the story; a turn now walks its new node.
 */
function walkedTo(openingText: string, path: readonly VariableTurn[], names: { user: string; char: string }, replies: number): Walk {
  let walk = lastWalk;
  if (
    !walk ||
    walk.replies !== replies ||
    walk.openingText !== openingText ||
    walk.user !== names.user ||
    walk.char !== names.char ||
    !startsWith(path, walk.nodes)
  ) {
    walk = {
      replies,
      openingText,
      user: names.user,
      char: names.char,
      nodes: [],
      before: [EMPTY],
      vars: applied(EMPTY, openingText, names),
    };
    lastWalk = walk;
  }
  for (let i = walk.nodes.length; i < path.length; i++) {
    const step = stepOf(path[i], walk.vars, names);
    walk.before.push(step.start);
    if (step.reply !== undefined) walk.before.push(step.afterPrompt);
    walk.vars = step.afterReply;
    walk.nodes.push(path[i]);
  }
  return walk;
}

/** Whether `path` begins with `prefix`'s nodes. */
function startsWith(path: readonly VariableTurn[], prefix: readonly VariableTurn[]): boolean {
  if (path.length < prefix.length) return false;
  for (let i = prefix.length - 1; i >= 0; i--) if (prefix[i] !== path[i]) return false;
  return true;
}

/** Kept per state, so the turns after the imported ones find the same state and keep their steps. */
const saved = new WeakMap<MacroVariables, { header: MacroVariables; vars: MacroVariables }>();

/** `vars` with the story's own variables as the header saved them (the global ones are not in a chat). */
function asSaved(vars: MacroVariables, header: MacroVariables): MacroVariables {
  const kept = saved.get(vars);
  if (kept?.header === header) return kept.vars;
  const out = { local: new Map(header.local), global: new Map(vars.global) };
  saved.set(vars, { header, vars: out });
  return out;
}

/**
 * The story's own variables at the end of `path`, as its next turn would read them (what an
 * imported chat's `header` held first), by name: what a SillyTavern chat keeps in
 * `chat_metadata.variables`. Global ones are left out: SillyTavern keeps those in its settings.
 */
export function branchVariables(
  openingText: string,
  path: readonly VariableTurn[],
  names: { user: string; char: string },
  header?: unknown,
): Record<string, string> {
  const { after } = storyVariables(openingText, path, '', names, importedVariables(header));
  return Object.fromEntries(after.local);
}
