/**
 * Tab completion of command names and of their arguments, for the TUI's composer and its
 * status-line hints, from the registry.
 */
import { commandsFor, findCommand } from './registry.js';
import type { Command, CompletionContext, FrontEnd } from './types.js';

/** Values an argument can take, by command name (opening ids for /opening ...). */
export type ArgumentChoices = Readonly<Record<string, readonly string[]>>;

/**
 * Every command's argument values, each read when first asked for and then kept: a profile or
 * persona list reads config.json and a branch list walks the story's tree, so only a command whose
 * argument is being typed pays for its own, once per object (a front end makes a new one when the
 * story changes).
 */
export function argumentChoices(context: CompletionContext, frontEnd: FrontEnd = 'tui'): ArgumentChoices {
  const choices: Record<string, readonly string[]> = {};
  for (const c of commandsFor(frontEnd)) {
    if (!c.complete) continue;
    let values: readonly string[] | undefined;
    Object.defineProperty(choices, c.name, {
      enumerable: true,
      get: () => (values ??= readChoices(() => c.complete?.(context) ?? [])),
    });
  }
  return choices;
}

function readChoices(read: () => readonly string[]): readonly string[] {
  try {
    return read();
  } catch {
    // An unreadable config offers no values; typing the argument still works.
    return [];
  }
}

/** Commands whose name starts with what follows the slash (only while no argument is typed). */
export function completions(text: string, frontEnd: FrontEnd = 'tui'): Command[] {
  const match = /^\/(\S*)$/.exec(text);
  if (!match) return [];
  const prefix = (match[1] ?? '').toLowerCase();
  return commandsFor(frontEnd).filter((c) => c.name.startsWith(prefix));
}

/** What Tab turns the text into: the only match (with a space if it takes arguments), or the longest common prefix. */
export function complete(text: string, frontEnd: FrontEnd = 'tui'): string {
  const matches = completions(text, frontEnd);
  const first = matches[0];
  if (!first) return text;
  if (matches.length === 1) return `/${first.name}${first.args ? ' ' : ''}`;
  return `/${commonPrefix(matches.map((m) => m.name))}`.length > text.length ? `/${commonPrefix(matches.map((m) => m.name))}` : text;
}

/** The choices matching the argument being typed (`/opening th` → ids starting with "th"). */
export function argumentMatches(text: string, choices: ArgumentChoices): string[] {
  const match = /^\/(\S+)\s+(\S*)$/.exec(text);
  if (!match) return [];
  const command = findCommand(match[1] ?? '');
  const values = command ? (choices[command.name] ?? []) : [];
  return values.filter((v) => v.startsWith(match[2] ?? ''));
}

/** Tab on a command's argument: the only match, or the longest common prefix of the matches. */
export function completeArgument(text: string, choices: ArgumentChoices): string {
  const matches = argumentMatches(text, choices);
  if (matches.length === 0) return text;
  const head = text.slice(0, text.search(/\S*$/));
  return `${head}${commonPrefix(matches)}`;
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
