/**
 * SillyTavern's regex scripts, as cards carry them (`extensions.regex_scripts`), run the way
 * SillyTavern runs them: in order, each on the previous one's output; a plain script changes the
 * text that is stored, a `markdownOnly` one only what is shown, a `promptOnly` one only what is
 * sent (within its minDepth..maxDepth). Patterns run on the bounded engine of lore keys
 * (text/pattern.ts): a card's pattern never runs in JS on the model's output.
 */
import { parseScriptPattern, type PatternMatch, type PatternResult } from '../../text/pattern.js';
import { resolveMacros, type MacroContext } from '../macros.js';
import { neutralize } from '../../text/sanitize.js';
import type { LoreEntry, RegexScript, WorldPack } from '../../world/types.js';
import type { Turn } from '../types.js';

/**
 * SillyTavern's `regex_placement`: where a script runs. skald runs all but slash commands (it has
 * no slash commands scripts could rewrite): the player's input, the reply, the text of lore
 * entries as they go into the prompt, and the reply's reasoning as stored.
 */
export const PLACEMENT = { USER_INPUT: 1, AI_OUTPUT: 2, SLASH_COMMAND: 3, WORLD_INFO: 5, REASONING: 6 } as const;

/** Which text a run makes: the one stored, the one displayed, or the one sent to the model. */
export type ScriptTarget = 'store' | 'display' | 'prompt';

export interface ScriptRun {
  placement: typeof PLACEMENT.USER_INPUT | typeof PLACEMENT.AI_OUTPUT | typeof PLACEMENT.WORLD_INFO | typeof PLACEMENT.REASONING;
  target: ScriptTarget;
  /** For `prompt`: how many messages from the newest (0) the text sits. */
  depth?: number;
  /** The text is an edited message: only scripts with runOnEdit run. */
  edit?: boolean;
  /**
   * The macros (`{{char}}`, `{{user}}` and the rest of macros.ts) of the replacement, the trim
   * strings and, with substituteRegex, the pattern. Without it they are left as written.
   */
  names?: MacroContext;
}

/** Where a lore entry placed at a depth goes when it names none (SillyTavern's DEFAULT_DEPTH). */
const DEFAULT_LORE_DEPTH = 4;

/** A result this long is not kept: a replacement that multiplies the text is a broken script. */
const MAX_RESULT = 1_000_000;

/**
 * The pattern a script's `findRegex` names, as SillyTavern reads it: `/body/flags`, else the whole
 * string with no flags; its macros expanded first with substituteRegex 1 (raw) or 2 (escaped, so a
 * name like "a.b" matches only itself).
 */
export function scriptPattern(script: Pick<RegexScript, 'findRegex' | 'substituteRegex'>, names?: ScriptRun['names']): PatternResult {
  const mode = Number(script.substituteRegex);
  const source = mode === 1 || mode === 2 ? macrosIn(script.findRegex, names, mode === 2 ? escapeForPattern : undefined) : script.findRegex;
  return parseScriptPattern(source);
}

/** Whether `script` runs for `run` (SillyTavern's getRegexedString filter). */
export function scriptApplies(script: RegexScript, run: ScriptRun): boolean {
  if (script.disabled || !script.findRegex || !script.placement.includes(run.placement)) return false;
  const applies =
    (script.markdownOnly && run.target === 'display') ||
    (script.promptOnly && run.target === 'prompt') ||
    (!script.markdownOnly && !script.promptOnly && run.target === 'store');
  if (!applies || (run.edit && !script.runOnEdit)) return false;
  if (run.target === 'prompt' && run.depth !== undefined) {
    if (script.minDepth !== null && script.minDepth >= -1 && run.depth < script.minDepth) return false;
    if (script.maxDepth !== null && script.maxDepth >= 0 && run.depth > script.maxDepth) return false;
  }
  return true;
}

/**
 * `text` through every script that applies to `run`, in order. A script whose pattern cannot run
 * (validation names it) is skipped, as SillyTavern skips one that does not compile.
 */
export function runScripts(scripts: readonly RegexScript[] | undefined, text: string, run: ScriptRun): string {
  if (!scripts?.length || !text) return text;
  let out = text;
  for (const script of scripts) {
    if (scriptApplies(script, run)) out = runScript(script, out, run.names);
  }
  return out === text ? text : neutralize(out);
}

/** One script on `text` (SillyTavern's runRegexScript). */
export function runScript(script: RegexScript, text: string, names?: ScriptRun['names']): string {
  const compiled = scriptPattern(script, names);
  if (!compiled.ok || !text) return text;
  const found = compiled.pattern.matches(text, compiled.pattern.flags.includes('g'));
  if (found.length === 0) return text;
  const template = script.replaceString.replace(/\{\{match\}\}/gi, '$0');
  const trims = script.trimStrings.map((t) => macrosIn(t, names));
  let out = '';
  let at = 0;
  for (const m of found) {
    out += text.slice(at, m.start) + macrosIn(fill(template, m, trims), names);
    at = m.end;
    if (out.length > MAX_RESULT) return text;
  }
  return out + text.slice(at);
}

/**
 * `$0`..`$n`, `$&` (the whole match, as in JavaScript's replace) and `$<name>` filled with the
 * match's groups, each without the trim strings; an unmatched group is empty.
 */
