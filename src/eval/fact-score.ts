/**
 * Scores a fact extractor against hand-labelled player messages (tests/corpora/player/facts.jsonl):
 * recall and precision per origin of the messages, and the table the docs keep.
 *
 * Matching: a predicted fact matches a label of the same kind whose key value word(s) it
 * contains. Texts are compared lower-cased with punctuation and apostrophes removed; a value's
 * Latin words must each appear as a word of the prediction (in any order), and a value's CJK run
 * must appear as a substring. Each label is matched at most once and each prediction at most
 * once, so a fact found twice counts once and the second copy is a false alarm.
 */
import { z } from 'zod';
import type { Fact, FactKind } from '../engine/types.js';
import { HELD_OUT_ORIGINS } from './held-out-origins.js';

const KINDS = ['name', 'relationship', 'possession', 'promise', 'place', 'preference', 'other'] as const satisfies readonly FactKind[];

const labelSchema = z.object({ kind: z.enum(KINDS), subject: z.string(), value: z.string().min(1) });

/** One labelled message of the set. */
export const factRowSchema = z.object({
  id: z.string(),
  origin: z.enum(['pippa', 'simulated', 'characterbench', 'authored', ...HELD_OUT_ORIGINS]),
  case: z.string().optional(),
  index: z.number().int().optional(),
  language: z.enum(['en', 'zh']),
  /** The name the player plays as, where the source says it (SillyTavern's user name); the measure passes it as the player's name. */
  player: z.string().optional(),
  /**
   * The message itself states the player's name ("My name is Melissa Sparda") that `player` gives:
   * the name label is then a fact in the text to find, not the caller's input, and the row is read
   * without its persona so that echoing the persona cannot find it.
   */
  statesName: z.literal(true).optional(),
  text: z.string(),
  facts: z.array(labelSchema),
  note: z.string().optional(),
});

export type FactRow = z.infer<typeof factRowSchema>;
export type FactLabel = z.infer<typeof labelSchema>;

/** Parses the JSON lines of the set; a bad line is an error naming its line number. */
export function parseFactRows(jsonl: string): FactRow[] {
  return jsonl.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    const parsed = factRowSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`facts.jsonl line ${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid row'}`);
    const { statesName, player, text } = parsed.data;
    if (statesName && (player === undefined || !text.includes(player)))
      throw new Error(`facts.jsonl line ${i + 1}: statesName needs the row's player name in its text`);
    return [parsed.data];
  });
}

/** Counts for one group of rows. */
export interface FactCounts {
  rows: number;
  labels: number;
  /** Name labels left out because they are the player's name the row gives (see `givenLabel`). */
  given: number;
  predicted: number;
  matched: number;
}

export interface FactMiss {
  id: string;
  text: string;
  missed: FactLabel[];
  wrong: Array<Pick<Fact, 'kind' | 'text'>>;
}

export interface FactScore {
  groups: Record<string, FactCounts>;
  all: FactCounts;
  /** Rows with a missed label or a false alarm, for reading. */
  misses: FactMiss[];
}

const CJK = /[\u3400-\u9fff]/u;

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether `prediction` contains the label's key value word(s); see the module comment. */
export function matchesLabel(prediction: Pick<Fact, 'kind' | 'text'>, label: FactLabel): boolean {
  if (prediction.kind !== label.kind) return false;
  const text = normalise(prediction.text);
  const words = new Set(text.split(' '));
  return normalise(label.value)
    .split(' ')
    .every((part) => (CJK.test(part) ? text.replace(/ /g, '').includes(part) : words.has(part)));
}

/**
 * A label that only says the player's name when the row gives that name: the caller passes it to
 * the extractor, so finding it would be reading the input back. Such labels are left out of the
 * counts (and counted as given), and a prediction of that name is a false alarm.
 */
export function givenLabel(row: Pick<FactRow, 'player' | 'statesName'>, label: FactLabel): boolean {
  return !row.statesName && row.player !== undefined && label.kind === 'name' && label.subject === 'player' && label.value === row.player;
}

