/**
 * What goes inside the chat rather than the system message: the author's note slot, lore and the
 * persona placed at a depth, a chat-completion preset's in-chat prompts. Each is a slot N messages
 * from the end (0: after the last) with a role; SillyTavern's openai.js (populationInjectionPrompts)
 * orders the messages at one depth by their order (lower first), then assistant, user, system.
 */
import type { ChatMessage } from '../types.js';
import type { LoreEntry } from '../../world/types.js';
import { DEFAULT_NOTE_DEPTH } from './authors-note.js';
import { ROLE_RANK, type PresetInjection } from './chat-preset.js';
import type { PersonaPlace } from './persona-place.js';

export interface InChatSlot {
  depth: number;
  role: ChatMessage['role'];
  /** `injection_order`; skald's own slots (the note, lore, the persona) are SillyTavern's extension prompts, at 100. */
  order: number;
  texts: string[];
}

/** Slots by depth, role and order: texts that share all three share one message, in the order they were added. */
export class InChatSlots {
  private readonly slots = new Map<string, InChatSlot>();

  /** Adds `text` to the slot named `key` (by default its depth, role and order); blank text adds nothing. */
  add(depth: number, role: ChatMessage['role'], text: string, order = 100, key = `${depth}:${role}:${order}`): void {
    const slot = this.slots.get(key) ?? { depth, role, order, texts: [] };
    this.slots.set(key, slot);
    if (text.trim()) slot.texts.push(text.trim());
  }

  /** The slots that hold text, in the order they were first named. */
  list(): InChatSlot[] {
    return [...this.slots.values()].filter((s) => s.texts.length > 0);
  }
}

/** `chat` with each slot's message put `depth` messages from its end (past the start: at the start). */
export function placeInChat(chat: readonly ChatMessage[], slots: readonly InChatSlot[]): ChatMessage[] {
  if (slots.length === 0) return [...chat];
  const byIndex = new Map<number, InChatSlot[]>();
  for (const slot of slots) {
    const index = Math.max(0, chat.length - slot.depth);
    byIndex.set(index, [...(byIndex.get(index) ?? []), slot]);
  }
  const at = (index: number): ChatMessage[] =>
    (byIndex.get(index) ?? [])
      .map((slot, i) => ({ slot, i }))
      .sort((a, b) => a.slot.order - b.slot.order || ROLE_RANK[a.slot.role] - ROLE_RANK[b.slot.role] || a.i - b.i)
      .map(({ slot }) => ({ role: slot.role, content: slot.texts.join('\n') }));
  const out: ChatMessage[] = [];
  chat.forEach((message, i) => out.push(...at(i), message));
  out.push(...at(chat.length));
  return out;
}

/** Lore placed in the chat rather than the system message: at a depth, or in the author's note slot. */
export const isInjected = (e: LoreEntry): boolean =>
  e.position === 'depth' || e.position === 'authors_note_top' || e.position === 'authors_note_bottom';

/**
 * The in-chat slots: the author's note slot at the note's depth as system text (the lore placed at
 * its top, the player's note, the lore placed at its bottom: SillyTavern's order), lore entries
 * `depth` messages from the end with their role, and a preset's in-chat prompts. At one depth and
 * role, a preset's prompts of order 100 share the message of skald's own, and go first, as
 * SillyTavern joins them with its extension prompts.
 */
export function inChatSlots(
  entries: LoreEntry[],
  macro: (text: string) => string,
  note: { depth: number; text: string },
  injections: readonly PresetInjection[],
  persona: PersonaPlace & { text: string },
): InChatSlot[] {
  const slots = new InChatSlots();
  for (const p of injections) slots.add(p.depth, p.role, p.text, p.order);
  const add = (e: LoreEntry) => slots.add(note.depth, 'system', macro(e.text), 100, 'note');
  // The persona outside the note's lore, as SillyTavern adds it to the note World Info has filled.
  if (persona.note === 'top') slots.add(note.depth, 'system', persona.text, 100, 'note');
  entries.filter((x) => x.position === 'authors_note_top').forEach(add);
  slots.add(note.depth, 'system', note.text, 100, 'note');
  entries.filter((x) => x.position === 'authors_note_bottom').forEach(add);
  if (persona.note === 'bottom') slots.add(note.depth, 'system', persona.text, 100, 'note');
  for (const e of entries.filter((x) => x.position === 'depth'))
    slots.add(e.depth ?? DEFAULT_NOTE_DEPTH, e.role ?? 'system', macro(e.text));
  if (persona.depth !== undefined) slots.add(persona.depth, persona.role, persona.text);
  return slots.list();
}
