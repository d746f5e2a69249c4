/**
 * The player's author's note: a line of steering put into the chat a few messages from the end,
 * where SillyTavern puts it, sharing its slot with the lore entries placed at the author's note.
 */

/** The note as the player set it (`/note TEXT --depth N --every K`). */
export interface AuthorsNote {
  text: string;
  /** Messages from the end of the history (0 = after the last). */
  depth: number;
  /** Inserted on turns that are a multiple of this (1 = every turn). */
  every: number;
}

/** SillyTavern's default depth for the author's note. */
export const DEFAULT_NOTE_DEPTH = 4;
export const DEFAULT_NOTE_EVERY = 1;
/** A depth past any history window would put the note before the whole chat; more says a typo. */
export const MAX_NOTE_DEPTH = 100;
export const MAX_NOTE_EVERY = 1000;

/** Whether the note goes into the prompt of `turn`: on every `every`-th turn, as SillyTavern's interval counts player messages. */
export function noteDue(note: AuthorsNote, turn: number): boolean {
  return note.every <= 1 || turn % note.every === 0;
}

/** The next turn from `turn` on (itself included) that carries the note. */
export function nextNoteTurn(note: AuthorsNote, turn: number): number {
  return noteDue(note, turn) ? turn : Math.ceil(turn / note.every) * note.every;
}

/** What `/note ARGS` asks for: show the note, clear it, or set one. */
export type NoteRequest = { kind: 'show' } | { kind: 'clear' } | { kind: 'set'; note: AuthorsNote } | { kind: 'problem'; message: string };

const USAGE = 'Write /note TEXT [--depth N] [--every K], e.g. /note Keep the rain falling. --depth 2; /note off removes it.';

/**
 * Reads `/note`'s arguments. Flags may stand anywhere; without text, flags change the current
 * note's settings (`/note --every 3`).
 */
export function parseNoteArgs(args: string, current: AuthorsNote | undefined): NoteRequest {
  const trimmed = args.trim();
  if (!trimmed) return { kind: 'show' };
  if (/^(off|clear|none)$/i.test(trimmed)) return { kind: 'clear' };
  let depth: number | undefined;
  let every: number | undefined;
  let problem: string | undefined;
  const text = trimmed
    .replace(/(^|\s)--(depth|every)(?:=|\s+)(\S+)/g, (_m, lead: string, flag: string, value: string) => {
      const n = Number(value);
      const max = flag === 'depth' ? MAX_NOTE_DEPTH : MAX_NOTE_EVERY;
      const min = flag === 'depth' ? 0 : 1;
      if (!/^\d+$/.test(value) || n < min || n > max)
        problem ??= `--${flag} takes a whole number from ${min} to ${max}, not "${value.slice(0, 20)}".`;
      else if (flag === 'depth') depth = n;
      else every = n;
      return lead;
    })
    .trim();
  if (problem) return { kind: 'problem', message: problem };
  if (/(^|\s)--\S/.test(text)) return { kind: 'problem', message: `/note knows only --depth and --every. ${USAGE}` };
  if (!text && !current) return { kind: 'problem', message: `There is no note to change yet. ${USAGE}` };
  return {
    kind: 'set',
    note: {
      text: text || (current?.text ?? ''),
      depth: depth ?? current?.depth ?? DEFAULT_NOTE_DEPTH,
      every: every ?? current?.every ?? DEFAULT_NOTE_EVERY,
    },
  };
}

/** The note in one line for a notice or the debug pane: where it goes and how often. */
export function describeNote(note: Pick<AuthorsNote, 'depth' | 'every'>): string {
  const depth = note.depth === 0 ? 'after the last message' : `${note.depth} message${note.depth === 1 ? '' : 's'} from the end`;
  const every = note.every <= 1 ? 'every turn' : `every ${note.every} turns`;
  return `${depth}, ${every}`;
}