/**
 * The row as the extractor sees it: a row whose message states the player's name is read without
 * the persona, so only a reader of the text can find that name.
 */
function asRead(row: FactRow): FactRow {
  if (!row.statesName) return row;
  const { player: _given, ...rest } = row;
  return rest;
}

/**
 * Scores `extract` on every row; groups by `origin` and a `real` group of the real rows the rules
 * were tuned on. Held-out rows (`real-heldout`) form their own group and are kept out of `real`
 * and `all`, so the tuned figures stay comparable and the held-out ones measure generalisation.
 */
export function scoreFacts(rows: readonly FactRow[], extract: (row: FactRow) => ReadonlyArray<Pick<Fact, 'kind' | 'text'>>): FactScore {
  const groups: Record<string, FactCounts> = {};
  const all: FactCounts = { rows: 0, labels: 0, given: 0, predicted: 0, matched: 0 };
  const misses: FactMiss[] = [];
  for (const row of rows) {
    const predicted = extract(asRead(row));
    const free = row.facts.filter((label) => !givenLabel(row, label));
    const given = row.facts.length - free.length;
    const wrong: FactMiss['wrong'] = [];
    let matched = 0;
    for (const p of predicted) {
      const at = free.findIndex((label) => matchesLabel(p, label));
      if (at >= 0) {
        free.splice(at, 1);
        matched += 1;
      } else {
        wrong.push({ kind: p.kind, text: p.text });
      }
    }
    const heldout = row.origin.startsWith('real-heldout');
    const names = [row.origin, ...(row.origin === 'authored' || heldout ? [] : ['real'])];
    const totals = heldout ? [] : [all];
    for (const counts of [...names.map((n) => (groups[n] ??= { rows: 0, labels: 0, given: 0, predicted: 0, matched: 0 })), ...totals]) {
      counts.rows += 1;
      counts.labels += row.facts.length - given;
      counts.given += given;
      counts.predicted += predicted.length;
      counts.matched += matched;
    }
    if (free.length > 0 || wrong.length > 0) misses.push({ id: row.id, text: row.text, missed: free, wrong });
  }
  return { groups, all, misses };
}

/** Recall: labels found / labels (1 when there are none). */
export function recall(c: FactCounts): number {
  return c.labels === 0 ? 1 : c.matched / c.labels;
}

/** Precision: predictions that match a label / predictions (1 when there are none). */
export function precision(c: FactCounts): number {
  return c.predicted === 0 ? 1 : c.matched / c.predicted;
}

const ORDER = ['pippa', 'simulated', 'characterbench', 'real', 'authored'];

/** The score as a Markdown table: one row per group, then all rows, then each held-out set (not in all). */
export function factTable(score: FactScore): string {
  const line = (name: string, c: FactCounts) =>
    `| ${name} | ${c.rows} | ${c.labels} | ${c.predicted} | ${c.matched} | ${recall(c).toFixed(2)} | ${precision(c).toFixed(2)} |`;
  const named = ORDER.filter((g) => score.groups[g]).map((g) => line(g, score.groups[g]));
  const heldLine = (name: string, c: FactCounts | undefined) =>
    c ? [line(`${name} (not in all${c.given > 0 ? `; ${c.given} player-name labels given` : ''})`, c)] : [];
  return [
    '| messages | rows | labelled facts | predicted | matched | recall | precision |',
    '|---|---|---|---|---|---|---|',
    ...named,
    line('**all**', score.all),
    ...heldLine('held-out real', score.groups['real-heldout']),
    ...heldLine('held-out real 2', score.groups['real-heldout-2']),
    ...heldLine('held-out real 3', score.groups['real-heldout-3']),
    ...heldLine('held-out real 4', score.groups['real-heldout-4']),
    ...heldLine('held-out real 5', score.groups['real-heldout-5']),
    ...heldLine('held-out real 6', score.groups['real-heldout-6']),
    ...heldLine('held-out real 7', score.groups['real-heldout-7']),
    ...heldLine('held-out real 8', score.groups['real-heldout-8']),
    ...heldLine('held-out real 9', score.groups['real-heldout-9']),
  ].join('\n');
}
