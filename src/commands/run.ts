/**
 * From a typed line to an outcome, the same for every front end: a line is something to say
 * (`//` sends one that starts with a slash) or a command, which runs only where it is declared to.
 */
import { neutralize } from '../text/sanitize.js';
import { findCommand } from './registry.js';
import { refused, type Command, type CommandContext, type CommandOutcome, type FrontEnd } from './types.js';

export type ParsedLine = { kind: 'say'; text: string } | { kind: 'command'; name: string; args: string; command?: Command };

const FRONT_END_NAMES: Record<FrontEnd, string> = { tui: 'the TUI', headless: 'headless play' };

/** Splits a trimmed line into what the player says or the command they typed (`command` absent when unknown). */
export function parseLine(line: string): ParsedLine {
  const text = line.trim();
  if (!text.startsWith('/')) return { kind: 'say', text };
  if (text.startsWith('//')) return { kind: 'say', text: text.slice(1) };
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(text);
  const name = (match?.[1] ?? '').toLowerCase();
  const args = (match?.[2] ?? '').trim();
  const command = findCommand(name);
  return { kind: 'command', name, args, ...(command ? { command } : {}) };
}

/**
 * Runs a parsed command line. An unknown name, or a command this front end does not run, is
 * refused with a sentence that says what to do instead. Failures of the session call (a
 * SessionError) are thrown for the front end to show as it shows errors.
 */
export async function runLine(
  line: Extract<ParsedLine, { kind: 'command' }>,
  context: Omit<CommandContext, 'args'>,
): Promise<CommandOutcome> {
  const { command, name, args } = line;
  if (!command)
    return refused(
      `There is no command /${neutralize(name)}; /help lists them (start a line with // to say something that begins with a slash).`,
    );
  if (!command.frontEnds.includes(context.frontEnd)) {
    return refused(`/${command.name} works only in ${command.frontEnds.map((f) => FRONT_END_NAMES[f]).join(' and ')}.`);
  }
  return command.run({ ...context, args });
}
