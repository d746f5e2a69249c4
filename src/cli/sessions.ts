import type { Command } from 'commander';

export function registerSessions(program: Command): void {
  const sessions = program
    .command('sessions')
    .description('list, show, import, export, repair, copy and remove saved sessions')
    .addHelpText(
      'after',
      [
        '',
        'SillyTavern chats:',
        '  import CHAT.jsonl --world ID   a chat becomes a session: the greeting the opening, swipes the candidates',
        '  export ID --format st          the active branch as a chat SillyTavern opens (swipes, swipe_id, names, dates)',
        "  (a card's character and lorebook join an existing world with `skald worlds import CARD --into PACK`)",
        '',
        'Examples:',
        '  $ skald sessions list',
        '  $ skald sessions export last --format md > story.md',
        '  $ skald sessions import chat.jsonl --world seraphina',
        '  $ skald sessions export last --format st --out chat.jsonl',
      ].join('\n'),
    );
  sessions
    .command('list')
    .description("saved sessions, newest first, with the turns on each one's active branch")
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ skald sessions list\n  $ skald sessions list --json')
    .action(async (options: { json?: boolean }) => (await import('./sessions-run.js')).list(options));
  sessions
    .command('show <id>')
    .description('the active branch of a session (`last`: the latest story with a played turn)')
    .option('--json', 'print {id, world, turns:[...]}')
    .addHelpText('after', '\nExamples:\n  $ skald sessions show last\n  $ skald sessions show 2026-11-29-ab12 --json')
    .action(async (id: string, options: { json?: boolean }) => (await import('./sessions-run.js')).show(id, options));
  sessions
    .command('export <id>')
    .description('export the active branch as Markdown, JSON or a SillyTavern chat (st: swipes are the candidates, swipe_id the one kept)')
    .option('--format <format>', 'md, json or st', 'md')
    .option('--out <file>', 'write to a file instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald sessions export last --format md > story.md\n  $ skald sessions export last --format json --out story.json\n  $ skald sessions export last --format st --out story.jsonl   # opens in SillyTavern',
    )
    .action(async (id: string, options: { format: string; out?: string }) =>
      (await import('./sessions-run.js')).exportSession(id, options),
    );
  sessions
    .command('import <chat>')
    .description(
      'make a session of a SillyTavern chat file (.jsonl): the greeting is the opening, each message of yours and the reply after it a turn, its swipes the candidates',
    )
    .requiredOption('--world <id>', 'the world the chat is played in (bundled or installed id, or a pack path)')
    .option('--persona <name>', "play on under this name (default: the chat's user name)")
    .option('--json', 'print what was imported as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Messages of one side in a row are merged; system, hidden, narrator and empty messages and a last message',
        'with no reply are not played but kept, and `export --format st` writes them back where they stood. A last',
        'line cut off mid-way is left out and named. No critic runs on imported',
        'replies: their turns are marked as imported, with no plan or verdicts. The file is checked whole first:',
        'a bad line is named and nothing is written.',
        '',
        'Examples:',
        '  $ skald worlds import Seraphina.png',
        '  $ skald sessions import "Seraphina - 2024-05-01@12h00m00s.jsonl" --world seraphina',
        '  $ skald play --resume last',
      ].join('\n'),
    )
    .action(async (chat: string, options: { world?: string; persona?: string; json?: boolean }) =>
      (await import('./sessions-st.js')).importChat(chat, options),
    );
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
