/**
 * A narrator that tells the player's part in the third person ("A.L.I.C.E.'s terminal flashes red", "Kess draws her
 * dagger"), in a scene where no one says "you" to them either, cannot end by turning to the player with a "you": its
 * endings rest on the scene, a character's look or a sound, which the player answers as readily. A missing hook there
 * is not sure.
 */
import type { CriticContext } from './context.js';
import { compilePersona } from './pack-cache.js';
import { inRanges, lastReplies, quoteRanges } from './text.js';

// "You" in narration or in a character's mouth: someone speaks to the player.
const SECOND = /\b(?:you|your|yours|yourself|yourselves|ya|thee|thou|thy)\b|\{\{user\}\}|[你您]/iu;

// A character telling of itself ("I want to be successful"): a speaker, not a narrator of the player. The "I" of an
// initialism ("A.L.I.C.E.") is none.
const FIRST = /(?<![\p{L}\p{N}]\.)\b(?:I|me|my|mine|myself)\b(?!\.\p{L})|我/gu;

/** The reply speaks as "I" outside quoted speech. */
function speaksAsI(text: string): boolean {
  const quotes = quoteRanges(text);
  for (const m of text.matchAll(FIRST)) if (!inRanges(m.index ?? 0, quotes)) return true;
  return false;
}

const HOW_MANY = 3;

/**
 * True when the reply and the last few replies name the player at least once, none of them says "you" (or "your",
 * 你) anywhere, speech included, and the reply is no one speaking as "I" outside quotes: a narrator tells the player's
 * part as "he", "she" or by name, and no one addresses them.
 */
export function narratesPlayerInThirdPerson(text: string, ctx: CriticContext): boolean {
  const source = compilePersona(ctx.persona).source;
  if (source === '(?!)') return false;
  const named = new RegExp(source, 'u');
  const texts = [text, ...lastReplies(ctx.recentReplies, HOW_MANY)];
  return texts.some((t) => named.test(t)) && !texts.some((t) => SECOND.test(t)) && !speaksAsI(text);
}
