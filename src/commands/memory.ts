import { memoryText } from './texts.js';
import type { Command } from './types.js';

/** `/memory`: the rolling summary and the numbered facts. */
export const memory: Command = {
  name: 'memory',
  help: 'the summary and the facts the story keeps',
  frontEnds: ['tui', 'headless'],
  example: { before: ['/remember Wren owes Ilsa forty crowns'], line: '/memory', shows: 'Wren owes Ilsa forty crowns' },
  run({ session }) {
    return { kind: 'info', title: 'Memory', text: memoryText(session), record: { type: 'memory', memory: session.memory() } };
  },
};
