/**
 * The literal text an author pattern cannot match without: `/kadorwyns?/i` needs "kadorwyn",
 * `/\b(kiss|hug)s?\b/i` needs "kiss" or "hug". A text that holds none of them cannot match, so the
 * regex engine need not run on it (RE2 does the same with its prefilters). Conservative by design:
 * any syntax this reader is not sure of gives no literals, and the pattern always runs.
 */

/** What one piece of a pattern can match: a few exact strings, or at least one of `required`. */
interface Shape {
  /** Every string the piece can match is one of these (a superset is fine); null: too many to list. */
  exact: string[] | null;
  /** Every match of the piece contains one of these; null: nothing known. */
  required: string[] | null;
}

/** Strings a set may hold, and the longest string a run of literals builds before it ends. */
const MAX_STRINGS = 16;
const MAX_LENGTH = 64;
/** Characters that mean something outside a class; every other printable ASCII character is itself. */
const SYNTAX = new Set('^$\\.*+?()[]{}|');
/** Escapes that stand for a class of characters or a position, never for one literal. */
const CLASS_ESCAPES = new Set('dDwWsS');
const EMPTY: Shape = { exact: [''], required: null };
const UNKNOWN: Shape = { exact: null, required: null };

class Unsure extends Error {}

/** Groups nested deeper than this are not read (a hostile pattern must not exhaust the stack). */
const MAX_NESTING = 32;

/**
 * The strings one of which every match of `/body/flags` contains (lower-cased with `i`: compare
 * with `foldForLiterals` of the text), or undefined when none can be named.
 */
export function requiredLiterals(body: string, flags: string): string[] | undefined {
  let shape: Shape;
  try {
    const reader = new Reader(body);
    shape = reader.alternation();
    if (reader.at < body.length) return undefined;
  } catch (error) {
    if (error instanceof Unsure) return undefined;
    throw error;
  }
  const found = requiredOf(shape);
  if (!found) return undefined;
  const literals = [...new Set(flags.includes('i') ? found.map((s) => s.toLowerCase()) : found)];
  // A text holding "kadorwyns" holds "kadorwyn": the longer one need not be looked for.
  return literals.filter((s) => !literals.some((t) => t !== s && s.includes(t)));
}

/**
 * A text as case-insensitive literals are looked for in it: lower-cased, and the two characters
 * RE2 folds onto ASCII letters that lower-casing does not (ſ is s, the Kelvin sign already lowers to k).
 */
export function foldForLiterals(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('ſ') ? lower.replaceAll('ſ', 's') : lower;
}

/** Whether `text` (folded when the literals are) holds one of `literals`. */
export function holdsAny(text: string, literals: readonly string[]): boolean {
  for (const literal of literals) if (text.includes(literal)) return true;
  return false;
}

function requiredOf(shape: Shape): string[] | null {
  if (shape.exact) return shape.exact.every((s) => s.length > 0) ? shape.exact : null;
  return shape.required;
}

/** The better of two requirements: longer shortest string, then fewer strings. */
function better(a: string[] | null, b: string[] | null): string[] | null {
  if (!a) return b;
  if (!b) return a;
  const shortest = (set: string[]) => Math.min(...set.map((s) => s.length));
  const [la, lb] = [shortest(a), shortest(b)];
  if (la !== lb) return la > lb ? a : b;
  return b.length < a.length ? b : a;
}

function union(a: string[], b: string[]): string[] | null {
  const all = [...new Set([...a, ...b])];
  return all.length <= MAX_STRINGS ? all : null;
}

function product(a: string[], b: string[]): string[] | null {
  if (a.length * b.length > MAX_STRINGS) return null;
  const all = new Set<string>();
  for (const x of a) for (const y of b) all.add(x + y);
  // Longer strings end the run (a run's strings are exact, so they cannot be cut short).
  return [...all].every((s) => s.length <= MAX_LENGTH) ? [...all] : null;
}

/** A recursive-descent reader of the JS pattern syntax, as far as literals need it. */
class Reader {
  at = 0;
  private nesting = 0;
  constructor(private readonly body: string) {}

  alternation(): Shape {
    let shape = this.sequence();
    while (this.body[this.at] === '|') {
      this.at++;
      const next = this.sequence();
      const exact = shape.exact && next.exact ? union(shape.exact, next.exact) : null;
      const [ra, rb] = [requiredOf(shape), requiredOf(next)];
      shape = { exact, required: ra && rb ? union(ra, rb) : null };
    }
    return shape;
  }

