import type { Command } from 'commander';
import type { AddOptions } from './personas-run.js';

/** `skald personas add|list|use|rm|import`: the names the player plays imported cards and open worlds under. */
export function registerPersonas(program: Command): void {
  const personas = program
    .command('personas')
    .description('your personas: who you play in imported cards and worlds that name no player')
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald personas add Mara --description "A cartographer who owes everyone money."\n  $ skald personas use Mara',
    );
  personas
    .command('add <name>')
    .description('save a persona (the first one saved is used from then on)')
    .option('--description <text>', 'who they are: the prompt describes you with it')
    .option('--use', 'play as this persona from now on')
    .option('--position <where>', 'where the description goes: prompt, authors_note_top, authors_note_bottom, depth, none')
    .option('--depth <n>', 'with --position depth: messages from the end (2 by default)')
    .option('--role <role>', 'with --position depth: system, user or assistant (system by default)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald personas add Mara --description "A cartographer who owes everyone money." --use\n  $ skald personas add Osric --description "A retired duellist." --position depth --depth 1 --role user',
    )
    .action(async (name: string, options: AddOptions) => (await import('./personas-run.js')).add(name, options));
  personas
    .command('list')
    .description('the saved personas; the one in use is marked')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ skald personas list --json')
    .action(async (options: { json?: boolean }) => (await import('./personas-run.js')).list(options));
  personas
    .command('use <name>')
    .description('play imported cards and open worlds as this persona (`none`: as each world says)')
    .addHelpText('after', '\nExamples:\n  $ skald personas use Mara\n  $ skald personas use none')
    .action(async (name: string) => (await import('./personas-run.js')).use(name));
  personas
    .command('import <file>')
    .description("bring SillyTavern's personas: Persona Management's backup file, or its settings.json")
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald personas import personas_20250301.json\n  $ skald personas import ~/SillyTavern/data/default-user/settings.json',
    )
    .action(async (file: string) => (await import('./personas-run.js')).importFile(file));
  personas
    .command('rm <name>')
    .alias('remove')
    .description('delete a saved persona')
    .addHelpText('after', '\nExamples:\n  $ skald personas rm Mara')
    .action(async (name: string) => (await import('./personas-run.js')).remove(name));
}
