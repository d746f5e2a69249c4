import type { Command } from './types.js';

/** `/sessions`: the saved sessions and how to resume them. */
export const sessions: Command = {
  name: 'sessions',
  help: 'saved sessions and how to resume them',
  frontEnds: ['tui', 'headless'],
  example: { line: '/sessions', shows: 'skald play --resume' },
  run({ session, services }) {
    const text = services.sessionsText(session.id);
    return { kind: 'info', title: 'Sessions', text, record: { type: 'sessions', text } };
  },
};
