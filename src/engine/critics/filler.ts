import type { CriticEvidence, CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { FILLER_PHRASES } from './filler-phrases.js';
import { evidenceAt, phraseRegex, round, tokens } from './text.js';

/** Summed weight at which a reply is flagged. */
const FLAG_AT = 1;
/** One "not X, but Y" is enough: it is the commonest tell of machine prose. */
const CONTRAST_WEIGHT = 1;

const weights = new Map(FILLER_PHRASES.map(([p, w]) => [p.toLowerCase(), w]));
const PHRASES = phraseRegex(FILLER_PHRASES.map(([p]) => p))!;
// "not X, but Y", "isn't X — it's Y", ... (a negated verb, "does not change, but", is ordinary prose), "It's not X. It's Y", and the Chinese 不是……而是.
const CONTRAST =
  /(?<![\p{L}])(?<!\b(?:do|does|did|could|would|will|can|should|has|have|had|may|might|must)\s)(?:not (?:just |only |merely |simply )?[^.,;:!?\n"“”]{1,40}?[,;—–-]+ ?but\b|(?:isn['’]t|wasn['’]t|is not|was not) [^.;:!?\n"“”]{1,40}?[,;—–] ?(?:it|she|he|this|that)['’]s\b|not because [^.;!?\n]{1,40}?, but because)|不是[^。！？\n]{1,20}?而是|不是[^。！？\n]{1,20}?，是/giu;

/**
 * Stock phrases from a weighted list, the "not X, but Y" construction, and low information
 * density (a long reply that keeps reusing the same few words).
 */
export function filler(text: string, _ctx: CriticContext): CriticResult {
  const evidence: CriticEvidence[] = [];
  let weight = 0;
  for (const m of text.matchAll(PHRASES)) {
    const start = m.index ?? 0;
    const w = weights.get(m[0].toLowerCase().replace(/\s+/g, ' ')) ?? 0.5;
    weight += w;
    evidence.push(evidenceAt(text, start, start + m[0].length, `stock phrase (weight ${w})`));
  }
  for (const m of text.matchAll(CONTRAST)) {
    const start = m.index ?? 0;
    weight += CONTRAST_WEIGHT;
    evidence.push(evidenceAt(text, start, start + m[0].length, '"not X, but Y" construction'));
  }
  const toks = tokens(text);
  if (toks.length >= 40) {
    const distinct = new Set(toks.map((t) => t.t)).size / toks.length;
    if (distinct < 0.35) {
      weight += 1;
      evidence.push(evidenceAt(text, 0, text.trimEnd().length, `low information density: ${Math.round(distinct * 100)}% distinct words`));
    }
  }
  return { id: 'filler', flagged: weight >= FLAG_AT, score: round(Math.max(0, 1 - weight / 2)), evidence };
}
