/**
 * SillyTavern's variable macros: `{{setvar::name::value}}`, `{{getvar::name}}`,
 * `{{addvar::name::value}}`, `{{incvar::name}}`, `{{decvar::name}}`, and the same with `global`
 * (`{{setglobalvar::...}}`). Set, add and the global ones write nothing in the text; `incvar` and
 * `decvar` write the new value, `getvar` the value (nothing when unset), as SillyTavern's
 * public/scripts/variables.js does. Adding a number to a number sums them; anything else appends.
 *
 * A story's variables live in its log (session/story-variables.ts): its messages, and what each
 * turn's prompt changed, kept with the turn. Global variables are the story's too: skald keeps
 * nothing between stories.
 */

/** A story's variables at one point: its own (`local`) and the `global` ones. */
export interface MacroVariables {
  local: Map<string, string>;
  global: Map<string, string>;
}

/** The variables before each message of a turn's history (opening, inputs and replies, the new input), and after the last. */
export interface StoryVariables {
  before: readonly MacroVariables[];
  after: MacroVariables;
}

export const noVariables = (): MacroVariables => ({ local: new Map(), global: new Map() });

/** A copy to change without changing `vars`. */
export const copyVariables = (vars: MacroVariables): MacroVariables => ({ local: new Map(vars.local), global: new Map(vars.global) });

/**
 * The variables a turn's prompt changed (its system prompt, lore, note ...), by name with their new
 * values: kept with the turn, so the story carries them on as SillyTavern's chat does.
 */
export interface VariableChanges {
  local?: Record<string, string>;
  global?: Record<string, string>;
}

/** What changed from `before` to `after` (no macro removes a variable), or undefined for nothing. */
export function variableChanges(before: MacroVariables, after: MacroVariables): VariableChanges | undefined {
  const changed = (a: Map<string, string>, b: Map<string, string>): Record<string, string> | undefined => {
    const out: Record<string, string> = {};
    for (const [name, value] of b) if (a.get(name) !== value) out[name] = value;
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const local = changed(before.local, after.local);
  const global = changed(before.global, after.global);
  return local || global ? { ...(local ? { local } : {}), ...(global ? { global } : {}) } : undefined;
}

/** `vars` with `changes` made, or `vars` itself when there are none; values that are not text (a damaged file) are skipped. */
export function withChanges(vars: MacroVariables, changes: VariableChanges | undefined): MacroVariables {
  if (!changes || (!changes.local && !changes.global)) return vars;
  const next = copyVariables(vars);
  for (const [store, kept] of [
    [next.local, changes.local],
    [next.global, changes.global],
  ] as const) {
    if (typeof kept !== 'object' || kept === null) continue;
    for (const [name, value] of Object.entries(kept)) if (typeof value === 'string') store.set(name, value);
  }
  return next;
}

/** The names of the variable macros (lower case). */
export const VARIABLE_MACRO = /^(?:get|set|add|inc|dec)(?:global)?var$/;

/** Whether `text` holds a variable macro at all (a quick test before expanding it for its effects). */
export const hasVariableMacro = (text: string): boolean => /\{\{\s*(?:get|set|add|inc|dec)(?:global)?var\s*:/i.test(text);

/** Whether `text` holds a macro that changes a variable (set, add, inc, dec). */
export const writesVariables = (text: string): boolean => /\{\{\s*(?:set|add|inc|dec)(?:global)?var\s*:/i.test(text);

/** Longer names and values are a broken or hostile text, not a variable. */
const MAX_NAME = 200;
const MAX_VALUE = 10_000;

/**
 * One variable macro (`name` in lower case, `args` after its `::`), applied to `vars`: the text it
 * writes, or undefined to leave it as written (no name, or a set without a value).
 */
export function variableMacro(name: string, sep: string | undefined, args: string, vars: MacroVariables): string | undefined {
  if (sep === undefined) return undefined;
  const store = name.includes('global') ? vars.global : vars.local;
  const verb = name.slice(0, 3);
  const split = args.indexOf('::');
  const key = (split < 0 ? args : args.slice(0, split)).trim();
  const value = split < 0 ? undefined : args.slice(split + 2);
  if (key === '' || key.length > MAX_NAME) return undefined;
  switch (verb) {
    case 'get':
      return store.get(key) ?? '';
    case 'set':
      if (value === undefined || value.length > MAX_VALUE) return undefined;
      store.set(key, value);
      return '';
    case 'add':
      if (value === undefined) return undefined;
      add(store, key, value);
      return '';
    default:
      return add(store, key, verb === 'inc' ? '1' : '-1');
  }
}

/** SillyTavern's addvar: a number to a number sums (an unset variable is 0); anything else appends. */
function add(store: Map<string, string>, key: string, value: string): string {
  const current = store.get(key) || '0';
  const increment = Number(value);
  const sum = Number(current) + increment;
  const next = Number.isNaN(increment) ? `${current === '0' ? '' : current}${value}` : Number.isNaN(sum) ? undefined : String(sum);
  if (next === undefined || next.length > MAX_VALUE) return '';
  store.set(key, next);
  return next;
}
