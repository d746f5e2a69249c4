import type { Rating } from '../../world/types.js';
import type { CriticEvidence, CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { BOUNDARY_LEXICON, FORBIDDEN_AT, MINOR_WORDS, type BoundaryCategory } from './boundary-lexicon.js';
import { CJK, evidenceAt, resultFrom } from './text.js';
import { escapeRegExp } from '../../text/regexp.js';

function lexiconRegex(words: readonly string[]): RegExp {
  const parts = words.map((w) => {
    const star = w.endsWith('*');
    const body = escapeRegExp(star ? w.slice(0, -1) : w).replace(/\s+/g, '\\s+');
    if (CJK.test(w)) return body;
    return `(?<![\\p{L}])${body}${star ? '\\p{L}*' : ''}(?![\\p{L}])`;
  });
  return new RegExp(parts.join('|'), 'giu');
}

const CATEGORIES = Object.keys(BOUNDARY_LEXICON) as BoundaryCategory[];
const REGEX = Object.fromEntries(CATEGORIES.map((c) => [c, lexiconRegex(BOUNDARY_LEXICON[c])])) as Record<BoundaryCategory, RegExp>;
const MINOR = lexiconRegex(MINOR_WORDS);

/**
 * Content beyond the pack's rating, by a keyword lexicon per category. At every rating, sexual
 * words in a reply that also marks a minor are flagged.
 */
export function boundary(text: string, ctx: CriticContext): CriticResult {
  const rating: Rating = ctx.pack.rating;
  const forbidden = new Set(FORBIDDEN_AT[rating] ?? FORBIDDEN_AT.general);
  const evidence: CriticEvidence[] = [];
  const minor = MINOR.test(text);
  MINOR.lastIndex = 0;
  for (const cat of CATEGORIES) {
    const sexual = cat === 'sexual-explicit' || cat === 'sexual-suggestive';
    if (!forbidden.has(cat) && !(sexual && minor)) continue;
    for (const m of text.matchAll(REGEX[cat])) {
      const start = m.index ?? 0;
      const why = forbidden.has(cat) ? `${cat} content beyond the pack's ${rating} rating` : `sexual content near a minor`;
      evidence.push(evidenceAt(text, start, start + m[0].length, why));
    }
  }
  return resultFrom('boundary', evidence, 0.5);
}
