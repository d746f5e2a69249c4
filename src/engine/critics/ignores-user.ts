import type { CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { isWaiting } from '../pacing/cues.js';
import { contentTokens, quoteRanges, resultFrom, wholeEvidence } from './text.js';

const QUESTION = /[?？]|^\s*(?:who|what|where|when|why|how|is|are|do|does|did|can|could|will|would)\b|(?:吗|呢|什么|哪里|哪儿|为什么|怎么|谁)/iu;

/**
 * The reply shares no content with what the player did or said, or leaves the player's question
 * unanswered: a question with no dialogue in reply and almost nothing of it taken up.
 * Continues (empty input), inputs without content words and messages that only wait for the story
 * to go on ("hmm", "go on", "嗯": the pacing model's waiting cues) are never flagged: there is
 * nothing in them to take up.
 */
export function ignoresUser(text: string, ctx: CriticContext): CriticResult {
  const input = ctx.playerInput.trim();
  const asked = contentTokens(input);
  if (asked.length === 0 || isWaiting(input)) return { id: 'ignores-user', flagged: false, score: 1, evidence: [] };
  const mine = new Set(contentTokens(text));
  const shared = new Set(asked.filter((t) => mine.has(t)));
  if (shared.size === 0) {
    return resultFrom('ignores-user', [wholeEvidence(text, 'shares nothing with what the player did or said')], 0.8);
  }
  if (QUESTION.test(input) && quoteRanges(text).length === 0 && shared.size < 2) {
    return resultFrom('ignores-user', [wholeEvidence(text, 'the player asked a question and nobody answers it')], 0.6);
  }
  return { id: 'ignores-user', flagged: false, score: 1, evidence: [] };
}
