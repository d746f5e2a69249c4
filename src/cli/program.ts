/** The command tree: declarations only; every action imports its implementation lazily. */
import { Command, Option } from 'commander';
import { registerPlay } from './play.js';
import { registerWorlds } from './worlds.js';
import { registerSessions } from './sessions.js';
import { registerConfig } from './config.js';
import { registerDoctor } from './doctor.js';
import { registerCritique } from './critique.js';
import { registerEval } from './eval.js';
import { registerPersonas } from './personas.js';
import { registerTemplates } from './templates.js';
import { registerPresets } from './presets.js';
import { display } from './output.js';
import { usageLine } from './report.js';

declare const __SKALD_VERSION__: string;
const version = typeof __SKALD_VERSION__ === 'string' ? __SKALD_VERSION__ : '0.0.0-dev';

export function buildProgram(): Command {
  const program = new Command('skald')
    .description('Interactive fiction and role-play with language models, in your terminal.')
    .version(version, '-V, --version', 'print the version')
    .addOption(new Option('--verbose', 'show stack traces and extra detail on errors'))
    .showSuggestionAfterError(true)
    .exitOverride()
    // Commander's usage errors quote the argument given: sanitised and redacted like any output,
    // and said as skald says its own errors.
    .configureOutput({ outputError: (text, write) => write(display(usageLine(text))) })
    .addHelpText(
      'after',
      `
Examples:
  $ skald                              pick a world and play (offline narrator when no model is set)
  $ skald play glass-orchard           play a bundled world
  $ skald worlds list                  the worlds you can play
  $ skald profiles add local --preset ollama --model llama3.1
  $ skald play glass-orchard --headless < moves.txt
                                       play from a script: player lines in, JSON lines out

Everything skald keeps lives under one folder; set SKALD_HOME to move it.`,
    );
  registerPlay(program);
  registerWorlds(program);
  registerSessions(program);
  registerConfig(program);
  registerPersonas(program);
  registerTemplates(program);
  registerPresets(program);
  registerDoctor(program);
  registerCritique(program);
  registerEval(program);
  return program;
}
