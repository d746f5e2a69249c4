/**
 * The request that asks a chat model to extend a reply: the turn's own prompt, the reply so far as
 * the last assistant message, and one short instruction after it: most chat endpoints answer a
 * final assistant message with a new one. A provider that continues it natively (text completion,
 * `Provider.prefill`) gets no instruction, and its prompt ends inside the reply. A word cut in
 * half is asked for whole, so the join can tell a cut word ("do" + "door") from two words.
 */
import type { ChatMessage } from '../types.js';

/** The instruction after the reply being continued (the model is told its name, not the player). */
export const CONTINUE_INSTRUCTION =
  'Continue your last reply exactly where it stops, as if it had never been interrupted. Do not repeat any of it, do not start over, ' +
  'and add no preface or comment. If it stops in the middle of a word, begin by writing that whole word once.';

/**
 * The messages for a continuation: `prompt` (the turn's messages, the directive last) followed by
 * the reply so far and the instruction.
 */
export function continuePrompt(prompt: readonly ChatMessage[], reply: string, prefill = false, preset?: ContinueSettings): ChatMessage[] {
  const partial: ChatMessage = { role: 'assistant', content: reply.replace(/\s+$/u, '') };
  // A provider that leaves the last assistant message open (text completion) goes on from it as is;
  // a preset's continue_prefill asks a chat endpoint to do the same, the reply ending in its postfix.
  if (prefill) return [...prompt, partial];
  if (preset?.prefill) return [...prompt, { ...partial, content: partial.content + (preset.postfix ?? '') }];
  return [...prompt, partial, { role: 'system', content: preset?.nudge?.trim() ? preset.nudge.trim() : CONTINUE_INSTRUCTION }];
}

/**
 * A chat-completion preset's continue settings: `nudge` (its continue_nudge_prompt, macros
 * resolved) in place of skald's instruction, or `prefill` (continue_prefill) to send the reply
 * as the last message with no instruction, `postfix` (continue_postfix) after it.
 */
export interface ContinueSettings {
  nudge?: string;
  prefill?: boolean;
  postfix?: string;
}
