/**
 * When the player's own line cannot get into the prompt, the sentence that says what took the
 * room: the player's message only when it is what is large, otherwise the system prompt, the
 * author's note, the persona, the remembered facts or the world's setup, each with what the
 * player can do about it.
 */
import type { SystemPromptSource } from './original.js';

/** A part of the prompt that competes with the player's line for the budget. */
export type RoomPart = 'message' | 'systemPrompt' | 'note' | 'persona' | 'facts' | 'lore' | 'world';

/** What the prompt held, in tokens, when the player's line did not fit. */
export interface PromptRoom {
  /** The context budget. */
  budget: number;
  /** Tokens kept for the reply. */
  reply: number;
  /** The player's line alone. */
  message: number;
  /** The other parts the prompt kept after every squeeze (lore and summary go before the line does). */
  parts: Partial<Record<Exclude<RoomPart, 'message'>, number>>;
  /** Whose system prompt is in force, when it is not skald's own rules. */
  systemPromptSource?: SystemPromptSource;
}

const BUDGET_FIX = 'raise the budget (--budget, or the contextBudget setting)';

const n = (tokens: number): string => tokens.toLocaleString('en-US');

function labelOf(part: RoomPart, source: SystemPromptSource | undefined): string {
  switch (part) {
    case 'message':
      return 'your message';
    case 'systemPrompt':
      return source === 'story'
        ? 'your system prompt (/system)'
        : source === 'profile'
          ? "the profile's system prompt"
          : "the world's system prompt";
    case 'note':
      return "your author's note (/note)";
    case 'persona':
      return 'your persona';
    case 'facts':
      return 'the fact ledger (/memory)';
    case 'lore':
      return 'lore';
    case 'world':
      return "the world's setup";
  }
}

function fixOf(part: RoomPart, source: SystemPromptSource | undefined): string | undefined {
  switch (part) {
    case 'message':
      return 'shorten your message';
    case 'systemPrompt':
      // A story's /system replaces a profile's or a world's, so a short one is the way out for every source.
      return source === 'story' ? 'shorten /system (or /system reset)' : 'set a shorter one with /system';
    case 'note':
      return 'shorten /note (or /note off)';
    case 'persona':
      return "shorten the persona's description";
    case 'facts':
      return 'drop some with /forget N';
    case 'lore':
    case 'world':
      return undefined;
  }
}

/**
 * The parts that took the room, largest first: the largest, and any other the player can shorten
 * that holds a quarter or more of what the prompt may hold (at most three).
 */
export function roomTakers(room: PromptRoom): Array<{ part: RoomPart; tokens: number }> {
  const available = Math.max(1, room.budget - room.reply);
  const all: Array<{ part: RoomPart; tokens: number }> = [{ part: 'message', tokens: room.message }];
  for (const [part, tokens] of Object.entries(room.parts) as Array<[Exclude<RoomPart, 'message'>, number]>) {
    if (tokens > 0) all.push({ part, tokens });
  }
  all.sort((a, b) => b.tokens - a.tokens);
  // The world's setup has no fix of the player's: it is named only when nothing else is as large.
  return all.filter((taker, i) => i === 0 || (taker.tokens * 4 >= available && fixOf(taker.part, room.systemPromptSource))).slice(0, 3);
}

/** One sentence: what took the room the player's line needed, and what the player can do. */
export function overflowMessage(room: PromptRoom): string {
  const takers = roomTakers(room);
  const source = room.systemPromptSource;
  if (takers.length === 1 && takers[0].part === 'message') {
    return `Your message is about ${n(room.message)} tokens, more than the context budget (${n(room.budget)} tokens, with the world's setup and the reply) can hold, so nothing was sent. Shorten it, or ${BUDGET_FIX}.`;
  }
  const listed = takers.map(
    (t, i) => `${labelOf(t.part, source)} ${i === 0 ? `takes about ${n(t.tokens)} tokens` : `about ${n(t.tokens)}`}`,
  );
  const fixes = takers.flatMap((t) => fixOf(t.part, source) ?? []);
  const todo = [...fixes, BUDGET_FIX].join(', or ');
  return (
    `Your message (about ${n(room.message)} tokens) does not fit the context budget (${n(room.budget)} tokens, ${n(room.reply)} of them kept for the reply): ` +
    `${joinList(listed)}, so nothing was sent. ${todo[0].toUpperCase()}${todo.slice(1)}.`
  );
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
