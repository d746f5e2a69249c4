import type { Command } from './types.js';

/** `/export`: the active branch as Markdown, written to the data folder. */
export const exportCommand: Command = {
  name: 'export',
  help: 'write this branch as Markdown to the data folder',
  frontEnds: ['tui', 'headless'],
  example: { before: ['I greet Wren.'], line: '/export', shows: 'exports' },
  async run({ session, services }) {
    const path = await services.exportStory(session.id);
    return { kind: 'done', notice: `Exported this branch to ${path}`, record: { type: 'export', path } };
  },
};
