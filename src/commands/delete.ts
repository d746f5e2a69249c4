import { refused, type Command } from './types.js';

/** `/delete [turn]`: a rewind to before the selected (or numbered) turn; the tree keeps it. */
export const deleteCommand: Command = {
  name: 'delete',
  args: '[turn]',
  help: 'delete the selected turn (or the last) and what follows it: a rewind, kept in /tree',
  frontEnds: ['tui', 'headless'],
  example: { before: ['I greet Wren.', 'I ask about Ilsa.'], line: '/delete' },
  async run({ session, args, selectedTurn }) {
    if (args && !/^\d+$/.test(args)) return refused('/delete takes an optional turn number, e.g. /delete 2.');
    const turns = session.turns();
    if (turns.length === 0) return refused('There is no turn to delete yet.');
    const turn = args ? Number(args) : selectedTurn;
    const deleted = await session.deleteTurn(turn);
    const later = deleted.turn < turns[turns.length - 1].number;
    return {
      kind: 'done',
      moved: true,
      record: { type: 'delete', turn: deleted.turn, input: deleted.input.text, turns: session.turns().length },
      notice: `Deleted turn ${deleted.turn}${later ? ' and what followed it' : ''} (it stays in /tree).`,
    };
  },
};
