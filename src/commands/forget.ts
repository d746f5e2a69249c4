import { neutralize } from '../text/sanitize.js';
import { refused, type Command } from './types.js';

/** `/forget <n|id>`: unpin a fact, by the number /memory lists it under or by its id. */
export const forget: Command = {
  name: 'forget',
  args: '<n|id>',
  help: 'unpin fact number n (see /memory), or the fact with that id',
  frontEnds: ['tui', 'headless'],
  example: { before: ['/remember Wren owes Ilsa forty crowns'], line: '/forget 1', shows: 'Wren owes Ilsa forty crowns' },
  async run({ session, args }) {
    const facts = session.memory().facts;
    const fact = /^\d+$/.test(args) ? facts[Number(args) - 1] : facts.find((f) => f.id === args);
    const missing = `There is no fact "${neutralize(args) || '(none given)'}"; /memory lists them (forget one by its number or id).`;
    if (!fact) return refused(missing);
    if (!(await session.forget(fact.id))) return refused(missing);
    return {
      kind: 'done',
      notice: `Forgot: ${neutralize(fact.text)}`,
      record: { type: 'forget', id: fact.id, text: fact.text, turn: fact.turn },
    };
  },
};
