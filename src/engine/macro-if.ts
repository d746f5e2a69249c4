/**
 * SillyTavern's `{{if}}` (public/scripts/macros/definitions/core-macros.js, in its macro engine):
 * `{{if condition}}then{{else}}otherwise{{/if}}`, or inline `{{if condition::then}}`. The
 * condition is expanded first; `!` before it inverts it; `.name` and `$name` read a variable and a
 * global one; the bare name of a macro that takes no argument (`{{if lastUserMessage}}`) reads that
 * macro. Empty, `false`, `off` and `0` are false, anything else true. Only the chosen branch is
 * expanded, so a `{{setvar}}` in the other changes nothing; the result is trimmed (`{{#if}}` keeps
 * its whitespace). An `{{if}}` without its `{{/if}}` is left as written.
 */
import { KNOWN_MACROS } from '../text/macro-syntax.js';

interface Span {
  start: number;
  end: number;
  kind: 'if' | 'else' | 'endif' | 'other';
  /** For an `if`: its `#` flag and what follows the name, braces and all. */
  keep?: boolean;
  args?: string;
}

const HEAD = /^\{\{\s*(#?)\s*(if|else|\/if)(?![\w-])\s*(?:(::?|\s)([\s\S]*))?\}\}$/i;

/** Whether `text` may hold an `{{if}}` (a quick test before the scan). */
export const mayHoldIf = (text: string): boolean => /\{\{\s*#?\s*if(?![\w-])/i.test(text);

/**
 * `text` with each `{{if}}` block replaced by its chosen branch, expanded by `resolve`, and the
 * text around them by `resolve` too; undefined when it holds no complete `{{if}}`.
 */
export function resolveConditionals(text: string, resolve: (text: string) => string): string | undefined {
  const spans = topLevel(text);
  const closing = pairs(spans);
  let out = '';
  let cursor = 0;
  let found = false;
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k];
    if (span.kind !== 'if') continue;
    const parts = splitArgs(span.args ?? '');
    let condition = parts[0] ?? '';
    let then: string;
    let otherwise: string | undefined;
    let blockEnd: number;
    if (parts.length > 1) {
      ({ then, otherwise } = splitElse(parts.slice(1).join('::')));
      blockEnd = span.end;
    } else {
      const close = closing.get(k);
      if (close === undefined) continue;
      const split = elseBetween(spans, k, close);
      then = text.slice(span.end, split ? split.start : spans[close].start);
      otherwise = split ? text.slice(split.end, spans[close].start) : undefined;
      blockEnd = spans[close].end;
      k = close;
    }
    found = true;
    out += resolve(text.slice(cursor, span.start));
    const inverted = /^\s*!/.test(condition);
    if (inverted) condition = condition.replace(/^\s*!\s*/, '');
    const truthy = isTrue(conditionValue(condition, resolve)) !== inverted;
    const chosen = truthy ? then : otherwise;
    if (chosen !== undefined) {
      const value = resolve(chosen);
      out += span.keep ? value : value.trim();
    }
    cursor = blockEnd;
  }
  if (!found) return undefined;
  return out + resolve(text.slice(cursor));
}

/** The condition's value: its macros expanded, a variable shorthand or a bare macro name read. */
function conditionValue(raw: string, resolve: (text: string) => string): string {
  const condition = resolve(raw).trim();
  const shorthand = /^([.$])([A-Za-z_][\w-]*)$/.exec(condition);
  if (shorthand) return resolve(`{{${shorthand[1] === '.' ? 'getvar' : 'getglobalvar'}::${shorthand[2]}}}`);
  if (BARE.has(condition.toLowerCase())) {
    const value = resolve(`{{${condition}}}`);
    // A macro skald cannot fill here (no clock, say) stays as written: then it is the plain word.
    return value === `{{${condition}}}` ? condition : value;
  }
  return condition;
}

/** Macros a condition may name bare: those that take no argument. */
const BARE = new Set(KNOWN_MACROS.filter((name) => !/var$|^(random|pick|roll|reverse|datetimeformat|timediff|banned|if|else)$/.test(name)));

/** SillyTavern's isFalseBoolean, and the empty text. */
const isTrue = (value: string): boolean => value.trim() !== '' && !['off', 'false', '0'].includes(value.trim().toLowerCase());

/** The macros at the top level of `text` (nested ones are inside their host), in order. One linear scan. */
function topLevel(text: string): Span[] {
  const spans: Span[] = [];
  let depth = 0;
  let start = 0;
  for (const m of text.matchAll(/\{\{|\}\}/g)) {
    if (m[0] === '{{') {
      if (depth++ === 0) start = m.index;
    } else if (depth > 0 && --depth === 0) {
      const end = m.index + 2;
      spans.push(describe(text.slice(start, end), start, end));
    }
  }
  return spans;
}

function describe(macro: string, start: number, end: number): Span {
  const head = HEAD.exec(macro);
  if (!head) return { start, end, kind: 'other' };
  const name = head[2].toLowerCase();
  if (name === 'else') return { start, end, kind: head[3] === undefined ? 'else' : 'other' };
  if (name === '/if') return { start, end, kind: 'endif' };
  if (head[3] === undefined || (head[4] ?? '').trim() === '') return { start, end, kind: 'other' };
  return { start, end, kind: 'if', keep: head[1] === '#', args: head[4] };
}

/** Each scoped `{{if}}`'s index with its `{{/if}}`'s, nested ones paired first. One pass. */
function pairs(spans: readonly Span[]): Map<number, number> {
  const open: number[] = [];
  const out = new Map<number, number>();
  spans.forEach((span, j) => {
    if (span.kind === 'if' && splitArgs(span.args ?? '').length === 1) open.push(j);
    else if (span.kind === 'endif') {
      const k = open.pop();
      if (k !== undefined) out.set(k, j);
    }
  });
  return out;
}

/** The `{{else}}` of the block from `spans[k]` to `spans[close]` (not one of a block nested in it). */
function elseBetween(spans: readonly Span[], k: number, close: number): Span | undefined {
  let depth = 0;
  for (let j = k + 1; j < close; j++) {
    const span = spans[j];
    if (span.kind === 'if' && splitArgs(span.args ?? '').length === 1) depth += 1;
    else if (span.kind === 'endif') depth -= 1;
    else if (span.kind === 'else' && depth === 0) return span;
  }
  return undefined;
}

/** An inline block's content before and after its own `{{else}}`. */
function splitElse(content: string): { then: string; otherwise?: string } {
  const spans = topLevel(content);
  const split = elseBetween(spans, -1, spans.length);
  return split ? { then: content.slice(0, split.start), otherwise: content.slice(split.end) } : { then: content };
}

/** A macro's arguments split on the `::` outside the macros nested in them. */
function splitArgs(args: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (const m of args.matchAll(/\{\{|\}\}|::/g)) {
    if (m[0] === '{{') depth += 1;
    else if (m[0] === '}}') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      parts.push(args.slice(from, m.index));
      from = m.index + 2;
    }
  }
  parts.push(args.slice(from));
  return parts;
}
