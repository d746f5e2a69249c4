/**
 * How well the engine reads players, measured on a labelled set of player messages
 * (tests/corpora/player/messages.jsonl): the pacing direction each message leans, whether it only
 * waits, whether it carries an out-of-character note, and whether it is an emotional pivot.
 */
import { z } from 'zod';
import { DIRECTION_THRESHOLD, readCues, splitOoc } from '../engine/pacing/cues.js';
import { detectPivot } from '../engine/planner/pivots.js';
import { HELD_OUT_ORIGINS } from './held-out-origins.js';

export type Direction = 'slow' | 'neutral' | 'fast';

const LabelledMessage = z.object({
  id: z.string().min(1),
  origin: z.enum(['real', 'authored', ...HELD_OUT_ORIGINS]),
  case: z.string().optional(),
  index: z.number().int().nonnegative().optional(),
  lang: z.string(),
  text: z.string(),
  /** What the player had just heard (the narrator's last reply, or at a table the line before), where the source keeps it. */
  before: z.string().optional(),
  direction: z.enum(['slow', 'neutral', 'fast']),
  waiting: z.boolean(),
  ooc: z.boolean(),
  pivot: z.boolean(),
  note: z.string().optional(),
});

export type LabelledMessage = z.infer<typeof LabelledMessage>;

/** Parses the set's JSON lines; a bad line is an error naming its line number. */
export function parseLabelledMessages(jsonl: string): LabelledMessage[] {
  const rows: LabelledMessage[] = [];
  jsonl.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1} is not JSON`);
    }
    const parsed = LabelledMessage.safeParse(value);
    if (!parsed.success) throw new Error(`line ${i + 1}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
    rows.push(parsed.data);
  });
  return rows;
}

/**
 * The direction the engine reads in one message (with what the player had just heard, where the
 * row keeps it): an out-of-character pace request decides it,
 * a message that only waits is neutral, otherwise the cue score against the planner's threshold.
 */
export function readDirection(text: string, heard?: string): Direction {
  const cues = readCues(text, heard);
  if (cues.ooc) return cues.ooc.direction === 'slower' ? 'slow' : 'fast';
  if (!cues.inCharacter || cues.waiting) return 'neutral';
  if (cues.score >= DIRECTION_THRESHOLD) return 'fast';
  if (cues.score <= -DIRECTION_THRESHOLD) return 'slow';
  return 'neutral';
}

/** What the engine read in one message, next to its labels. */
export interface Reading {
  row: LabelledMessage;
  direction: Direction;
  waiting: boolean;
  ooc: boolean;
  pivot: boolean;
}

/** Reads every message of the set. */
export function readAll(rows: readonly LabelledMessage[]): Reading[] {
  return rows.map((row) => {
    const cues = readCues(row.text, row.before);
    return {
      row,
      direction: readDirection(row.text, row.before),
      waiting: cues.waiting,
      ooc: splitOoc(row.text, row.before).notes.length > 0,
      pivot: detectPivot(row.text, row.before) !== undefined,
    };
  });
}

/** A ratio with what it was computed from; `value` is null when nothing was there to count. */
export interface Ratio {
  hits: number;
  of: number;
  value: number | null;
}

function ratio(hits: number, of: number): Ratio {
  return { hits, of, value: of === 0 ? null : hits / of };
}

export interface PacingFigures {
  messages: number;
  directionAgreement: Ratio;
  waitingRecall: Ratio;
  waitingPrecision: Ratio;
  pivotRecall: Ratio;
  pivotPrecision: Ratio;
  oocRecall: Ratio;
  oocPrecision: Ratio;
  /** labelled -> read -> count. */
  confusion: Record<Direction, Record<Direction, number>>;
}

type Flag = 'waiting' | 'pivot' | 'ooc';

/** The figures over some readings. */
export function figures(readings: readonly Reading[]): PacingFigures {
  const confusion = {
    slow: { slow: 0, neutral: 0, fast: 0 },
    neutral: { slow: 0, neutral: 0, fast: 0 },
    fast: { slow: 0, neutral: 0, fast: 0 },
  };
  for (const r of readings) confusion[r.row.direction][r.direction] += 1;
  const recall = (flag: Flag): Ratio => {
    const labelled = readings.filter((r) => r.row[flag]);
    return ratio(labelled.filter((r) => r[flag]).length, labelled.length);
  };
  const precision = (flag: Flag): Ratio => {
    const read = readings.filter((r) => r[flag]);
    return ratio(read.filter((r) => r.row[flag]).length, read.length);
  };
  return {
    messages: readings.length,
    directionAgreement: ratio(readings.filter((r) => r.direction === r.row.direction).length, readings.length),
    waitingRecall: recall('waiting'),
    waitingPrecision: precision('waiting'),
    pivotRecall: recall('pivot'),
    pivotPrecision: precision('pivot'),
    oocRecall: recall('ooc'),
    oocPrecision: precision('ooc'),
    confusion,
  };
}

/**
 * Figures for the set the rules were tuned on (`all`: the real messages and the authored hard
 * cases), each of those, and the held-out real messages, which are kept out of `all` so that the
 * tuned figures stay comparable and the held-out ones say how the rules generalise.
 */
