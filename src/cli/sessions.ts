import type { Command } from 'commander';

export function registerSessions(program: Command): void {
  const sessions = program
    .command('sessions')
    .description('list, show, export, repair, copy and remove saved sessions')
    .addHelpText('after', '\nExamples:\n  $ skald sessions list\n  $ skald sessions export last --format md > story.md');
  sessions
    .command('list')
    .description('saved sessions, newest first')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ skald sessions list\n  $ skald sessions list --json')
    .action(async (options: { json?: boolean }) => (await import('./sessions-run.js')).list(options));
  sessions
    .command('show <id>')
    .description('the active branch of a session (`last` for the newest)')
    .option('--json', 'print {id, world, turns:[...]}')
    .addHelpText('after', '\nExamples:\n  $ skald sessions show last\n  $ skald sessions show 2026-11-29-ab12 --json')
    .action(async (id: string, options: { json?: boolean }) => (await import('./sessions-run.js')).show(id, options));
  sessions
    .command('export <id>')
    .description('export the active branch as Markdown or JSON')
    .option('--format <format>', 'md or json', 'md')
    .option('--out <file>', 'write to a file instead of stdout')
    .addHelpText('after', '\nExamples:\n  $ skald sessions export last --format md > story.md\n  $ skald sessions export last --format json --out story.json')
    .action(async (id: string, options: { format: string; out?: string }) => (await import('./sessions-run.js')).exportSession(id, options));
  sessions
    .command('repair <id>')
    .description('write a clean copy of a damaged session beside it, saying what was fixed (the original is never changed)')
    .addHelpText('after', '\nExamples:\n  $ skald sessions repair last')
    .action(async (id: string) => (await import('./sessions-run.js')).repair(id));
  sessions
    .command('copy <id>')
    .description('copy a session under a new id, e.g. to play on while another skald has it open')
    .addHelpText('after', '\nExamples:\n  $ skald sessions copy last')
    .action(async (id: string) => (await import('./sessions-run.js')).copySession(id));
  sessions
    .command('rm <id>')
    .description('delete a saved session, by its exact id (see `skald sessions list`)')
    .addHelpText('after', '\nExamples:\n  $ skald sessions rm 2026-11-29-ab12')
    .action(async (id: string) => (await import('./sessions-run.js')).remove(id));
}
