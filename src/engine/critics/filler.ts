import type { CriticEvidence, CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { FILLER_PATTERNS, FILLER_PHRASES } from './filler-phrases.js';
import { evidenceAt, phraseHint, phraseRegex, round, tokensOf } from './text.js';
import { wholeDirection } from './stage-direction.js';
import { execAll, warmRegex } from '../../text/regexp.js';

/** Summed weight at which a reply is flagged. */
const FLAG_AT = 1;
/** One "not X, but Y" is enough to flag, but alone it is a hint: the label asks for two tics. */
const CONTRAST_WEIGHT = 1;
/** Two tics or circular padding are sure; one strong stock phrase nearly so; one contrast is a hint. */
const SURE = 0.85;
const ONE_PHRASE = 0.8;
const ONE_CONTRAST = 0.6;

const weights = new Map(FILLER_PHRASES.map(([p, w]) => [p.toLowerCase(), w]));
let phrases: RegExp | undefined;
/**
 * The stock phrases as one regex, made on first use: V8 parses it at construction (~14 ms), which
 * the TUI's first frame need not wait for (the warm-up's critique of the opening makes it).
 * The list is never empty; an empty one would match nothing rather than everything.
 */
function stockPhrases(): RegExp {
  return (phrases ??= phraseRegex(FILLER_PHRASES.map(([p]) => p)) ?? /(?!)/g);
}

/**
 * Makes and compiles the stock-phrase regex now (run by the session's warm-up): a critique makes it
 * only for a text holding a hint of one, so the opening's may not.
 */
export function warmFiller(): void {
  warmRegex(stockPhrases());
}

const PHRASE_HINT = phraseHint(FILLER_PHRASES.map(([p]) => p));
// One scan for all the patterns: group i is pattern i (the patterns capture nothing themselves).
const PATTERNS = new RegExp(FILLER_PATTERNS.map(([r]) => `(${r.source})`).join('|'), 'gi');
// The rhetorical contrast, not a concession: "it's not X, but Y" with a short X after a
// pronoun and a copula, "not just X, but Y", "isn't X — it's Y", "not because X, but because Y",
// and the Chinese 不是……而是. "I'm not sure, but" and "not dark enough to see, but" are ordinary prose, and so are
// "it's not graceful, but it lands" (a new clause that does something after "but" concedes, it does not
// reframe) and "he's not yet safe—he's running" ("not yet" is a state still to come, not a contrast).
const CONTRAST =
  /(?<![\p{L}])(?:(?<=\b(?:it|this|that|he|she|they|which|what)(?:['’]s|['’]re| is| was| are| were) )not (?!(?:sure|certain|much|quite|exactly|entirely|really|that|too|very|so|enough|yet|now|always|all|even|bad|easy|hard|far|long)\b)(?:\p{L}+[ -]?){1,4}[,;—–]+ ?but\b(?! (?:it|he|she|they|we|I|you) (?!(?:is|was|are|were)\b)\p{Ll}+)|not (?:just|only|merely|simply) [^.,;:!?\n"“”]{1,40}?[,;—–]+ ?but\b|(?:isn['’]t|wasn['’]t|is not|was not) (?!yet\b)[^.;:!?\n"“”]{1,40}?[,;—–] ?(?:it|she|he|this|that)['’]s\b|not because [^.;!?\n]{1,40}?, but because)|不是[^。！？\n]{1,20}?而是|不是[^。！？\n]{1,20}?，是/giu;
// Every branch of CONTRAST holds "not", "n't" or 不是: most replies need no contrast scan.
const CONTRAST_HINT = /n(?:o|['’])t|不是/iu;

function overlaps(evidence: CriticEvidence[], start: number, end: number): boolean {
  return evidence.some((e) => e.start < end && e.end > start);
}

/**
 * Stock phrases from a weighted list and stock patterns ("a mix of X and Y", "her curiosity
 * shines through"), the rhetorical "not X, but Y", and low information density (a long reply
 * that keeps reusing the same few words). One light tic is nothing; two together flag.
 */
export function filler(text: string, _ctx: CriticContext): CriticResult {
  const evidence: CriticEvidence[] = [];
  let weight = 0;
  let strongest = 0;
  let contrasts = 0;
  let padding = false;
  for (const m of PHRASE_HINT.test(text) ? execAll(stockPhrases(), text) : []) {
    const start = m.index ?? 0;
    // In a format that tells every gesture in its own brackets, a one-verb direction ("*smirks*") is the act said plainly.
    if (wholeDirection(text, start, start + m[0].length)) continue;
    const w = weights.get(m[0].toLowerCase().replace(/\s+/g, ' ')) ?? 0.5;
    weight += w;
    strongest = Math.max(strongest, w);
    evidence.push(evidenceAt(text, start, start + m[0].length, `stock phrase (weight ${w})`));
  }
  for (const m of execAll(PATTERNS, text)) {
    const start = m.index ?? 0;
    if (overlaps(evidence, start, start + m[0].length)) continue;
    const [, w, name] = FILLER_PATTERNS[m.slice(1).findIndex((g) => g !== undefined)];
    weight += w;
    strongest = Math.max(strongest, w);
    evidence.push(evidenceAt(text, start, start + m[0].length, `stock pattern ${name} (weight ${w})`));
  }
  for (const m of CONTRAST_HINT.test(text) ? execAll(CONTRAST, text) : []) {
    const start = m.index ?? 0;
    weight += CONTRAST_WEIGHT;
    contrasts++;
    evidence.push(evidenceAt(text, start, start + m[0].length, '"not X, but Y" construction'));
  }
  const toks = tokensOf(text);
  if (toks.length >= 40) {
    const distinct = new Set(toks.map((t) => t.t)).size / toks.length;
    if (distinct < 0.35) {
      weight += 1;
      padding = true;
      evidence.push(evidenceAt(text, 0, text.trimEnd().length, `low information density: ${Math.round(distinct * 100)}% distinct words`));
    }
  }
  evidence.sort((a, b) => a.start - b.start);
  const flagged = weight >= FLAG_AT;
  const result: CriticResult = { id: 'filler', flagged, score: round(Math.max(0, 1 - weight / 2)), evidence };
  if (flagged) {
    const alone = evidence.length === 1 && !padding;
    result.confidence = !alone ? SURE : contrasts === 1 ? ONE_CONTRAST : strongest >= 1 ? ONE_PHRASE : SURE;
  }
  return result;
}
