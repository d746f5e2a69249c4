import type { Command } from 'commander';

export function registerWorlds(program: Command): void {
  const worlds = program
    .command('worlds')
    .description('list, show, validate, create, install and import world packs')
    .addHelpText('after', '\nExamples:\n  $ skald worlds list\n  $ skald worlds validate ./my-pack\n  $ skald worlds import Seraphina.png');

  worlds
    .command('list')
    .description('the worlds you can play: bundled, installed, and their ids')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ skald worlds list\n  $ skald worlds list --json')
    .action(async (options: { json?: boolean }) => (await import('./worlds-run.js')).list(options));

  worlds
    .command('show <world>')
    .description('show a world (an id or a path); --json prints the whole normalised pack')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ skald worlds show glass-orchard\n  $ skald worlds show ./my-pack --json')
    .action(async (world: string, options: { json?: boolean }) => (await import('./worlds-run.js')).show(world, options));

  worlds
    .command('validate <paths...>')
    .description('check packs (folders, files, or ids of installed and bundled worlds); one line per problem, exit 1 when any is invalid')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald worlds validate ./my-pack\n  $ skald worlds validate worlds/*\n  $ skald worlds validate harbor-lights',
    )
    .action(async (paths: string[], options: { json?: boolean }) => (await import('./worlds-run.js')).validate(paths, options));

  worlds
    .command('new <id>')
    .description('write a commented starter pack that validates')
    .option('--out <folder>', 'where to write it (default: ./<id>)')
    .option('--force', 'use the id of a bundled world anyway (once installed, your pack hides the bundled one)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald worlds new lantern-keep\n  $ skald worlds new lantern-keep --out ~/packs/lantern-keep\n\nThe id of a bundled world (see `skald worlds list`) is refused unless you add --force.',
    )
    .action(async (id: string, options: { out?: string; force?: boolean }) => (await import('./worlds-run.js')).create(id, options));

  worlds
    .command('install <path>')
    .description('validate a pack (folder or file) and copy it into your worlds')
    .addHelpText('after', '\nExamples:\n  $ skald worlds install ./lantern-keep')
    .action(async (path: string) => (await import('./worlds-run.js')).install(path));

  worlds
    .command('schema')
    .description('print the JSON Schema of the world pack format, for editors')
    .addHelpText('after', '\nExamples:\n  $ skald worlds schema > world.schema.json')
    .action(async () => (await import('./worlds-run.js')).schema());

  worlds
    .command('export <world>')
    .description("write a world back as a Character Card V3 (JSON on stdout, or a PNG file), its lore as the card's book")
    .option('--format <format>', 'card-v3 (the only one so far)', 'card-v3')
    .option('--png', 'a PNG card SillyTavern imports (to --out, default <id>.png)')
    .option('--out <file>', 'write to this file instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald worlds export harbor-lights --format card-v3 > harbor-lights.json\n  $ skald worlds export harbor-lights --png --out harbor-lights.png',
    )
    .action(async (world: string, options: { format?: string; png?: boolean; out?: string }) =>
      (await import('./worlds-export.js')).exportWorld(world, options),
    );

  worlds
    .command('import <files...>')
    .description('turn a character card (V1, V2, V3; .json, .png, .charx) into a pack, or add a card or a lorebook to one')
    .option('--out <folder>', 'write the pack here instead of installing it')
    .option(
      '--into <pack>',
      "add to this pack (a folder or file, or an installed world's id): a card's character and lorebook (folder or single-file pack; a character of the same name is kept, not replaced), or a lorebook (World Info, character_book, lorebook_v3; pack folder)",
    )
    .option('--group <name>', 'several cards become one world with every character, their books merged')
    .option('--json', 'print a JSON summary')
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald worlds import Seraphina.png\n  $ skald worlds import card.json --out ./seraphina\n  $ skald worlds import Eldoria.json --into ./my-pack\n  $ skald worlds import Eldoria.json --into seraphina   # an installed world, by its id\n  $ skald worlds import Seraphina.png --into ./my-pack   # adds the character and its lorebook\n  $ skald worlds import a.png b.json --group "The Crossing"',
    )
    .action(async (files: string[], options: { out?: string; into?: string; json?: boolean; group?: string }) =>
      (await import('./worlds-import.js')).importCommand(files, options),
    );
}
