/**
 * Reading one pack file as untrusted input: size refused before reading, binary refused, and
 * parsed with the `yaml` package keeping source positions, with no custom tags, no duplicate
 * keys and a bound on alias expansion.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { relative, sep, isAbsolute } from 'node:path';
import { Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { SourcePosition } from './validate.js';
import type { PackProblem } from './types.js';

/** Larger files are refused before a byte is read. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Alias resolutions allowed per file: ordinary anchors pass, "billion laughs" does not. */
export const MAX_ALIAS_COUNT = 100;
/**
 * Lines and commas (an upper bound on the nodes the parser will build) allowed per file: parse
 * time and memory grow with the node count, so a 4 MB list of one-letter items is refused before
 * the parser spends seconds and gigabytes on it; a pack of ten thousand lore entries fits.
 */
export const MAX_YAML_ITEMS = 150_000;
/** Characters of text a file may expand to once its aliases are resolved. */
export const MAX_EXPANDED_CHARS = 2 * MAX_FILE_BYTES;
/** Flow brackets nested deeper than this are refused before parsing (the parser's time grows faster than the depth). */
export const MAX_FLOW_NESTING = 1000;

export interface ParsedFile {
  /** Path relative to the pack folder, as problems name it. */
  rel: string;
  doc: Document.Parsed;
  lines: LineCounter;
  value: unknown;
}

type Problem = (message: string, pos?: { line: number; column: number }) => PackProblem;

function problemFor(rel: string): Problem {
  return (message, pos) => ({ severity: 'error', file: rel, path: '', message, ...(pos ? { line: pos.line, column: pos.column } : {}) });
}

/** True when `child` is `root` or inside it. */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Reads and parses one YAML file. `root` (a real path), when given, is the folder the file must
 * stay inside after following symlinks.
 */
export async function readPackFile(abs: string, rel: string, root?: string): Promise<{ file?: ParsedFile; problems: PackProblem[] }> {
  const fail = problemFor(rel);
  let real: string;
  try {
    real = await realpath(abs);
  } catch {
    return { problems: [fail('cannot read this file: it does not exist or is a broken link')] };
  }
  if (root && !isInside(root, real)) {
    return { problems: [fail('this file points outside the pack folder (through a symlink); packs may only read their own files')] };
  }
  const info = await stat(real);
  if (!info.isFile()) return { problems: [fail('expected a file')] };
  if (info.size > MAX_FILE_BYTES) {
    const mb = (info.size / 1024 / 1024).toFixed(1);
    return { problems: [fail(`this file is ${mb} MB; pack files are limited to 5 MB`)] };
  }
  const bytes = await readFile(real);
  if (bytes.includes(0)) return { problems: [fail('this is a binary file, not YAML text')] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problems: [fail('this file is not valid UTF-8 text; save it as UTF-8')] };
  }
  return parseYaml(text.replace(/^\uFEFF/, ''), rel);
}

/**
 * The offset where `[`/`{` nesting first exceeds `limit`, or -1. Brackets inside quotes count too:
 * this is a cheap guard, and no real text has a thousand unclosed brackets.
 */
function flowNestingBeyond(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth -= 1;
    }
  }
  return -1;
}

/** Parses YAML text keeping positions; every syntax problem becomes a positioned error. */
export function parseYaml(text: string, rel: string): { file?: ParsedFile; problems: PackProblem[] } {
  const fail = problemFor(rel);
  const deep = flowNestingBeyond(text, MAX_FLOW_NESTING);
  if (deep >= 0) {
    const line = text.slice(0, deep).split('\n').length;
    return {
      problems: [
        fail(`YAML syntax: nested too deeply to read (more than ${MAX_FLOW_NESTING} levels of [ or {)`, {
          line,
          column: deep - text.lastIndexOf('\n', deep - 1),
        }),
      ],
    };
  }
  const items = countItems(text);
  if (items > MAX_YAML_ITEMS) {
    return {
      problems: [
        fail(
          `this file has about ${items.toLocaleString('en-US')} lines and list items; pack files are limited to ${MAX_YAML_ITEMS.toLocaleString('en-US')}, split it into several files`,
        ),
      ],
    };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, schema: 'core', uniqueKeys: true, prettyErrors: false, merge: false });
  const problems: PackProblem[] = [];
  const at = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  for (const error of doc.errors) {
    if (error.code === 'DUPLICATE_KEY') {
      const key = text
        .slice(error.pos[0], error.pos[0] + 80)
        .split(/[:\n]/)[0]
        .trim();
      problems.push(fail(`duplicate key${key ? ` \`${key}\`` : ''}: each key may appear only once in a mapping`, at(error.pos[0])));
    } else {
      const message = /call stack/i.test(error.message) ? 'nested too deeply to read' : error.message.split('\n')[0];
      problems.push(fail(`YAML syntax: ${message}`, at(error.pos[0])));
    }
  }
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') {
      const tag = text.slice(warning.pos[0], warning.pos[1]).trim() || 'tag';
      problems.push(fail(`the tag \`${tag}\` is not allowed: packs are plain data (text, numbers, lists, mappings)`, at(warning.pos[0])));
    } else {
      problems.push({ ...fail(`YAML: ${warning.message.split('\n')[0]}`, at(warning.pos[0])), severity: 'warning' });
    }
  }
  if (problems.some((p) => p.severity === 'error')) return { problems };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) {
      return {
        problems: [
          ...problems,
          fail(
            `too many aliases: this file expands YAML aliases more than ${MAX_ALIAS_COUNT} times (a "billion laughs" pattern); write the text out instead`,
          ),
        ],
      };
    }
    return { problems: [...problems, fail(`cannot read this YAML: ${message.split('\n')[0]}`)] };
  }
  if (expandedBeyond(value, MAX_EXPANDED_CHARS)) {
    return {
      problems: [
        ...problems,
        fail(
          `this file expands to more than ${MAX_EXPANDED_CHARS / 1024 / 1024} MB of text once its YAML aliases are resolved; write the text out once instead of repeating an alias`,
        ),
      ],
    };
  }
  return { file: { rel, doc, lines, value }, problems };
}

/** Newlines plus commas: every node but the first starts after one of them. */
function countItems(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x2c) n++;
  }
  return n;
}

/**
 * True when the strings (and keys) of `value` add up to more than `limit` characters. Aliases
 * share one JS string, so 98 aliases of a 4.9 MB string cost nothing here but 480 MB in every
 * prompt later: counted as often as they appear.
 */
function expandedBeyond(value: unknown, limit: number): boolean {
  let total = 0;
  const stack: unknown[] = [value];
  let steps = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    // Shared subtrees are walked each time they appear; the step bound keeps that finite too.
    if (++steps > 4 * MAX_YAML_ITEMS) return true;
    if (typeof v === 'string') total += v.length;
    else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        total += k.length;
        stack.push(x);
      }
    }
    if (total > limit) return true;
  }
  return false;
}

/** The source position of a field path in a parsed file (the nearest existing ancestor if absent). */
export function positionIn(file: ParsedFile, path: (string | number)[], want: 'key' | 'value' = 'value'): SourcePosition | undefined {
  let node: unknown = file.doc.contents;
  let keyNode: unknown;
  let last: unknown = node;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(file.doc);
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment];
    } else {
      break;
    }
    last = node;
  }
  const target = (want === 'key' && keyNode) || last;
  const range = (target as Node | null)?.range;
  if (!range) return undefined;
  const p = file.lines.linePos(range[0]);
  return { line: p.line, column: p.col, file: file.rel };
}
