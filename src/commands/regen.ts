import { refused, type Command } from './types.js';

/** `/regen [turn]`: one more candidate for the selected (or numbered) turn. */
export const regen: Command = {
  name: 'regen',
  aliases: ['regenerate'],
  args: '[turn]',
  help: 'add a candidate to the selected reply (Ctrl+R); with a number, to that turn',
  frontEnds: ['tui', 'headless'],
  example: { before: ['I greet Wren.'], line: '/regen' },
  run({ session, args, selectedTurn }) {
    if (args && !/^\d+$/.test(args)) return refused('/regen takes an optional turn number, e.g. /regen 2.');
    if (session.turns().length === 0) return refused('There is no reply to regenerate yet; send a message first.');
    const turn = args ? Number(args) : selectedTurn;
    return { kind: 'turn', run: 'regenerate', start: (signal) => session.regenerate(turn, signal ? { signal } : {}) };
  },
};
