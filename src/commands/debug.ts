import type { Command } from './types.js';

/** `/debug`: the TUI's debug pane (headless play writes every turn's diagnostics anyway). */
export const debug: Command = {
  name: 'debug',
  help: 'show or hide the debug pane (F2)',
  frontEnds: ['tui'],
  example: { line: '/debug', shows: 'debug ·' },
  run: () => ({ kind: 'toggle-debug' }),
};
