import { refused, type Command } from './types.js';

/**
 * `/edit [text]`: replace the last message and regenerate the reply as a new branch. Without
 * text, the message goes to the composer to be changed there (where there is one).
 */
export const edit: Command = {
  name: 'edit',
  args: '[text]',
  help: 'edit your last message (in the composer, or give the new text); the reply is regenerated as a new branch',
  frontEnds: ['tui', 'headless'],
  example: { before: ['I greet Wren.'], line: '/edit I greet Wren warmly.', shows: 'I greet Wren warmly.' },
  run({ session, args, composer }) {
    const turns = session.turns();
    const latest = turns[turns.length - 1];
    if (!latest) return refused('There is no message to edit yet; send one first.');
    if (args) return { kind: 'turn', run: 'edit', input: { text: args }, start: (signal) => session.edit(args, signal ? { signal } : {}) };
    if (!composer) return refused('/edit takes the new text of your last message, e.g. /edit I knock twice.');
    return {
      kind: 'compose', text: latest.input.text, editing: true,
      notice: 'Editing your last message: Enter regenerates the reply as a new branch (the old one stays in /tree).',
    };
  },
};
