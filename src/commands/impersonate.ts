import { refused, type Command } from './types.js';

/**
 * `/impersonate [hint]`: the model drafts the player's next message in their voice. The TUI puts
 * it in the composer to edit and send; headless writes it as a `draft` line. Nothing is played.
 */
const STOPPED = 'The draft was stopped; nothing was put in the composer or sent (↑ brings the command back).';

export const impersonate: Command = {
  name: 'impersonate',
  args: '[hint]',
  help: 'the model drafts your next message in your voice, into the composer; you edit and send it',
  pending: 'Drafting your next message…',
  frontEnds: ['tui', 'headless'],
  example: { before: ['I greet Wren.'], line: '/impersonate ask Wren about the debt', shows: 'I ask Wren about the debt.' },
  async run({ session, args, streaming, signal }) {
    if (streaming) return refused('A reply is still being written; wait for it, or Esc stops it.');
    const draft = await session.impersonate(args || undefined, signal ? { signal } : {});
    // A draft that lands as the player stops it is dropped too: Esc means no draft.
    if (signal?.aborted) return refused(STOPPED);
    if (!draft.ok) return refused(draft.message);
    return {
      kind: 'done',
      compose: draft.text,
      record: { type: 'draft', text: draft.text },
      notice: 'A draft of your next message, in your voice: edit it, then Enter sends it (nothing was sent).',
    };
  },
};
