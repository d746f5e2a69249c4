import { refused, type Command } from './types.js';

/** `/undo`: rewind the last turn; it stays in the tree, and the message goes back to the composer. */
export const undo: Command = {
  name: 'undo',
  help: 'rewind the last turn (it stays in /tree)',
  frontEnds: ['tui', 'headless'],
  example: { before: ['I greet Wren.', 'I ask about Ilsa.'], line: '/undo', shows: 'I ask about Ilsa.' },
  async run({ session, composer }) {
    const before = session.turns().length;
    const input = await session.undo();
    if (!input) return refused('Nothing to undo.');
    return {
      kind: 'done',
      moved: true,
      compose: input.text,
      record: { type: 'undo', turn: before, input: input.text },
      notice: `Rewound one turn (it stays in /tree)${composer ? '; your message is back in the composer' : ''}.`,
    };
  },
};