function fill(template: string, m: PatternMatch, trims: readonly string[]): string {
  return template.replace(/\$(\d+)|\$<([^>]+)>|\$&/g, (whole: string, num: string | undefined, name: string | undefined) => {
    const value = whole === '$&' ? m.groups[0] : num !== undefined ? m.groups[Number(num)] : m.named[name ?? ''];
    if (!value) return '';
    return trims.reduce((v, t) => (t ? v.split(t).join('') : v), value);
  });
}

/**
 * `text` with its macros expanded; with `escape`, each macro's value escaped on its own (SillyTavern's
 * sanitizeRegexMacro), so the pattern around it keeps its meaning. Without a context, as written.
 */
function macrosIn(text: string, names: ScriptRun['names'], escape?: (value: string) => string): string {
  if (!names || !(text.includes('{{') || text.includes('<'))) return text;
  if (!escape) return resolveMacros(text, names);
  // Each outermost {{...}} (a macro in another's arguments goes with its host) alone, then escaped.
  return text.replace(/\{\{(?:[^{}]|\{\{[^{}]*\}\})*\}\}|<(?:user|bot)>/gi, (macro) => {
    const value = resolveMacros(macro, names);
    return value === macro ? macro : escape(value);
  });
}

/** SillyTavern's sanitizeRegexMacro: pattern syntax and control characters escaped. */
function escapeForPattern(value: string): string {
  const controls: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\f': '\\f', '\0': '\\0' };
  return value.replace(/[\n\r\t\v\f\0.^$*+?{}[\]\\/|()]/g, (c) => controls[c] ?? `\\${c}`);
}

/** `{{char}}` (the pack's first character) and `{{user}}` (the player's persona) for the scripts. */
export function scriptNames(pack: WorldPack, user: string): MacroContext {
  return { char: pack.characters[0]?.name ?? '', user };
}

/** The model's reply as stored (`edit`: the player's edit of it, where only runOnEdit scripts run): the pack's plain AI_OUTPUT scripts run on it. */
export function storedReply(pack: WorldPack, user: string, edit = false): (text: string) => string {
  const names = scriptNames(pack, user);
  return (text) => {
    const out = runScripts(pack.regexScripts, text, { placement: PLACEMENT.AI_OUTPUT, target: 'store', edit, names });
    // SillyTavern drops the spaces a removal leaves at line ends, after the scripts (cleanUpMessage).
    return out === text ? text : out.replace(/[^\S\r\n]+$/gm, '');
  };
}

/**
 * A lore entry's text as the prompt carries it: SillyTavern runs the WORLD_INFO scripts on each
 * active entry as a prompt text (so only promptOnly ones), at the entry's depth when it is placed
 * at one; an entry left empty is left out.
 */
export function promptedLore(pack: WorldPack, user: string, entry: Pick<LoreEntry, 'text' | 'position' | 'depth'>): string {
  const depth = entry.position === 'depth' ? (entry.depth ?? DEFAULT_LORE_DEPTH) : undefined;
  return runScripts(pack.regexScripts, entry.text, {
    placement: PLACEMENT.WORLD_INFO,
    target: 'prompt',
    ...(depth !== undefined ? { depth } : {}),
    names: scriptNames(pack, user),
  });
}

/** A reply's reasoning as stored: the pack's plain REASONING scripts run on it (SillyTavern does so when the reply arrives). */
export function storedReasoning(pack: WorldPack, user: string): (text: string) => string {
  const names = scriptNames(pack, user);
  return (text) => runScripts(pack.regexScripts, text, { placement: PLACEMENT.REASONING, target: 'store', names });
}

/** The player's input as stored: the pack's plain USER_INPUT scripts run on it. */
export function storedInput(pack: WorldPack, user: string, text: string, edit = false): string {
  return runScripts(pack.regexScripts, text, { placement: PLACEMENT.USER_INPUT, target: 'store', edit, names: scriptNames(pack, user) });
}

/** A story message as displayed: the pack's markdownOnly scripts for its side run on it. */
export function displayedText(pack: WorldPack, user: string, role: 'player' | 'narrator', text: string): string {
  const placement = role === 'player' ? PLACEMENT.USER_INPUT : PLACEMENT.AI_OUTPUT;
  return runScripts(pack.regexScripts, text, { placement, target: 'display', names: scriptNames(pack, user) });
}

/** A story message as sent to the model, `depth` messages from the newest: the pack's promptOnly scripts run on it. */
export function promptedText(pack: WorldPack, user: string, role: 'player' | 'narrator', text: string, depth: number): string {
  const placement = role === 'player' ? PLACEMENT.USER_INPUT : PLACEMENT.AI_OUTPUT;
  return runScripts(pack.regexScripts, text, { placement, target: 'prompt', depth, names: scriptNames(pack, user) });
}

/** A turn as displayed: its input and its kept reply through the pack's markdownOnly scripts (the same turn when none change it). */
export function displayedTurn(pack: WorldPack, user: string, turn: Turn): Turn {
  if (!pack.regexScripts?.some((s) => s.markdownOnly)) return turn;
  const chosen = turn.candidates[turn.chosen];
  const input = displayedText(pack, user, 'player', turn.input.text);
  const reply = chosen ? displayedText(pack, user, 'narrator', chosen.text) : undefined;
  if (input === turn.input.text && reply === chosen?.text) return turn;
  const candidates =
    chosen && reply !== undefined ? turn.candidates.map((c, i) => (i === turn.chosen ? { ...c, text: reply } : c)) : turn.candidates;
  return { ...turn, input: { ...turn.input, text: input }, candidates };
}
