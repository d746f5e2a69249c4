import type { Command } from 'commander';
import { commandsFor } from '../commands/index.js';
import { addModelOptions, type PlayOptions } from './options.js';

export function registerPlay(program: Command): void {
  const play = program
    .command('play [world]', { isDefault: true })
    .description('play a world (a bundled or installed id, or a path to a pack)')
    .option('--opening <id>', 'which opening to start from')
    .option('--persona <name>', "play as this name instead of the pack's persona")
    .option('--headless', 'no TUI: read player lines on stdin, write one JSON object per line')
    .option('--resume <id|last>', 'continue a saved session (last: the latest story with a played turn)')
    .option('--copy', 'with --resume: play on in a copy of the session, leaving the original as it is')
    .option('--debug', 'open the debug pane from the start');
  addModelOptions(play, 'settings')
    .addHelpText(
      'after',
      `
Examples:
  $ skald play                         pick a world in the TUI
  $ skald play glass-orchard --opening homecoming
  $ skald play ./my-pack --offline --seed 7
  $ skald play --resume last
  $ echo "I knock twice." | skald play glass-orchard --headless --candidates 2

In headless mode a line that starts with / is a command (each writes one JSON line):
${headlessCommands()}
Start a line with // to say something that begins with a slash.

\`last\` (here and in \`skald sessions\`) is the story played most recently that has at least one
turn; a story opened and left before its first message is skipped (when none has a turn, the
newest story).

Samplers (--temperature, --min-p ...) override the profile's, the world's and the story's for this
run; --preset NAME applies a sampler preset (\`skald presets list\`) for this run; /set lists them.`,
    )
    .action(async (world: string | undefined, options: PlayOptions) => {
      const { runPlay } = await import('./play-run.js');
      await runPlay(world, options);
    });
}

/** The commands headless play runs, one a line, from the registry (src/commands). */
function headlessCommands(): string {
  const rows = commandsFor('headless').map((c) => [`/${c.name}${c.args ? ` ${c.args}` : ''}`, c.help] as const);
  const width = Math.max(...rows.map(([usage]) => usage.length));
  return rows.map(([usage, help]) => `  ${usage.padEnd(width)}  ${help}`).join('\n');
}
