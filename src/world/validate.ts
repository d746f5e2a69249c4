/**
 * Validation of a raw pack object (from YAML, or built by an importer): schema errors, unknown
 * keys, and every cross-field check, all reported in one run with field paths and, when the
 * caller can map a path to a source position, file, line and column.
 */
import { playerNarratedBeats } from './player-beats.js';
import type { z } from 'zod';
import { cleanData, type Path } from './clean.js';
import { crossCheck } from './crosscheck.js';
import { unknownMacroFindings } from './macro-check.js';
import { formatPath } from './problems.js';
import { DEFAULT_PLAYER, KNOWN_KEYS, packSchema, type PackSchemaOutput } from './schema.js';
import { suggest } from '../text/suggest.js';
import type { PackProblem, WorldPack } from './types.js';

/** A source position; `file` is set when the field came from another file of the pack. */
export interface SourcePosition {
  line: number;
  column: number;
  file?: string;
}

/** Maps a field path to its position; `at: 'key'` asks for the key of a mapping entry. */
export type Locate = (path: (string | number)[], at?: 'key' | 'value') => SourcePosition | undefined;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const SUPPORTED_VERSION = 1;

/**
 * Validates a raw pack and fills its defaults. `file` names the source (relative to the pack
 * folder); `locate` adds line and column. Returns the pack only when there are no errors;
 * warnings (unknown keys, stripped control characters) come back either way.
 */
export function validatePack(raw: unknown, file: string, locate?: Locate): { pack?: WorldPack; problems: PackProblem[] } {
  const problems: PackProblem[] = [];
  const report = (severity: PackProblem['severity'], path: Path, message: string, at: 'key' | 'value' = 'value') => {
    const pos = locate?.(path, at);
    const problem: PackProblem = { severity, file: pos?.file ?? file, path: formatPath(path), message };
    if (pos) {
      problem.line = pos.line;
      problem.column = pos.column;
    }
    problems.push(problem);
  };

  if (!isObj(raw)) {
    report('error', [], 'a pack is a mapping of keys (skald, id, title, setting, ...), not ' + describe(raw));
    return { problems };
  }
  if (
    raw.skald !== undefined &&
    raw.skald !== SUPPORTED_VERSION &&
    (typeof raw.skald === 'number' || (typeof raw.skald === 'string' && /^\d+$/.test(raw.skald)))
  ) {
    report('error', ['skald'], `unsupported format version ${String(raw.skald)}; this skald reads version ${SUPPORTED_VERSION}`);
    return { problems };
  }

  const cleaned = cleanData(raw);
  for (const f of cleaned.findings) report(f.severity, f.path, f.message, f.atKey ? 'key' : 'value');
  const data = cleaned.value as Obj;

  for (const u of unknownKeys(data)) report('warning', u.path, u.message, 'key');
  for (const m of unknownMacroFindings(data)) report('warning', m.path, m.message);
  for (const b of playerNarratedBeats(data)) report('warning', b.path, b.message);

  const parsed = packSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
      report('error', path, issueMessage(issue, path, data));
    }
  }
  for (const f of crossCheck(data)) report('error', f.path, f.message, f.atKey ? 'key' : 'value');

  if (problems.some((p) => p.severity === 'error') || !parsed.success) return { problems };
  return { pack: fillDerivedDefaults(parsed.data), problems };
}

/** Defaults that depend on other fields: titles from ids, a scene cast of everyone. */
function fillDerivedDefaults(pack: PackSchemaOutput): WorldPack {
  const everyone = pack.characters.map((c) => c.id);
  const { name, ...player } = pack.player;
  return {
    ...pack,
    // A pack that names no player is played by the player's own persona, else by a Traveller.
    // "You" is what earlier versions of the card importer wrote for the same thing.
    player: name && name !== 'You' ? { ...player, name } : { ...player, name: DEFAULT_PLAYER.name, open: true },
    openings: pack.openings.map((o) => ({
      ...o,
      title: o.title || o.id,
      characters: o.characters.length > 0 ? o.characters : [...everyone],
    })),
    threads: pack.threads.map((t) => ({ ...t, title: t.title || t.id })),
  };
}

const LIST_KINDS: Record<string, keyof typeof KNOWN_KEYS> = {
  laws: 'law',
  lore: 'lore',
  characters: 'character',
  openings: 'opening',
  threads: 'thread',
};

/** Keys the format does not know, each with a suggestion when one is close. */
function unknownKeys(data: Obj): { path: Path; message: string }[] {
  const found: { path: Path; message: string }[] = [];
  const check = (obj: unknown, kind: keyof typeof KNOWN_KEYS, path: Path) => {
    if (!isObj(obj)) return;
    const known: readonly string[] = KNOWN_KEYS[kind];
    for (const key of Object.keys(obj)) {
      if (known.includes(key)) continue;
      const guess = suggest(key, known);
      const hint = guess ? `; did you mean \`${guess}\`?` : '; put your own data under `extensions:`';
      found.push({ path: [...path, key], message: `unknown key \`${key}\` is ignored${hint}` });
    }
  };
  check(data, 'pack', []);
  for (const [name, kind] of Object.entries(LIST_KINDS)) {
    const items = data[name];
    if (Array.isArray(items)) items.forEach((item, i) => check(item, kind, [name, i]));
  }
  check(data.player, 'player', ['player']);
  check(data.style, 'style', ['style']);
  return found;
}

function describe(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '...' : value)}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return `a ${typeof value}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  tuple: 'a list',
};

function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** A zod issue as a sentence an author can act on. */
function issueMessage(issue: z.core.$ZodIssue, path: Path, data: unknown): string {
  const value = valueAt(data, path);
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return path.length === 1 && path[0] === 'skald' ? 'required: write `skald: 1` (the format version) at the top' : 'required';
  }
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      // `- Note: more text` unquoted is a mapping to YAML, a common surprise.
      const colonHint =
        issue.expected === 'string' && isObj(value) && Object.keys(value).length === 1
          ? ' (an unquoted ": " inside text starts a mapping; put the text in quotes)'
          : '';
      return `expected ${expected}, found ${describe(value)}${colonHint}`;
    }
    case 'invalid_value':
      if (path.length === 1 && path[0] === 'skald') return issue.message;
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${describe(value)}`;
    case 'invalid_union':
      return `expected text, found ${describe(value)}`;
    case 'too_big':
      if (Array.isArray(value)) return `expected at most ${String(issue.maximum)} items, found ${value.length}`;
      return issue.message;
    case 'too_small':
      if (Array.isArray(value) && issue.origin === 'array')
        return `expected at least ${String(issue.minimum)} items, found ${value.length}`;
      return issue.message;
    default:
      return issue.message;
  }
}
