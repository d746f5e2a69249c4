/**
 * The slash commands: one table for running them, completing them with Tab and listing them in
 * the help overlay.
 */

export type CommandId =
  | 'regen' | 'undo' | 'edit' | 'remember' | 'forget' | 'memory' | 'world' | 'opening' | 'persona'
  | 'sessions' | 'export' | 'debug' | 'model' | 'tree' | 'help' | 'quit';

export interface SlashCommand {
  id: CommandId;
  args?: string;
  description: string;
}

export const SLASH_COMMANDS: readonly SlashCommand[] = [
  { id: 'regen', description: 'add a candidate to the selected reply (Ctrl+R)' },
  { id: 'undo', description: 'rewind the last turn (it stays in /tree)' },
  { id: 'edit', description: 'put your last message in the composer; sending it regenerates as a new branch' },
  { id: 'remember', args: '<fact>', description: 'pin a fact the story must keep' },
  { id: 'forget', args: '<n>', description: 'unpin fact number n (see /memory)' },
  { id: 'memory', description: 'the summary and the facts the story keeps' },
  { id: 'tree', description: 'the branches of this story; Enter switches' },
  { id: 'world', args: '[id]', description: 'about this world; with an id, start a new story there' },
  { id: 'opening', args: '[id]', description: 'the opening scene; with an id, start this world again from that opening' },
  { id: 'persona', args: '[name]', description: 'who you play; with a name, start this opening again under that name' },
  { id: 'sessions', description: 'saved sessions and how to resume them' },
  { id: 'export', description: 'write this branch as Markdown to the data folder' },
  { id: 'debug', description: 'show or hide the debug pane (F2)' },
  { id: 'model', args: '[name]', description: 'who narrates and the profiles; with a name, narrate with that profile from now on' },
  { id: 'help', description: 'keys and commands (F1)' },
  { id: 'quit', description: 'leave (the session is saved)' },
];

export interface ParsedCommand {
  command?: SlashCommand;
  name: string;
  args: string;
}

/** Parses `/name args`; `command` is undefined for an unknown name. */
export function parseCommand(text: string): ParsedCommand {
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(text.trim());
  const name = (match?.[1] ?? '').toLowerCase();
  const args = (match?.[2] ?? '').trim();
  const command = SLASH_COMMANDS.find((c) => c.id === name) ?? (name === 'regenerate' ? SLASH_COMMANDS[0] : name === 'exit' || name === 'q' ? SLASH_COMMANDS.find((c) => c.id === 'quit') : undefined);
  return { ...(command ? { command } : {}), name, args };
}

/** Commands whose name starts with what follows the slash (only while no argument is typed). */
export function completions(text: string): SlashCommand[] {
  const match = /^\/(\S*)$/.exec(text);
  if (!match) return [];
  const prefix = match[1].toLowerCase();
  return SLASH_COMMANDS.filter((c) => c.id.startsWith(prefix));
}

/** What Tab turns the text into: the only match (with a space if it takes arguments), or the longest common prefix. */
export function complete(text: string): string {
  const matches = completions(text);
  if (matches.length === 0) return text;
  if (matches.length === 1) return `/${matches[0].id}${matches[0].args ? ' ' : ''}`;
  let prefix: string = matches[0].id;
  for (const m of matches) while (!m.id.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return `/${prefix}`.length > text.length ? `/${prefix}` : text;
}

/** Values an argument can take, per command (opening ids for /opening ...). */
export type ArgumentChoices = Partial<Record<CommandId, readonly string[]>>;

/** The choices matching the argument being typed (`/opening th` → ids starting with "th"). */
export function argumentMatches(text: string, choices: ArgumentChoices): string[] {
  const match = /^\/(\S+)\s+(\S*)$/.exec(text);
  if (!match) return [];
  const { command } = parseCommand(`/${match[1]}`);
  const values = command ? choices[command.id] ?? [] : [];
  return values.filter((v) => v.startsWith(match[2]));
}

/** Tab on a command's argument: the only match, or the longest common prefix of the matches. */
export function completeArgument(text: string, choices: ArgumentChoices): string {
  const matches = argumentMatches(text, choices);
  if (matches.length === 0) return text;
  const head = text.slice(0, text.search(/\S*$/));
  let prefix = matches[0];
  for (const m of matches) while (!m.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return matches.length === 1 ? `${head}${matches[0]}` : `${head}${prefix}`;
}
