/**
 * What the player set for a story's prompt: the author's note and the story's own system prompt.
 * Both hold for the whole story (every branch), the last record winning, and a resume rebuilds
 * them by replaying the log like the tree.
 */
import { MAX_INPUT_CHARS } from '../input-limit.js';
import { MAX_NOTE_DEPTH, MAX_NOTE_EVERY, type AuthorsNote } from '../prompt/authors-note.js';
import type { SessionRecord } from './records.js';

export class StoryPrompt {
  note: AuthorsNote | undefined;
  systemPrompt: string | undefined;

  /** Applies a record; any other type leaves both as they were. */
  apply(record: SessionRecord): void {
    if (record.type === 'note') this.note = record.note ?? undefined;
    else if (record.type === 'system-prompt') this.systemPrompt = record.text ?? undefined;
  }

  /** The system prompts in force: the narrating profile's (`profile`) and the story's own, which wins over it. */
  systemPrompts(profile: string | undefined): { profile?: string; story?: string } {
    const story = this.systemPrompt;
    return { ...(profile ? { profile } : {}), ...(story ? { story } : {}) };
  }
}

/** Why a note cannot be kept (one sentence), or undefined when it can. */
export function noteProblem(note: AuthorsNote): string | undefined {
  if (!note.text.trim()) return "An author's note needs some text; `/note off` removes the note.";
  if (note.text.length > MAX_INPUT_CHARS)
    return `An author's note may be at most ${MAX_INPUT_CHARS.toLocaleString('en-US')} characters; this one is ${note.text.length.toLocaleString('en-US')}.`;
  if (!Number.isInteger(note.depth) || note.depth < 0 || note.depth > MAX_NOTE_DEPTH)
    return `The note's depth is a whole number from 0 to ${MAX_NOTE_DEPTH}.`;
  if (!Number.isInteger(note.every) || note.every < 1 || note.every > MAX_NOTE_EVERY)
    return `The note's --every is a whole number from 1 to ${MAX_NOTE_EVERY}.`;
  return undefined;
}

/** Why a system prompt cannot be kept, or undefined when it can. */
export function systemPromptProblem(text: string): string | undefined {
  if (!text.trim()) return "A system prompt needs some text; `/system reset` goes back to the profile's or skald's own.";
  if (text.length > MAX_INPUT_CHARS)
    return `A system prompt may be at most ${MAX_INPUT_CHARS.toLocaleString('en-US')} characters; this one is ${text.length.toLocaleString('en-US')}.`;
  return undefined;
}
