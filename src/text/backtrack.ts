/**
 * A backtracking matcher with a step budget, for author patterns RE2 cannot run: lookahead and
 * backreferences are common in SillyTavern cards' regex scripts. JavaScript's own engine has no
 * bound (`/(a+)+(?=b)/` on forty `a`s runs for hours), and a static ReDoS check was tried and
 * found wanting (redos-detector 6.1.4 scores that very pattern safe), so every search here counts
 * its steps and gives up past a budget: a pattern costs at most `budget` steps per call whatever
 * the text. Single characters, classes and edge assertions are still tested by JavaScript, one
 * position at a time (a sticky one-atom RegExp cannot backtrack), so their meaning under i, m, s,
 * u and v is JavaScript's own.
 */
import { createRequire } from 'node:module';
import type { AST, RegExpParser } from '@eslint-community/regexpp';

let parser: typeof RegExpParser | undefined;

/**
 * The pattern parser, loaded by the first pattern RE2 refuses (most packs have none), as
 * text/pattern.ts loads RE2JS: synchronously, and at run time rather than into the bundle.
 */
function regexpParser(): typeof RegExpParser {
  return (parser ??= (createRequire(import.meta.url)('@eslint-community/regexpp') as typeof import('@eslint-community/regexpp'))
    .RegExpParser);
}

/** One match: offsets [start, end) and each group's offsets (-1 when it took no part). */
export interface BoundedMatch {
  start: number;
  end: number;
  /** [start0, end0, start1, end1, ...]: group 0 is the whole match. */
  spans: number[];
}

/** What a search found, or `exhausted` when it ran out of steps before it could say. */
export type BoundedResult = { match: BoundedMatch | undefined; steps: number; exhausted: boolean };

export interface BoundedPattern {
  /** Capturing groups (without group 0). */
  readonly groupCount: number;
  /** Named groups and their numbers. */
  readonly names: ReadonlyMap<string, number>;
  /** The first match at or after `from`, spending at most `budget` steps. */
  search(text: string, from: number, budget: number): BoundedResult;
}

class OutOfSteps extends Error {}

type Cont = (pos: number) => boolean;
type Atom = AST.Character | AST.CharacterClass | AST.CharacterSet | AST.ExpressionCharacterClass;

const MATCH_FLAGS = new Set(['i', 'm', 's', 'u', 'v']);
const IGNORED_FLAGS = new Set(['g', 'y', 'd']);

/**
 * Compiles `/body/flags` for bounded search, or says why not (the pattern must also be valid
 * JavaScript: what JavaScript refuses, SillyTavern refuses too).
 */
