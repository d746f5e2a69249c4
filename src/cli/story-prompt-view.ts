/**
 * The author's note (`/note`) and the story's system prompt (`/system`) as `sessions show` and
 * `export` print them: the ones in force at the end on the story, and on each turn of the active
 * branch where they changed since the turn before (`null`: removed or reset).
 */
import type { AuthorsNote } from '../engine/prompt/authors-note.js';
import type { SessionRecord } from '../engine/session/records.js';
import type { StoryPromptState } from '../store/lean-story.js';

/** The note and system prompt in force; null when none is set (the lean reader's form of it). */
export type PromptState = StoryPromptState;

export const NO_PROMPT: PromptState = { note: null, system: null };

/**
 * `turns`, each with the state before it and the one it was played under (a turn with none
 * recorded keeps the one before), and the state the last turn left: what every printed form walks
 * to say where the note and system prompt changed.
 */
export function alongPrompts<T>(
  turns: readonly T[],
  stateOf: (turn: T) => PromptState | undefined,
): { steps: { turn: T; before: PromptState; now: PromptState }[]; last: PromptState } {
  let before = NO_PROMPT;
  const steps = turns.map((turn) => {
    const now = stateOf(turn) ?? before;
    const step = { turn, before, now };
    before = now;
    return step;
  });
  return { steps, last: before };
}

/** What changed from `before` to `now`, as additive JSON fields. */
export function promptChange(before: PromptState, now: PromptState): { authorsNote?: AuthorsNote | null; systemPrompt?: string | null } {
  return {
    ...(sameNote(before.note, now.note) ? {} : { authorsNote: now.note && plainNote(now.note) }),
    ...(before.system === now.system ? {} : { systemPrompt: now.system }),
  };
}

/** The story-level fields: what is in force at the end, only when set. */
export function promptFields(state: PromptState): { authorsNote?: AuthorsNote; systemPrompt?: string } {
  return {
    ...(state.note ? { authorsNote: plainNote(state.note) } : {}),
    ...(state.system !== null ? { systemPrompt: state.system } : {}),
  };
}

/** One line per change, for the text and Markdown forms. */
export function promptChangeLines(before: PromptState, now: PromptState): string[] {
  const lines: string[] = [];
  if (!sameNote(before.note, now.note))
    lines.push(
      now.note
        ? `(author's note, depth ${now.note.depth}${now.note.every > 1 ? `, every ${now.note.every} turns` : ''}: ${now.note.text})`
        : "(author's note removed)",
    );
  if (before.system !== now.system) lines.push(now.system !== null ? `(system prompt: ${now.system})` : '(system prompt reset)');
  return lines;
}

/**
 * The state each turn was played under, by node id (a fork shares its source's), and the state at
 * the end, from records in log order.
 */
export function promptStates(records: readonly SessionRecord[]): { byNode: Map<string, PromptState>; end: PromptState } {
  const byNode = new Map<string, PromptState>();
  let state = NO_PROMPT;
  for (const record of records) {
    if (record.type === 'note') state = { ...state, note: record.note };
    else if (record.type === 'system-prompt') state = { ...state, system: record.text };
    else if (record.type === 'turn') byNode.set(record.nodeId, state);
    else if ((record.type === 'candidate' || record.type === 'choose') && record.forkId !== undefined)
      byNode.set(record.forkId, byNode.get(record.nodeId) ?? state);
  }
  return { byNode, end: state };
}

function plainNote(note: AuthorsNote): AuthorsNote {
  return { text: note.text, depth: note.depth, every: note.every };
}

function sameNote(a: AuthorsNote | null, b: AuthorsNote | null): boolean {
  return a === b || (a !== null && b !== null && a.text === b.text && a.depth === b.depth && a.every === b.every);
}
