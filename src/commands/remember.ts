import { neutralize } from '../text/sanitize.js';
import { refused, type Command } from './types.js';

/** `/remember <fact>`: pin a fact the story must keep. */
export const remember: Command = {
  name: 'remember',
  args: '<fact>',
  help: 'pin a fact the story must keep',
  frontEnds: ['tui', 'headless'],
  example: { line: '/remember Wren owes Ilsa forty crowns', shows: 'Wren owes Ilsa forty crowns' },
  async run({ session, args }) {
    if (!args) return refused('Say what to remember: /remember <fact>, e.g. /remember Wren owes Ilsa the mill.');
    const fact = await session.remember(args);
    return { kind: 'done', notice: `Pinned: ${neutralize(fact.text)}`, record: { type: 'remember', fact } };
  },
};
