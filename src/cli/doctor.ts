import type { Command } from 'commander';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check Node, the data folder, the active profile and the endpoint; each failure with a fix')
    .option('--profile <name>', 'check this profile instead of the active one')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ skald doctor\n  $ skald doctor --profile local')
    .action(async (options: { profile?: string; json?: boolean }) => (await import('./doctor-run.js')).doctor(options));
}