  private sequence(): Shape {
    let best: string[] | null = null;
    // The exact strings of the pieces read since the last inexact one, joined.
    let run: string[] = [''];
    let allExact = true;
    const closeRun = () => {
      if (run.every((s) => s.length > 0)) best = better(best, run);
    };
    while (this.at < this.body.length && this.body[this.at] !== '|' && this.body[this.at] !== ')') {
      const piece = this.quantified();
      const joined = piece.exact ? product(run, piece.exact) : null;
      if (joined) {
        run = joined;
        continue;
      }
      allExact = false;
      closeRun();
      best = better(best, requiredOf(piece));
      run = piece.exact && piece.exact.length <= MAX_STRINGS ? piece.exact : [''];
    }
    closeRun();
    return { exact: allExact ? run : null, required: best };
  }

  private quantified(): Shape {
    const atom = this.atom();
    const c = this.body[this.at];
    let min: number;
    if (c === '*' || c === '?') min = 0;
    else if (c === '+') min = 1;
    else if (c === '{') min = this.braces();
    else return atom;
    const optional = c === '?';
    if (c !== '{') this.at++;
    if (this.body[this.at] === '?') this.at++; // lazy: matches the same strings
    if (optional) return { exact: atom.exact ? union(atom.exact, ['']) : null, required: null };
    return { exact: null, required: min >= 1 ? requiredOf(atom) : null };
  }

  /** Reads `{n}`, `{n,}` or `{n,m}` and returns n; anything else is not read with confidence. */
  private braces(): number {
    const match = /^\{(\d+)(,\d*)?\}/.exec(this.body.slice(this.at));
    if (!match) throw new Unsure();
    this.at += match[0].length;
    return Number(match[1]);
  }

  private atom(): Shape {
    const c = this.body[this.at];
    if (c === '(') return this.group();
    if (c === '[') {
      this.skipClass();
      return UNKNOWN;
    }
    if (c === '\\') return this.escape();
    if (c === '^' || c === '$') {
      this.at++;
      return EMPTY;
    }
    if (c === '.') {
      this.at++;
      return UNKNOWN;
    }
    if (SYNTAX.has(c)) throw new Unsure();
    this.at++;
    const code = c.charCodeAt(0);
    // Printable ASCII is itself in the text, and folds only onto ASCII (checked against RE2);
    // anything else is left to the regex.
    return code >= 0x20 && code < 0x7f ? { exact: [c], required: null } : UNKNOWN;
  }

  private group(): Shape {
    this.at++;
    let lookaround = false;
    if (this.body[this.at] === '?') {
      const head = this.body.slice(this.at, this.at + 3);
      if (head.startsWith('?:')) this.at += 2;
      else if (head === '?<=' || head === '?<!' || head.startsWith('?=') || head.startsWith('?!')) {
        lookaround = true;
        this.at += head.startsWith('?<') ? 3 : 2;
      } else {
        const named = /^\?<[A-Za-z_$][\w$]*>/.exec(this.body.slice(this.at));
        if (!named) throw new Unsure();
        this.at += named[0].length;
      }
    }
    if (++this.nesting > MAX_NESTING) throw new Unsure();
    const inner = this.alternation();
    this.nesting--;
    if (this.body[this.at] !== ')') throw new Unsure();
    this.at++;
    // A look-around matches no text of its own.
    return lookaround ? EMPTY : inner;
  }

  private escape(): Shape {
    const next = this.body[this.at + 1];
    if (next === undefined) throw new Unsure();
    this.at += 2;
    if (next === 'b' || next === 'B') return EMPTY;
    if (CLASS_ESCAPES.has(next)) return UNKNOWN;
    const code = next.charCodeAt(0);
    const punctuation = code >= 0x21 && code < 0x7f && !/[A-Za-z0-9]/.test(next);
    // Letter and digit escapes (\n, \x41, \u0041, \1, \p{L} ...) are not read here.
    if (!punctuation) throw new Unsure();
    return { exact: [next], required: null };
  }

  /** Skips `[...]`; shapes RE2 may read differently from JS (`[]`, `[[`) are not read with confidence. */
  private skipClass(): void {
    this.at++;
    if (this.body[this.at] === '^') this.at++;
    if (this.body[this.at] === ']') throw new Unsure();
    for (; this.at < this.body.length; this.at++) {
      const c = this.body[this.at];
      if (c === '\\') this.at++;
      else if (c === '[') throw new Unsure();
      else if (c === ']') {
        this.at++;
        return;
      }
    }
    throw new Unsure();
  }
}
