import type { Command } from './types.js';

/** `/quit`: leave; everything played is already saved. */
export const quit: Command = {
  name: 'quit',
  aliases: ['exit', 'q'],
  help: 'leave (the session is saved)',
  frontEnds: ['tui', 'headless'],
  example: { before: ['I greet Wren.'], line: '/quit', after: 'I ask about Ilsa.' },
  run: () => ({ kind: 'quit' }),
};
