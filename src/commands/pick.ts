import { refused, type Command } from './types.js';

/** `/pick N [turn]`: keep candidate N of the selected (or numbered) turn, as the carousel's arrows do. */
export const pick: Command = {
  name: 'pick',
  args: '<n> [turn]',
  help: 'keep candidate n of the selected reply (← → in the carousel); on an earlier turn, as a new branch',
  frontEnds: ['tui', 'headless'],
  example: { before: ['I greet Wren.'], line: '/pick 2' },
  async run({ session, args, selectedTurn }) {
    const [first, second] = args.split(/\s+/);
    const index = Number(first);
    if (!first || !Number.isInteger(index) || index < 1) return refused('/pick takes a candidate number from 1, e.g. /pick 2.');
    const turns = session.turns();
    const latest = turns[turns.length - 1];
    if (!latest) return refused('There is no turn to pick a candidate for yet; send a line first.');
    const turn = second ? Number(second) : (selectedTurn ?? latest.number);
    if (!Number.isInteger(turn)) return refused('/pick takes the turn as a number, e.g. /pick 2 1.');
    await session.choose(turn, index - 1);
    const chosen = session.turns().find((t) => t.number === turn);
    return {
      kind: 'done',
      notice: `Turn ${turn}: candidate ${index} kept.`,
      moved: turn !== latest.number,
      record: { type: 'pick', turn, chosen: index - 1, text: chosen?.candidates[chosen.chosen]?.text ?? '' },
    };
  },
};
