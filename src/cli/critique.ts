import { UsageError } from '../errors.js';
import type { Command } from 'commander';

export function registerCritique(program: Command): void {
  program
    .command('critique')
    .description('run the critics on a reply: reads {"history":[{"role","content"}],"response":"..."} on stdin')
    .option('--world <id|path>', 'the world the reply belongs to')
    .option(
      '--corpus <file.jsonl>',
      'score the critics on a labelled corpus instead: one {"id","world","history","response","labels"} a line',
    )
    .option('--details', 'with --corpus: list every miss and false alarm with its evidence')
    .option('--json', 'print {"critics":[...],"score"} (with --corpus: the per-critic counts)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald critique --world glass-orchard < reply.json\n  $ skald critique --world ./my-pack --json < reply.json\n  $ skald critique --corpus my-logs.jsonl --details',
    )
    .action(async (options: { world?: string; corpus?: string; json?: boolean; details?: boolean }) => {
      if (options.corpus) {
        if (options.world)
          throw new UsageError('The --world and --corpus options do not go together: a corpus names the world of each case.');
        return (await import('./critique-corpus.js')).critiqueCorpusCommand({ ...options, corpus: options.corpus });
      }
      if (!options.world) throw new UsageError('The critique command needs --world <id|path> (or --corpus FILE.jsonl).');
      return (await import('./critique-run.js')).critique({ ...options, world: options.world });
    });
}
