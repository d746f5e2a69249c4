/**
 * The entry point. It only declares commands: every action imports its implementation lazily, so
 * `skald --version` and `skald worlds list` never parse React, Ink or the openai SDK.
 */
import { Command, CommanderError, Option } from 'commander';
import { registerPlay } from './play.js';
import { registerWorlds } from './worlds.js';
import { registerSessions } from './sessions.js';
import { registerConfig } from './config.js';
import { registerDoctor } from './doctor.js';
import { registerCritique } from './critique.js';
import { registerEval } from './eval.js';
import { reportFatal } from './report.js';

declare const __SKALD_VERSION__: string;
const version = typeof __SKALD_VERSION__ === 'string' ? __SKALD_VERSION__ : '0.0.0-dev';

export function buildProgram(): Command {
  const program = new Command('skald')
    .description('Interactive fiction and role-play with language models, in your terminal.')
    .version(version, '-V, --version', 'print the version')
    .addOption(new Option('--verbose', 'show stack traces and extra detail on errors'))
    .showSuggestionAfterError(true)
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  $ skald                              pick a world and play (offline narrator when no model is set)
  $ skald play glass-orchard           play a bundled world
  $ skald worlds list                  the worlds you can play
  $ skald profiles add local --preset ollama --model llama3.1
  $ skald play --headless < moves.txt  play from a script, one JSON object per line

Everything skald keeps lives under one folder; set SKALD_HOME to move it.`,
    );
  registerPlay(program);
  registerWorlds(program);
  registerSessions(program);
  registerConfig(program);
  registerDoctor(program);
  registerCritique(program);
  registerEval(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version are "errors" to commander; they already printed what they had to say.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    return reportFatal(error, argv.includes('--verbose') || Boolean(process.env.DEBUG));
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
