/**
 * The player's move handed back as one choice among others instead of carried out: "I rent a room for the night." met
 * by "You could rent a room at the inn for 2 gold or spend it on a potion." The narrator offers the menu again; the
 * move the player already chose is not taken up. Only the player's own verb and a word of its object, put as a
 * possibility ("you could", "you can", "you may", "you might") beside an alternative ("or"), is read: "You can rent
 * one, but the inn is full" answers the move.
 */
import { contentTokens, sentencesOf } from './text.js';

// The player's move as "I <verb>", a try or a wish before it allowed: "I rent", "I try to buy", "I want to sell".
const MOVE = /^\s*\*?\s*I\s+(?:(?:try|want|decide|attempt)\s+to\s+|(?:['’]ll|will)\s+)?([a-z]{3,})\b([^.!?\n]*)/i;
const NOT_A_MOVE = new Set(['have', 'was', 'think', 'know', 'feel', 'guess', 'hope', 'wonder', 'mean', 'need', 'can', 'could']);

/** The sentence of `reply` that offers the player's move back as one option, if any. */
export function offeredBack(input: string, reply: string): string | undefined {
  const move = MOVE.exec(input);
  if (!move || NOT_A_MOVE.has(move[1].toLowerCase())) return undefined;
  const objects = new Set(contentTokens(move[2]));
  if (objects.size === 0) return undefined;
  const offer = new RegExp(String.raw`\byou\s+(?:could|can|may|might)\s+(?:\w+\s+)?${move[1]}\b([^.!?]*)`, 'i');
  for (const s of sentencesOf(reply)) {
    const m = offer.exec(s.text);
    if (!m || !/\bor\b/i.test(m[1]) || /\bbut\b/i.test(m[1])) continue;
    if (contentTokens(m[1]).some((w) => objects.has(w))) return s.text;
  }
  return undefined;
}
