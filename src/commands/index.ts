/**
 * The slash commands: one module per command, one registry for every front end.
 *
 * The TUI (src/ui/hooks/usePlayController.ts), headless play (src/cli/play-headless.ts), /help,
 * the TUI's Tab completion and status-line hints, and `skald play --help` are all built from
 * `COMMANDS` in registry.ts. Nothing else lists commands.
 *
 * To add a command:
 *   1. Write `src/commands/<name>.ts` exporting a `Command` (see types.ts): its `name`, `aliases`,
 *      `args` (`<x>` required, `[x]` optional), a one-line `help`, the `frontEnds` it runs in,
 *      `complete` if its argument has a known set of values, an `example` line, and
 *      `run(context)`. `run` gets the session, the services and what the front end can do
 *      (`CommandContext`), and returns a `CommandOutcome`: a turn to run (`start(signal)`
 *      returning the session's events), `done` (a notice for the TUI and the JSON record headless
 *      writes), `refused` (a one-line reason), `info` (text to read), and so on.
 *      `src/commands/remember.ts` is a short one to copy.
 *   2. Import it in registry.ts and add it to `COMMANDS` (the order is /help's).
 *   That is all: tests/commands/parity.test.tsx runs its `example` through the TUI and headless
 *   play and fails if they disagree. A new outcome kind goes in types.ts, and the compiler then
 *   points at the two front ends' switches that must handle it.
 *
 * This folder imports the engine, text helpers and the services interface; never ui or cli.
 */
export { COMMANDS, commandsFor, findCommand } from './registry.js';
export type { Command, CommandContext, CommandExample, CommandOutcome, CommandRecord, CompletionContext, FrontEnd } from './types.js';
export { FRONT_ENDS } from './types.js';
export type { CommandServices, Narrator, NarratorChoice } from './services.js';
export { runLine, parseLine, type ParsedLine } from './run.js';
export { argumentMatches, argumentChoices, complete, completeArgument, completions, type ArgumentChoices } from './complete.js';