export function compileBounded(body: string, flags: string): { ok: true; pattern: BoundedPattern } | { ok: false; reason: string } {
  for (const flag of flags) {
    if (!MATCH_FLAGS.has(flag) && !IGNORED_FLAGS.has(flag)) return { ok: false, reason: `the flag "${flag}" is not supported` };
  }
  let ast: AST.Pattern;
  try {
    const Parser = regexpParser();
    ast = new Parser({ ecmaVersion: 2025 }).parsePattern(body, 0, body.length, {
      unicode: flags.includes('u'),
      unicodeSets: flags.includes('v'),
    });
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const groups: AST.CapturingGroup[] = [];
  let modifiers = false;
  walk(ast, (node) => {
    if (node.type === 'CapturingGroup') groups.push(node);
    if (node.type === 'Group' && node.modifiers) modifiers = true;
  });
  // JavaScript must compile it too. Node 20 does not know flags inside a group ((?i:...), ES2025,
  // which the browsers SillyTavern runs in do): regexpp's ES2025 parse above is their check.
  if (!modifiers) {
    try {
      new RegExp(body, flags);
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }
  groups.sort((a, b) => a.start - b.start);
  const numbers = new Map(groups.map((g, i) => [g, i + 1]));
  const names = new Map<string, number>();
  for (const g of groups) if (g.name && !names.has(g.name)) names.set(g.name, numbers.get(g) as number);
  const atomFlags = [...new Set(flags)].filter((f) => MATCH_FLAGS.has(f)).join('') + 'y';
  const pattern = new Matcher(ast, numbers, atomFlags, modifiers ? flagsInGroups(ast, atomFlags) : new Map());
  return {
    ok: true,
    pattern: { groupCount: groups.length, names, search: (text, from, budget) => pattern.search(text, from, budget) },
  };
}

/**
 * The flags of each node under a group that switches some on or off (`(?i:...)`, `(?-s:...)`):
 * its atoms are tested with those instead of the pattern's.
 */
function flagsInGroups(ast: AST.Pattern, base: string): Map<AST.Node, string> {
  const out = new Map<AST.Node, string>();
  const visit = (node: AST.Node, flags: string): void => {
    let here = flags;
    if (node.type === 'Group' && node.modifiers) {
      const { add, remove } = node.modifiers;
      const set = new Set(flags);
      const switches: Array<['ignoreCase' | 'multiline' | 'dotAll', string]> = [
        ['ignoreCase', 'i'],
        ['multiline', 'm'],
        ['dotAll', 's'],
      ];
      for (const [key, flag] of switches) {
        if (add[key]) set.add(flag);
        if (remove?.[key]) set.delete(flag);
      }
      here = [...set].join('');
    }
    if (here !== base) out.set(node, here);
    if ('alternatives' in node) for (const alt of node.alternatives) visit(alt, here);
    if (node.type === 'Alternative') for (const el of node.elements) visit(el, here);
    if (node.type === 'Quantifier') visit(node.element, here);
  };
  visit(ast, base);
  return out;
}

function walk(node: AST.Node, visit: (node: AST.Node) => void): void {
  visit(node);
  if ('alternatives' in node) for (const alt of node.alternatives) walk(alt, visit);
  if (node.type === 'Alternative') for (const el of node.elements) walk(el, visit);
  if (node.type === 'Quantifier') walk(node.element, visit);
}

class Matcher {
  private text = '';
  private steps = 0;
  private budget = 0;
  private spans: number[] = [];
  /** One sticky RegExp per atom or edge assertion, made on first use. */
  private readonly atoms = new Map<AST.Node, RegExp>();
  private readonly ignoreCase: boolean;
  private readonly inner = new Map<AST.Quantifier, number[]>();
  /** Quantifiers whose element is a `Step`. */
  private readonly steps1 = new Map<AST.Quantifier, boolean>();
  /** Characters compared as code units (-1: through a RegExp). */
  private readonly units = new Map<AST.Node, number>();

  constructor(
    private readonly ast: AST.Pattern,
    private readonly numbers: ReadonlyMap<AST.CapturingGroup, number>,
    private readonly atomFlags: string,
    /** The nodes under `(?i:...)` and the like, with their own flags. */
    private readonly groupFlags: ReadonlyMap<AST.Node, string>,
  ) {
    this.ignoreCase = atomFlags.includes('i');
  }

  private flagsOf(node: AST.Node): string {
    return this.groupFlags.get(node) ?? this.atomFlags;
  }

  private folds(node: AST.Node): boolean {
    const own = this.groupFlags.get(node);
    return own === undefined ? this.ignoreCase : own.includes('i');
  }

  search(text: string, from: number, budget: number): BoundedResult {
    this.text = text;
    this.steps = 0;
    this.budget = budget;
    const size = (this.numbers.size + 1) * 2;
    try {
      for (let start = from; start <= text.length; start++) {
        this.spans = new Array<number>(size).fill(-1);
        let end = -1;
        if (
          this.alternatives(this.ast.alternatives, start, (p) => {
            end = p;
            return true;
          })
        ) {
          this.spans[0] = start;
          this.spans[1] = end;
          return { match: { start, end, spans: this.spans }, steps: this.steps, exhausted: false };
        }
        this.tick();
      }
    } catch (error) {
      // Out of steps, or a pattern nested deeper than the stack: either way, no answer in bounds.
      if (error instanceof OutOfSteps || error instanceof RangeError) return { match: undefined, steps: this.steps, exhausted: true };
      throw error;
    }
    return { match: undefined, steps: this.steps, exhausted: false };
  }

  private tick(): void {
    if (++this.steps > this.budget) throw new OutOfSteps();
  }

  private alternatives(alts: readonly AST.Alternative[], pos: number, k: Cont): boolean {
    for (const alt of alts) if (this.sequence(alt.elements, 0, pos, k)) return true;
    return false;
  }

  private sequence(elements: readonly AST.Element[], i: number, pos: number, k: Cont): boolean {
    if (i === elements.length) return k(pos);
    return this.element(elements[i], pos, (p) => this.sequence(elements, i + 1, p, k));
  }

  private element(node: AST.Element, pos: number, k: Cont): boolean {
    this.tick();
    switch (node.type) {
      case 'Character':
      case 'CharacterClass':
      case 'CharacterSet':
      case 'ExpressionCharacterClass': {
        const end = this.atom(node, pos);
        return end >= 0 && k(end);
      }
      case 'Group':
        return this.alternatives(node.alternatives, pos, k);
      case 'CapturingGroup':
        return this.capture(node, pos, k);
      case 'Backreference':
        return this.backreference(node, pos, k);
      case 'Quantifier':
        return this.quantifier(node, pos, k);
      case 'Assertion':
        return this.assertion(node, pos, k);
    }
  }

  /** Where the atom's match at `pos` ends, or -1. */
  private atom(node: Atom | AST.BoundaryAssertion, pos: number): number {
    // Most atoms are one character written as itself: compared directly, several times faster.
    let unit = this.units.get(node);
    if (unit === undefined) {
      const direct =
        node.type === 'Character' && node.value <= 0xffff && !(this.folds(node) && /\p{L}/u.test(String.fromCharCode(node.value)));
      this.units.set(node, (unit = direct ? node.value : -1));
    }
    if (unit >= 0) return this.text.charCodeAt(pos) === unit ? pos + 1 : -1;
    let re = this.atoms.get(node);
    if (!re) {
      re = new RegExp(node.raw, this.flagsOf(node));
      this.atoms.set(node, re);
    }
    re.lastIndex = pos;
    return re.test(this.text) ? re.lastIndex : -1;
  }

  private capture(node: AST.CapturingGroup, pos: number, k: Cont): boolean {
    const at = (this.numbers.get(node) as number) * 2;
    return this.alternatives(node.alternatives, pos, (end) => {
      const [oldStart, oldEnd] = [this.spans[at], this.spans[at + 1]];
      this.spans[at] = pos;
      this.spans[at + 1] = end;
      if (k(end)) return true;
      this.spans[at] = oldStart;
      this.spans[at + 1] = oldEnd;
      return false;
    });
  }

  private backreference(node: AST.Backreference, pos: number, k: Cont): boolean {
    const targets = node.ambiguous ? node.resolved : [node.resolved];
    // Of duplicate named groups, the one that took part.
    let start = -1;
    let end = -1;
    for (const group of targets) {
      const at = (this.numbers.get(group) as number) * 2;
      if (this.spans[at] >= 0) [start, end] = [this.spans[at], this.spans[at + 1]];
    }
    // A group that took no part matches the empty string (as in JavaScript).
    if (start < 0) return k(pos);
    const length = end - start;
    if (pos + length > this.text.length) return false;
    for (let i = 0; i < length; i++) this.tick();
    const want = this.text.slice(start, end);
    const have = this.text.slice(pos, pos + length);
    const same = this.folds(node) ? want.toLowerCase() === have.toLowerCase() : want === have;
    return same && k(pos + length);
  }

  private quantifier(node: AST.Quantifier, pos: number, k: Cont): boolean {
    const { min, max, greedy, element } = node;
    let stepping = this.steps1.get(node);
    if (stepping === undefined) this.steps1.set(node, (stepping = isStep(element)));
    if (stepping) return this.atomRun(element as Step, min, max, greedy, pos, k);
    const inner = this.groupsIn(node);
    const loop = (count: number, at: number): boolean => {
      this.tick();
      if (count >= max) return k(at);
      // Each iteration starts with its groups unset, and an empty one past the minimum ends the
      // loop (ECMAScript's RepeatMatcher).
      const more = () => {
        const saved = inner.map((g) => [this.spans[g], this.spans[g + 1]]);
        for (const g of inner) this.spans[g] = this.spans[g + 1] = -1;
        if (this.element(element, at, (p) => (p === at && count >= min ? false : loop(count + 1, p)))) return true;
        inner.forEach((g, i) => ([this.spans[g], this.spans[g + 1]] = saved[i]));
        return false;
      };
      if (greedy) return more() || (count >= min && k(at));
      return (count >= min && k(at)) || more();
    };
    return loop(0, pos);
  }

  /** Where in `spans` the groups inside a quantifier start. */
  private groupsIn(node: AST.Quantifier): number[] {
    let known = this.inner.get(node);
    if (!known) {
      const found: number[] = [];
      walk(node.element, (n) => {
        if (n.type === 'CapturingGroup') found.push((this.numbers.get(n) as number) * 2);
      });
      known = found;
      this.inner.set(node, known);
    }
    return known;
  }

  /** A repeated single atom, walked in a loop rather than a call per repetition: `.*` over a long reply stays shallow. */
  private atomRun(node: Step, min: number, max: number, greedy: boolean, pos: number, k: Cont): boolean {
    const ends = [pos];
    if (greedy) {
      while (ends.length - 1 < max) {
        this.tick();
        const end = this.step(node, ends[ends.length - 1]);
        if (end < 0 || end === ends[ends.length - 1]) break;
        ends.push(end);
      }
      for (let count = ends.length - 1; count >= min; count--) {
        this.tick();
        if (k(ends[count])) return true;
      }
      return false;
    }
    for (let count = 0; ; count++) {
      this.tick();
      if (count >= min && k(ends[count])) return true;
      if (count >= max) return false;
      const end = this.step(node, ends[count]);
      if (end < 0) return false;
      ends.push(end);
    }
  }

  /** Where one pass of a `Step` from `pos` ends, or -1: its lookarounds are atomic, so there is one way or none. */
  private step(node: Step, pos: number): number {
    if (node.type !== 'Group') return this.atom(node, pos);
    let at = pos;
    for (const el of node.alternatives[0].elements) {
      if (el.type === 'Assertion') {
        if (!this.assertion(el, at, () => true)) return -1;
      } else {
        at = this.atom(el as Atom, at);
        if (at < 0) return -1;
      }
    }
    return at;
  }

  private assertion(node: AST.Assertion, pos: number, k: Cont): boolean {
    if (node.kind !== 'lookahead' && node.kind !== 'lookbehind') return this.atom(node, pos) >= 0 && k(pos);
    const saved = this.spans.slice();
    const restore = () => {
      for (let i = 0; i < saved.length; i++) this.spans[i] = saved[i];
    };
    const found = node.kind === 'lookahead' ? this.alternatives(node.alternatives, pos, () => true) : this.behind(node, pos);
    if (node.negate) {
      restore();
      return !found && k(pos);
    }
    if (!found) return false;
    if (k(pos)) return true;
    restore();
    return false;
  }

  /** Whether the lookbehind's body matches some text ending exactly at `pos` (tried from the nearest start). */
  private behind(node: AST.LookbehindAssertion, pos: number): boolean {
    const [least, most] = alternativesWidth(node.alternatives);
    const lowest = Number.isFinite(most) ? Math.max(0, pos - most) : 0;
    for (let start = pos - least; start >= lowest; start--) {
      this.tick();
      if (this.alternatives(node.alternatives, start, (end) => end === pos)) return true;
    }
    return false;
  }
}

function isAtom(node: AST.Node): node is Atom {
  return (
    node.type === 'Character' || node.type === 'CharacterClass' || node.type === 'CharacterSet' || node.type === 'ExpressionCharacterClass'
  );
}

/** An atom, or `(?:(?!x)[\s\S])`: one atom among lookarounds with no groups, matched one way or not at all. */
type Step = Atom | AST.Group;

function isStep(node: AST.Node): node is Step {
  if (isAtom(node)) return true;
  if (node.type !== 'Group' || node.alternatives.length !== 1) return false;
  const { elements } = node.alternatives[0];
  let captures = false;
  walk(node, (n) => {
    if (n.type === 'CapturingGroup' || n.type === 'Backreference') captures = true;
  });
  return !captures && elements.filter(isAtom).length === 1 && elements.every((el) => isAtom(el) || el.type === 'Assertion');
}

/** The fewest and most UTF-16 units `node` can match (Infinity when unbounded), to bound where a lookbehind starts. */
function width(node: AST.Node): [number, number] {
  switch (node.type) {
    case 'Character':
      return node.value > 0xffff ? [2, 2] : [1, 1];
    case 'CharacterSet':
    case 'CharacterClass':
      // An astral character is two units; a class of strings (v flag) may be longer.
      return node.type === 'CharacterClass' && node.unicodeSets ? [0, Infinity] : [1, 2];
    case 'ExpressionCharacterClass':
    case 'Backreference':
      return [0, Infinity];
    case 'Assertion':
      return [0, 0];
    case 'Quantifier': {
      const [a, b] = width(node.element);
      return [a * node.min, node.max === Infinity ? (b === 0 ? 0 : Infinity) : b * node.max];
    }
    case 'Alternative':
      return node.elements.reduce<[number, number]>(
        ([a, b], el) => {
          const [c, d] = width(el);
          return [a + c, b + d];
        },
        [0, 0],
      );
    case 'Group':
    case 'CapturingGroup':
      return alternativesWidth(node.alternatives);
    default:
      return [0, Infinity];
  }
}

function alternativesWidth(alternatives: readonly AST.Alternative[]): [number, number] {
  const spans = alternatives.map(width);
  return [Math.min(...spans.map((s) => s[0])), Math.max(...spans.map((s) => s[1]))];
}
