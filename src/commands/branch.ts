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
    try {
      await session.switchBranch(args);
    } catch (error) {
      // The TUI's /tree picks a branch without showing ids, so the player needs the way there, not only the refusal.
      if (!session.tree().some((b) => b.leafId === args))
        return refused(`There is no branch "${neutralize(args)}" in this story; /tree shows the branches to switch to.`);
      throw error;
    }
    const turns = session.turns().length;
    return {
      kind: 'done',
      moved: true,
      notice: `Switched to branch ${neutralize(args)} (${turns} turn${turns === 1 ? '' : 's'}).`,
      record: { type: 'branch', leafId: args, turns },
    };
  },
};
