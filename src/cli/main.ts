/**
 * The entry point. It only declares commands: every action imports its implementation lazily, so
 * `skald --version` and `skald worlds list` never parse React, Ink or the openai SDK.
 */
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { reportFatal } from './report.js';

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
