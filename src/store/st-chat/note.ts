/**
 * A SillyTavern chat's Author's Note, which it keeps in the header's `chat_metadata` (`note_prompt`,
 * `note_interval`, `note_depth`, `note_position`, `note_role`; public/scripts/authors-note.js), as
 * the story's note (`/note`): the same text, depth and frequency. skald's note is always a system
 * message at its depth; where SillyTavern put it elsewhere that is said. An export writes the
 * story's note back there.
 */
import type { AuthorsNote } from '../../engine/prompt/authors-note.js';
import { DEFAULT_NOTE_DEPTH, DEFAULT_NOTE_EVERY } from '../../engine/prompt/authors-note.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const whole = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

/** SillyTavern's extension_prompt_types for the note: 0 in the prompt after the story string, 1 in the chat at a depth, 2 before the prompt. */
const IN_CHAT = 1;
const ROLES = ['system', 'user', 'assistant'];

export interface ImportedNote {
  /** The note the story starts with; absent when the chat's note was switched off (interval 0). */
  note?: AuthorsNote;
  chars: number;
  /** What SillyTavern did with it that skald does not, each a short clause. */
  unkept: string[];
}

function metadataOf(header: Obj | undefined): Obj | undefined {
  return isObj(header?.chat_metadata) ? header.chat_metadata : undefined;
}

/** The chat's Author's Note, or undefined when it has none (no text). */
export function noteFromHeader(header: Obj | undefined): ImportedNote | undefined {
  const meta = metadataOf(header);
  const text = typeof meta?.note_prompt === 'string' ? meta.note_prompt.trim() : '';
  if (!meta || !text) return undefined;
  const interval = whole(meta.note_interval) ?? DEFAULT_NOTE_EVERY;
  const depth = whole(meta.note_depth) ?? DEFAULT_NOTE_DEPTH;
  const unkept: string[] = [];
  // An interval of 0 is SillyTavern's "never": the note stays in the header, not in the story.
  if (interval === 0) return { chars: text.length, unkept: ['it was switched off there (insertion frequency 0), so it stays off'] };
  const position = whole(meta.note_position) ?? IN_CHAT;
  if (position === 0) unkept.push(`SillyTavern put it after the story string; skald puts it ${depth} messages from the end`);
  else if (position === 2) unkept.push(`SillyTavern put it before the prompt; skald puts it ${depth} messages from the end`);
  const role = whole(meta.note_role) ?? 0;
  if (role > 0 && ROLES[role]) unkept.push(`sent with the ${ROLES[role]} role there, as a system message here`);
  return { note: { text, depth, every: interval }, chars: text.length, unkept };
}

/**
 * The header's `chat_metadata` with the story's note: unchanged when the story's note is the one
 * the import read (its placement and role kept as SillyTavern had them), else the story's text,
 * depth and frequency at a depth as a system message; a removed note leaves the text empty.
 * `note` undefined: the story never set one, and the metadata stays as it was.
 */
export function withNote(metadata: Obj, note: AuthorsNote | null | undefined, header: Obj | undefined): Obj {
  if (note === undefined) return metadata;
  const read = noteFromHeader(header)?.note;
  if (note && read && note.text === read.text && note.depth === read.depth && note.every === read.every) return metadata;
  if (!note) return metadataOf(header)?.note_prompt || metadata.note_prompt ? { ...metadata, note_prompt: '' } : metadata;
  return { ...metadata, note_prompt: note.text, note_interval: note.every, note_depth: note.depth, note_position: IN_CHAT, note_role: 0 };
}
