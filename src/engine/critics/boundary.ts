import type { Rating } from '../../world/types.js';
import type { CriticEvidence, CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { BOUNDARY_LEXICON, FORBIDDEN_AT, MINOR_WORDS, type BoundaryCategory } from './boundary-lexicon.js';
import { goreShown, namesKilling } from './gore-named.js';
import { CJK, evidenceAt, resultFrom } from './text.js';
import { escapeRegExp, execAll, warmRegex } from '../../text/regexp.js';

/** The regex source of a lexicon word's letters, without its bounds or the `*` ending. */
function bodyOf(word: string): string {
  return escapeRegExp(word.endsWith('*') ? word.slice(0, -1) : word).replace(/\s+/g, '\\s+');
}

function lexiconRegex(words: readonly string[]): RegExp {
  const parts = words.map((w) => {
    const body = bodyOf(w);
    if (CJK.test(w)) return body;
    return `(?<![\\p{L}])${body}${w.endsWith('*') ? '\\p{L}*' : ''}(?![\\p{L}])`;
  });
  return new RegExp(parts.join('|'), 'giu');
}

const CATEGORIES = Object.keys(BOUNDARY_LEXICON) as BoundaryCategory[];

interface Lexicon {
  REGEX: Record<BoundaryCategory, RegExp>;
  MINOR: RegExp;
}
let built: Lexicon | undefined;

/**
 * The lexicon's regexes, made on first use: V8 parses each at construction, ~14 ms for these
 * long alternations, which the TUI's first frame need not wait for (the warm-up makes them).
 */
function lexicon(): Lexicon {
  return (built ??= {
    REGEX: Object.fromEntries(CATEGORIES.map((c) => [c, lexiconRegex(BOUNDARY_LEXICON[c])])) as Record<BoundaryCategory, RegExp>,
    MINOR: lexiconRegex(MINOR_WORDS),
  });
}

/**
 * Every match of the regexes above holds one of the bare words (same flags, so the same case
 * folding): a reply with none of a rating's words, nearly every reply, skips the look-behinds
 * tried at each position. The words are those of the categories that can give evidence at the
 * rating: the forbidden ones, and the sexual ones (flagged near a minor at every rating). A minor
 * word alone gives no evidence, so it does not open the scan.
 */
function hintFor(forbidden: ReadonlySet<BoundaryCategory>): RegExp {
  const cats = CATEGORIES.filter((c) => forbidden.has(c) || c === 'sexual-explicit' || c === 'sexual-suggestive');
  return new RegExp(
    cats
      .flatMap((c) => BOUNDARY_LEXICON[c])
      .map(bodyOf)
      .join('|'),
    'iu',
  );
}

const byRating = new Map<Rating, { forbidden: ReadonlySet<BoundaryCategory>; hint: RegExp }>();

/** A rating's forbidden categories and hint, made on its first reply. */
function ratingScan(rating: Rating): { forbidden: ReadonlySet<BoundaryCategory>; hint: RegExp } {
  let scan = byRating.get(rating);
  if (!scan) {
    const forbidden = new Set(FORBIDDEN_AT[rating] ?? FORBIDDEN_AT.general);
    byRating.set(rating, (scan = { forbidden, hint: hintFor(forbidden) }));
  }
  return scan;
}

/**
 * Compiles the lexicon regexes now: V8 compiles a regex on its first run and again, to machine
 * code, on its second, which for these long alternations is tens of milliseconds that would
 * otherwise land on the first reply holding a hint word. Run by the session's warm-up.
 */
export function warmBoundary(): void {
  const { REGEX, MINOR } = lexicon();
  for (const regex of [...Object.values(REGEX), MINOR]) warmRegex(regex);
}

/** How sure a killing named in one word, with nothing of the body shown, is as gore where violence is allowed. */
const NAMED_ONLY = 0.6;

/**
 * Content beyond the pack's rating, by a keyword lexicon per category. At every rating, sexual
 * words in a reply that also marks a minor are flagged.
 */
export function boundary(text: string, ctx: CriticContext): CriticResult {
  const rating: Rating = ctx.pack.rating;
  const { forbidden, hint } = ratingScan(rating);
  const evidence: CriticEvidence[] = [];
  if (!hint.test(text)) return resultFrom('boundary', evidence, 0.5);
  // Killings named but not shown, at a rating that allows violence: the only evidence is then a hint.
  let named = 0;
  const { REGEX, MINOR } = lexicon();
  const minor = MINOR.test(text);
  MINOR.lastIndex = 0;
  for (const cat of CATEGORIES) {
    const sexual = cat === 'sexual-explicit' || cat === 'sexual-suggestive';
    if (!forbidden.has(cat) && !(sexual && minor)) continue;
    for (const m of execAll(REGEX[cat], text)) {
      const start = m.index ?? 0;
      const why = forbidden.has(cat) ? `${cat} content beyond the pack's ${rating} rating` : `sexual content near a minor`;
      evidence.push(evidenceAt(text, start, start + m[0].length, why));
      if (cat === 'gore' && !forbidden.has('graphic-violence') && namesKilling(m[0]) && !goreShown(text, start)) named++;
    }
  }
  return resultFrom('boundary', evidence, 0.5, named > 0 && named === evidence.length ? NAMED_ONLY : undefined);
}
