import { neutralize } from '../text/sanitize.js';
import { refused, type Command } from './types.js';

/** `/branch <id>`: continue from another branch (the ids /tree lists; the TUI's picker does the same). */
export const branch: Command = {
  name: 'branch',
  args: '<id>',
  help: 'continue from the branch with that id (/tree lists them)',
  frontEnds: ['tui', 'headless'],
  example: { before: ['I greet Wren.', '/edit I greet Wren warmly.'], line: '/branch n1' },
  complete: ({ session }) => session.tree().map((b) => b.leafId),
  async run({ session, args }) {
    if (!args) return refused('/branch takes a branch id; /tree lists them.');
    await session.switchBranch(args);
    const turns = session.turns().length;
    return {
      kind: 'done',
      moved: true,
      notice: `Switched to branch ${neutralize(args)} (${turns} turn${turns === 1 ? '' : 's'}).`,
      record: { type: 'branch', leafId: args, turns },
    };
  },
};
