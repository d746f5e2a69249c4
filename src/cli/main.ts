/**
 * The entry point. It only declares commands: every action imports its implementation lazily, so
 * `skald --version` and `skald worlds list` never parse React, Ink or the openai SDK.
 */
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { existsSync } from 'node:fs';
import { reportFatal } from './report.js';
import { UsageError } from '../errors.js';
import { suggest } from '../text/suggest.js';
import { useCompactTokenizer } from './tokenizer-data.js';
import { quietOnClosedPipe } from './closed-pipe.js';
import { releaseLaunchKeys } from './launch-keys.js';
import { capYoungGeneration } from './young-generation.js';
import { compactOnFullCollections } from './heap-compaction.js';

export async function main(argv: string[]): Promise<number> {
  useCompactTokenizer();
  capYoungGeneration();
  compactOnFullCollections();
  quietOnClosedPipe();
  const program = buildProgram();
  try {
    checkCommandTypo(program, argv);
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version are "errors" to commander; they already printed what they had to say.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    return reportFatal(error, argv.includes('--verbose') || Boolean(process.env.DEBUG));
  } finally {
    // Held by the launcher for a TUI that did not take them (another command after all, an error):
    // the terminal goes back to its cooked mode, and stdin no longer keeps the process alive.
    releaseLaunchKeys();
  }
}

/**
 * `play` is the default command, so `skald wrolds list` would otherwise reach it as a world named
 * "wrolds" and fail with "too many arguments for 'play'". A first word one typo away from a
 * command, or a subcommand said without its group (`skald import card.png`), that is not a path,
 * is reported as the command it probably meant.
 */
function checkCommandTypo(program: ReturnType<typeof buildProgram>, argv: string[]): void {
  const first = argv[0];
  if (!first || first.startsWith('-') || /[\\/.]/.test(first) || existsSync(first)) return;
  const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]).filter((n) => n !== 'help');
  if (names.includes(first)) return;
  const guess = suggest(first, names);
  // `skald import card.png`: a group's subcommand without its group (worlds, sessions ...).
  const groups = guess
    ? []
    : program.commands.filter((c) => c.commands.some((sub) => sub.name() === first || sub.aliases().includes(first)));
  const meant = guess ? [guess] : groups.map((c) => `${c.name()} ${first}`);
  if (meant.length > 0)
    throw new UsageError(
      `Unknown command "${first}"; did you mean ${orList(meant.map((m) => `\`skald ${m}\``))}? (To play a world with that id, use \`skald play ${first}\`.)`,
    );
}

/** "a", "a or b", "a, b or c". */
function orList(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
