/**
 * Sentence frames: what a template says once its slots are taken out ("What is _ to you,
 * really?", "_ leans closer."). The n-gram check (recent.ts) only catches a sentence repeated
 * with the same names and topic; over a long story the same frame with a new topic in it reads
 * just as formulaic. A template is rendered once more with markers in its slots, the literal text
 * left around them becomes a pattern, and an option whose frame shows in a recent reply is stale.
 */
import type { Slots } from './templates/types.js';
import { isPlural } from './plural.js';
import { escapeRegExp } from '../../text/regexp.js';

const MARK = '\u0001';
const MARKER = /\u0001[a-zA-Z]+\u0001/g;
/** The slots whose values vary from turn to turn; `terse` and `fact` choose a branch and are kept. */
const SLOT_KEYS = ['name', 'other', 'topic', 'pos', 'otherPos', 'detail', 'goal', 'secret', 'hook'] as const;

/**
 * A stand-in for a slot value that takes the same branches in a template as the value would: it
 * keeps the value's closing punctuation ("Why?" echoes differently) and its number ("are").
 */
function stand(key: string, value: string): string {
  const tail = /[.,;:!?。！？…"”]+$/u.exec(value)?.[0] ?? '';
  return `${MARK}${key}${isPlural(value) ? 's' : ''}${MARK}${tail}`;
}

function markedSlots<S extends Slots>(s: S): S {
  const out = { ...s } as Record<string, unknown>;
  for (const key of SLOT_KEYS) {
    const value = out[key];
    if (typeof value === 'string' && value.length > 0) out[key] = stand(key, value);
  }
  return out as unknown as S;
}

/** Literal text a frame piece must carry to count: "_ waits." does, a bare `"_,"` does not. */
function substantial(piece: string, cjk: boolean): boolean {
  const literal = piece.replace(MARKER, ' ');
  if (cjk) return (literal.match(/\p{Script=Han}/gu) ?? []).length >= 2;
  const words = literal.match(/[A-Za-z]{2,}/g) ?? [];
  return words.length >= 2 || words.some((w) => w.length >= 4);
}

const patternCache = new Map<string, RegExp>();

/** The pattern for one frame piece: literal text escaped, each slot any short run within a line. */
function patternOf(piece: string): RegExp {
  let re = patternCache.get(piece);
  if (!re) {
    // "What is _" and "What are _" are one frame: the verb agrees with whatever fills it.
    const parts = piece.split(MARKER).map((p) =>
      escapeRegExp(p)
        .replace(/\b(?:is|are)\b/g, '(?:is|are)')
        .replace(/\bcomes?\b/g, 'comes?'),
    );
    // Leading and trailing slots match anything: only the literal core is searched for.
    while (parts.length > 1 && parts[0] === '') parts.shift();
    while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    re = new RegExp(parts.join('[^\\n]{1,160}?'), 'u');
    if (patternCache.size > 2000) patternCache.clear();
    patternCache.set(piece, re);
  }
  return re;
}

/**
 * A frame split where a reader hears a new sentence: after a sentence end, and in Chinese at the
 * colon before a quote ("云娘等着：“……”"), so a gesture and a question count separately.
 */
function piecesOf(skeleton: string, cjk: boolean): string[] {
  return skeleton
    .split(/(?<=[.!?。！？…]["”」]?)\s+|(?<=[：:])(?=[“"「])/u)
    .map((p) => p.trim())
    .filter((p) => substantial(p, cjk));
}

/** The frames of the templates rendered for one reply, checked against the recent replies. */
export class Frames {
  private readonly pieces = new Map<string, string[]>();
  private readonly scores = new Map<string, number>();
  private readonly pieceScores = new Map<string, number>();

  constructor(
    private readonly recent: readonly string[],
    private readonly cjk: boolean,
  ) {}

  /** Renders a template and remembers each option's frame. */
  render<S extends Slots>(template: (s: S) => string[], s: S): string[] {
    const options = template(s);
    const skeletons = template(markedSlots(s));
    // A template whose branches depend on more than the slots cannot be matched option for option.
    if (skeletons.length === options.length) {
      options.forEach((option, i) => {
        if (!this.pieces.has(option)) this.pieces.set(option, piecesOf(skeletons[i], this.cjk));
      });
    }
    return options;
  }

  /**
   * How recently an option's frame was used: for each piece found in the recent replies, its
   * recency (the last reply counts most), summed; 0 when none shows. Text no template produced (an
   * authored line) counts by its own sentences, so the one told longest ago is preferred too.
   */
  staleness(option: string): number {
    const known = this.scores.get(option);
    if (known !== undefined) return known;
    let pieces = this.pieces.get(option);
    if (!pieces) {
      pieces = piecesOf(option.replace(MARKER, ''), this.cjk);
      this.pieces.set(option, pieces);
    }
    let total = 0;
    for (const piece of pieces) total += this.recency(piece);
    this.scores.set(option, total);
    return total;
  }

  /** 1 + the index of the latest recent reply holding the piece, or 0. */
  private recency(piece: string): number {
    let score = this.pieceScores.get(piece);
    if (score === undefined) {
      const re = patternOf(piece);
      score = 0;
      for (let i = this.recent.length - 1; i >= 0; i--) {
        if (re.test(this.recent[i])) {
          score = i + 1;
          break;
        }
      }
      this.pieceScores.set(piece, score);
    }
    return score;
  }
}
