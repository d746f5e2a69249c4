import { describeNote, nextNoteTurn, parseNoteArgs } from '../engine/prompt/authors-note.js';
import { neutralize } from '../text/sanitize.js';
import { refused, type Command } from './types.js';

/** A note or prompt as a notice quotes it: one line, at most about 80 characters. */
export const quoted = (text: string): string => {
  const line = neutralize(text).replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
};

/**
 * `/note [TEXT] [--depth N] [--every K]`, `/note off`: the story's author's note, a system message
 * N messages from the end of the history, every K turns (SillyTavern's 4 and 1 by default).
 * Without text, flags change the current note's settings; alone, it shows the note.
 */
export const note: Command = {
  name: 'note',
  args: '[text] [--depth N] [--every K]',
  help: "the author's note, N messages from the end every K turns (4, 1); /note off removes it",
  frontEnds: ['tui', 'headless'],
  example: { line: '/note Keep the rain falling. --depth 2', shows: 'Keep the rain falling.' },
  complete: () => ['off'],
  async run({ session, args }) {
    const current = session.authorsNote;
    const request = parseNoteArgs(args, current);
    const nextTurn = session.turns().length + 1;
    switch (request.kind) {
      case 'problem':
        return refused(neutralize(request.message));
      case 'show': {
        if (!current)
          return {
            kind: 'done',
            notice: "There is no author's note; /note TEXT [--depth N] [--every K] sets one.",
            record: { type: 'note', action: 'show', note: null },
          };
        const next = nextNoteTurn(current, nextTurn);
        const when = `Next in the prompt at turn ${next}${next === nextTurn ? ' (the next one)' : ''}.`;
        return {
          kind: 'info',
          title: "Author's note",
          text: `${current.text}\n\nInserted ${describeNote(current)}. ${when}\n/note off removes it; /note --depth N or --every K changes where and how often.`,
          record: { type: 'note', action: 'show', note: current, nextTurn: next },
        };
      }
      case 'clear':
        if (current) await session.setAuthorsNote(undefined);
        return {
          kind: 'done',
          notice: current ? "The author's note is removed." : "There was no author's note to remove.",
          record: { type: 'note', action: 'clear', note: null },
        };
      case 'set': {
        await session.setAuthorsNote(request.note);
        const next = nextNoteTurn(request.note, nextTurn);
        return {
          kind: 'done',
          notice: `Author's note set, ${describeNote(request.note)}${next === nextTurn ? '' : ` (next at turn ${next})`}: ${quoted(request.note.text)}`,
          record: { type: 'note', action: 'set', note: request.note, nextTurn: next },
        };
      }
    }
  },
};
