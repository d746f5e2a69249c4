import type { CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { blankFences, contentTokensOf, lastReplies, round, wholeEvidence } from './text.js';
import { boundedMemo } from '../../text/memo.js';

/** Replies compared against: "several turns" without growing the cost with the story. */
const WINDOW = 3;
/** Below this share of new content tokens the story is treated as standing still. */
const MIN_NOVELTY = 0.35;

const tokenSet = boundedMemo(64, (s: string) => new Set(contentTokensOf(blankFences(s))));

/**
 * Nothing new: the share of the reply's content words (CJK: character bigrams) that none of the
 * last few replies used, fenced blocks (a card's status bar) left out. Needs at least two previous
 * replies to judge.
 */
export function stagnation(text: string, ctx: CriticContext): CriticResult {
  const recent = lastReplies(ctx.recentReplies, WINDOW);
  if (recent.length < 2) return { id: 'stagnation', flagged: false, score: 1, evidence: [] };
  const mine = new Set(contentTokensOf(blankFences(text)));
  if (mine.size === 0) return { id: 'stagnation', flagged: false, score: 1, evidence: [] };
  const known = recent.map(tokenSet);
  let fresh = 0;
  for (const t of mine) if (!known.some((k) => k.has(t))) fresh++;
  const novelty = fresh / mine.size;
  if (novelty >= MIN_NOVELTY) return { id: 'stagnation', flagged: false, score: 1, evidence: [] };
  const pct = Math.round(novelty * 100);
  return {
    id: 'stagnation',
    flagged: true,
    score: round(novelty / MIN_NOVELTY),
    evidence: [wholeEvidence(text, `only ${pct}% of its content is new against the last ${recent.length} replies`)],
  };
}
