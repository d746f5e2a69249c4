import { refused, type Command } from './types.js';

/** `/continue [turn]`: the model extends the selected (or numbered) reply where it stopped. */
export const continueCommand: Command = {
  name: 'continue',
  args: '[turn]',
  help: "the model extends the selected reply where it stopped, kept as a new version (Alt+C); with a number, that turn's reply",
  frontEnds: ['tui', 'headless'],
  example: { before: ['I greet Wren.'], line: '/continue' },
  run({ session, args, selectedTurn }) {
    if (args && !/^\d+$/.test(args)) return refused('/continue takes an optional turn number, e.g. /continue 2.');
    if (session.turns().length === 0) return refused('There is no reply to continue yet; send a message first.');
    const turn = args ? Number(args) : selectedTurn;
    return { kind: 'turn', run: 'continue', start: (signal) => session.continueReply(turn, signal ? { signal } : {}) };
  },
};
