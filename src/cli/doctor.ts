import { Option, type Command } from 'commander';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check Node, the data folder, the active profile and the endpoint; each failure with a fix')
    .option('--profile <name>', 'check this profile instead of the active one')
    .option('--json', 'print JSON')
    .addOption(new Option('--api <mode>', 'check this mode: chat or completions').choices(['chat', 'completions']))
    .option('--template <name>', 'check text completion with this instruct template')
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald doctor\n  $ skald doctor --profile local\n  $ skald doctor --profile local --template chatml',
    )
    .action(async (options: { profile?: string; json?: boolean; api?: 'chat' | 'completions'; template?: string }) =>
      (await import('./doctor-run.js')).doctor(options),
    );
}
