import type { CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { blankFences, contentTokensOf, lastReplies, round, wholeEvidence } from './text.js';
import { boundedMemo } from '../../text/memo.js';
import { copiedWhole, copyOf } from './repetition.js';
import { withoutMenu } from './choices.js';

/** Replies compared against: "several turns" without growing the cost with the story. */
const WINDOW = 3;
/** Below this share of new content tokens the story is treated as standing still. */
const MIN_NOVELTY = 0.35;
/** Fewer content words than this are too few for the share of new ones to be sure. */
const FEW_WORDS = 10;
/** Against a single earlier reply, a stretch of it said again stands still from this many content words. */
const MIN_OWN = 3;

/** Words only, lower-cased, to see one text said again inside another whatever its punctuation. */
const said = (s: string): string =>
  ` ${s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

// A menu of numbered options is the game's offer, offered again each turn, not what happened.
const tokenSet = boundedMemo(64, (s: string) => new Set(contentTokensOf(withoutMenu(blankFences(s)))));

/**
 * Nothing new: a reply that is (nearly) all an earlier reply said again, or one whose content words (CJK:
 * character bigrams) the last few replies nearly all used already, fenced blocks (a card's status bar) and a menu of
 * numbered options left out.
 * The share of new words needs at least two previous replies to judge; against one, only a stretch of it said again.
 */
export function stagnation(text: string, ctx: CriticContext): CriticResult {
  // An earlier reply (one of the last few `repetition` reads, further back than this critic's window) said again
  // whole or nearly whole adds nothing, however new its words are to the last three.
  // Not under a menu of named options: offered again every turn, the menu and its frame make most of a short turn's
  // words copied; the share of new words below reads such a reply without them, and still finds one said again whole.
  const copy = ctx.recentReplies.length > 0 && withoutMenu(text) === text ? copyOf(text, ctx) : undefined;
  if (copy && copiedWhole(copy)) {
    const ago = copy.back === 0 ? 'the last reply' : `a reply ${copy.back + 1} turns ago`;
    return {
      id: 'stagnation',
      flagged: true,
      score: 0,
      evidence: [wholeEvidence(text, `${Math.round(copy.share * 100)}% of it is ${ago} said again`)],
    };
  }
  const recent = lastReplies(ctx.recentReplies, WINDOW);
  if (recent.length === 0) return { id: 'stagnation', flagged: false, score: 1, evidence: [] };
  const mine = tokenSet(text);
  if (mine.size === 0) return { id: 'stagnation', flagged: false, score: 1, evidence: [] };
  const known = recent.map(tokenSet);
  let fresh = 0;
  for (const t of mine) if (!known.some((k) => k.has(t))) fresh++;
  // Against one reply the share is no measure (an answer keeps the opening's words), but a reply that is only a stretch
  // of it said again ("Welcome to Aldenmoor, chosen one!" after an opening that began so) adds nothing.
  if (recent.length < 2 && !(fresh === 0 && mine.size >= MIN_OWN && said(recent[0]).includes(said(text))))
    return { id: 'stagnation', flagged: false, score: 1, evidence: [] };
  const novelty = fresh / mine.size;
  if (novelty >= MIN_NOVELTY) return { id: 'stagnation', flagged: false, score: 1, evidence: [] };
  const pct = Math.round(novelty * 100);
  const result: CriticResult = {
    id: 'stagnation',
    flagged: true,
    score: round(novelty / MIN_NOVELTY),
    evidence: [wholeEvidence(text, `only ${pct}% of its content is new against the last ${recent.length} replies`)],
  };
  // In a short reply one word moves the share past the line (2 new of 7 is 29%, 3 is 43%), and a short answer to a
  // follow-up keeps the topic's words: sure only when nothing in it is new.
  if (mine.size < FEW_WORDS && fresh > 0) result.confidence = 0.5;
  return result;
}
