import type { Command } from 'commander';

export function registerCritique(program: Command): void {
  program
    .command('critique')
    .description('run the critics on a reply: reads {"history":[{"role","content"}],"response":"..."} on stdin')
    .requiredOption('--world <id|path>', 'the world the reply belongs to')
    .option('--json', 'print {"critics":[...],"score"}')
    .addHelpText('after', '\nExamples:\n  $ skald critique --world glass-orchard < reply.json\n  $ skald critique --world ./my-pack --json < reply.json')
    .action(async (options: { world: string; json?: boolean }) => (await import('./critique-run.js')).critique(options));
}
