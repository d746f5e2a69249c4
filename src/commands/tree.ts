import type { Command } from './types.js';

/** `/tree`: the branches of the story (the TUI's picker switches with Enter; headless lists them). */
export const tree: Command = {
  name: 'tree',
  help: 'the branches of this story (in the TUI, Enter switches to one)',
  frontEnds: ['tui', 'headless'],
  example: { before: ['I greet Wren.', '/edit I greet Wren warmly.'], line: '/tree', shows: 'I greet Wren.' },
  run({ session }) {
    return { kind: 'branches', branches: session.tree() };
  },
};
