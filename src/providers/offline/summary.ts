/**
 * The offline `complete()`: an extractive summary of the last user message, the sentences that
 * carry the most content words, kept in their original order. Deterministic, no model.
 */
import type { ChatMessage } from '../../engine/types.js';
import { contentTokens } from '../../engine/critics/text.js';
import { splitSentences } from '../../text/sentences.js';

/** Compresses the last user message (or the last message) to about `maxWords` words. */
export function extractiveSummary(messages: readonly ChatMessage[], maxWords = 80): string {
  const source = [...messages].reverse().find((m) => m.role === 'user') ?? messages[messages.length - 1];
  const text = source?.content.trim() ?? '';
  if (!text) return '';
  const sentences = splitSentences(text.replace(/\s+/g, ' '));
  if (sentences.length <= 1) return clip(text, maxWords);
  // Content words seen in many sentences are what the text is about; a sentence scores by them.
  const frequency = new Map<string, number>();
  const perSentence = sentences.map((s) => [...new Set(contentTokens(s))]);
  for (const words of perSentence) for (const w of words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const scored = sentences.map((s, i) => ({
    i,
    s,
    score: perSentence[i].reduce((sum, w) => sum + (frequency.get(w) ?? 0), 0) / Math.sqrt(1 + wordCount(s)) + (i === 0 ? 0.5 : 0),
  }));
  const chosen: typeof scored = [];
  let words = 0;
  for (const item of [...scored].sort((a, b) => b.score - a.score || a.i - b.i)) {
    const n = wordCount(item.s);
    if (chosen.length > 0 && words + n > maxWords) continue;
    chosen.push(item);
    words += n;
  }
  return clip(
    chosen
      .sort((a, b) => a.i - b.i)
      .map((c) => c.s)
      .join(' '),
    maxWords,
  );
}

function wordCount(s: string): number {
  const cjk = (s.match(/\p{Script=Han}/gu) ?? []).length;
  return s.split(/\s+/).filter(Boolean).length + Math.round(cjk / 1.5);
}

function clip(text: string, maxWords: number): string {
  if (wordCount(text) <= maxWords) return text;
  if (/\p{Script=Han}/u.test(text) && !/\s/.test(text.trim())) return text.slice(0, Math.round(maxWords * 1.5));
  return text.split(/\s+/).slice(0, maxWords).join(' ');
}