export function measurePacing(rows: readonly LabelledMessage[]): {
  all: PacingFigures;
  real: PacingFigures;
  authored: PacingFigures;
  heldout: PacingFigures;
  heldout2: PacingFigures;
  heldout3: PacingFigures;
  heldout4: PacingFigures;
  heldout5: PacingFigures;
  heldout6: PacingFigures;
  heldout7: PacingFigures;
  heldout8: PacingFigures;
  heldout9: PacingFigures;
  readings: Reading[];
} {
  const readings = readAll(rows);
  return {
    all: figures(readings.filter((r) => !isHeldout(r.row.origin))),
    real: figures(readings.filter((r) => r.row.origin === 'real')),
    authored: figures(readings.filter((r) => r.row.origin === 'authored')),
    heldout: figures(readings.filter((r) => r.row.origin === 'real-heldout')),
    heldout2: figures(readings.filter((r) => r.row.origin === 'real-heldout-2')),
    heldout3: figures(readings.filter((r) => r.row.origin === 'real-heldout-3')),
    heldout4: figures(readings.filter((r) => r.row.origin === 'real-heldout-4')),
    heldout5: figures(readings.filter((r) => r.row.origin === 'real-heldout-5')),
    heldout6: figures(readings.filter((r) => r.row.origin === 'real-heldout-6')),
    heldout7: figures(readings.filter((r) => r.row.origin === 'real-heldout-7')),
    heldout8: figures(readings.filter((r) => r.row.origin === 'real-heldout-8')),
    heldout9: figures(readings.filter((r) => r.row.origin === 'real-heldout-9')),
    readings,
  };
}

/** Whether messages of this origin are held out: never tuned on, kept out of `all`. */
export function isHeldout(origin: LabelledMessage['origin']): boolean {
  return origin.startsWith('real-heldout');
}

function cell(r: Ratio): string {
  return r.value === null ? 'n/a' : `${r.value.toFixed(2)} (${r.hits}/${r.of})`;
}

const ROWS: Array<[string, (f: PacingFigures) => Ratio]> = [
  ['pacing direction agreement', (f) => f.directionAgreement],
  ['waiting recall', (f) => f.waitingRecall],
  ['waiting precision', (f) => f.waitingPrecision],
  ['pivot recall', (f) => f.pivotRecall],
  ['pivot precision', (f) => f.pivotPrecision],
  ['OOC recall', (f) => f.oocRecall],
  ['OOC precision', (f) => f.oocPrecision],
];

/**
 * The figures as a Markdown table: one row a measure, columns all / real / authored (the tuned
 * set), then each held-out set that has messages, in order.
 */
export function pacingTable(m: {
  all: PacingFigures;
  real: PacingFigures;
  authored: PacingFigures;
  heldout?: PacingFigures;
  heldout2?: PacingFigures;
  heldout3?: PacingFigures;
  heldout4?: PacingFigures;
  heldout5?: PacingFigures;
  heldout6?: PacingFigures;
  heldout7?: PacingFigures;
  heldout8?: PacingFigures;
  heldout9?: PacingFigures;
}): string {
  const held: Array<[string, PacingFigures]> = [];
  if (m.heldout && m.heldout.messages > 0) held.push(['held-out real', m.heldout]);
  if (m.heldout2 && m.heldout2.messages > 0) held.push(['held-out real 2', m.heldout2]);
  if (m.heldout3 && m.heldout3.messages > 0) held.push(['held-out real 3', m.heldout3]);
  if (m.heldout4 && m.heldout4.messages > 0) held.push(['held-out real 4', m.heldout4]);
  if (m.heldout5 && m.heldout5.messages > 0) held.push(['held-out real 5', m.heldout5]);
  if (m.heldout6 && m.heldout6.messages > 0) held.push(['held-out real 6', m.heldout6]);
  if (m.heldout7 && m.heldout7.messages > 0) held.push(['held-out real 7', m.heldout7]);
  if (m.heldout8 && m.heldout8.messages > 0) held.push(['held-out real 8', m.heldout8]);
  if (m.heldout9 && m.heldout9.messages > 0) held.push(['held-out real 9', m.heldout9]);
  const lines = [
    `| measure | all (${m.all.messages}) | real (${m.real.messages}) | authored (${m.authored.messages}) |${held.map(([name, f]) => ` ${name} (${f.messages}) |`).join('')}`,
    `|---|---|---|---|${held.map(() => '---|').join('')}`,
    ...ROWS.map(
      ([name, get]) =>
        `| ${name} | ${cell(get(m.all))} | ${cell(get(m.real))} | ${cell(get(m.authored))} |${held.map(([, f]) => ` ${cell(get(f))} |`).join('')}`,
    ),
  ];
  return lines.join('\n');
}

/** The direction confusion matrix as a Markdown table (rows: labelled, columns: read). */
export function confusionTable(f: PacingFigures): string {
  const dirs: Direction[] = ['slow', 'neutral', 'fast'];
  return [
    '| labelled \\ read | slow | neutral | fast |',
    '|---|---|---|---|',
    ...dirs.map((d) => `| ${d} | ${dirs.map((r) => f.confusion[d][r]).join(' | ')} |`),
  ].join('\n');
}
