import type { Command } from './types.js';

/** `/help`: the keys and commands of the front end in use (each front end writes its own). */
export const help: Command = {
  name: 'help',
  help: 'keys and commands (F1)',
  frontEnds: ['tui', 'headless'],
  example: { line: '/help', shows: '/regen' },
  run: () => ({ kind: 'help' }),
};
