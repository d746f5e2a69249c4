import { refused, type Command } from './types.js';

/** The flag that makes `/edit` change the model's reply instead of the player's message. */
export const REPLY_FLAG = '--reply';

/**
 * `/edit [text]`: replace the last message and regenerate the reply as a new branch. Without
 * text, the message goes to the composer to be changed there (where there is one).
 * `/edit --reply [text]`, or `/edit` with an earlier reply selected: the reply instead, kept as an
 * edited version of it (a flag, not a word, so a message that begins with "reply" stays editable).
 */
export const edit: Command = {
  name: 'edit',
  args: '[--reply] [text]',
  help: 'edit your last message (in the composer, or give the new text; the reply is regenerated as a new branch); --reply, or with a reply selected (Alt+↑): that reply, kept as an edited version',
  frontEnds: ['tui', 'headless'],
  example: { before: ['I greet Wren.'], line: '/edit I greet Wren warmly.', shows: 'I greet Wren warmly.' },
  run({ session, args, composer, selectedTurn }) {
    const turns = session.turns();
    const latest = turns[turns.length - 1];
    const flagged = args === REPLY_FLAG || args.startsWith(`${REPLY_FLAG} `);
    const earlier = selectedTurn !== undefined && latest !== undefined && selectedTurn < latest.number;
    if (flagged || (earlier && !args)) {
      const text = flagged ? args.slice(REPLY_FLAG.length).trim() : '';
      const turn = turns.find((t) => t.number === (selectedTurn ?? latest?.number));
      const reply = turn?.candidates[turn.chosen];
      if (!turn || !reply) return refused('There is no reply to edit yet; send a message first.');
      if (text) return { kind: 'turn', run: 'edit-reply', start: () => session.editReply(text, turn.number) };
      if (!composer) return refused('/edit --reply takes the new text of the last reply, e.g. /edit --reply Wren nods.');
      return {
        kind: 'compose',
        text: reply.text,
        editing: false,
        replyTurn: turn.number,
        notice: `Editing the reply of turn ${turn.number}: Enter keeps it as an edited version (the original stays a swipe away).`,
      };
    }
    if (!latest) return refused('There is no message to edit yet; send one first.');
    if (args) return { kind: 'turn', run: 'edit', input: { text: args }, start: (signal) => session.edit(args, signal ? { signal } : {}) };
    if (!composer) return refused('/edit takes the new text of your last message, e.g. /edit I knock twice.');
    return {
      kind: 'compose',
      text: latest.input.text,
      editing: true,
      notice: 'Editing your last message: Enter regenerates the reply as a new branch (the old one stays in /tree).',
    };
  },
};
