/**
 * Scores the critics against a labelled corpus: per critic TP / FP / FN, precision, recall, the
 * hints it gave apart from its flags, and the share of clean replies that got any flag. Pure: the
 * CLI reads the corpus and runs the critics; this only counts and lays out the table, so the docs
 * script and `skald critique --corpus` print the same figures.
 */
import { CRITIC_IDS, type CriticId, type CriticResult } from '../engine/types.js';

/** One critiqued case: its hand labels and what the critics said. */
export interface CorpusOutcome {
  id: string;
  labels: string[];
  critics: CriticResult[];
}

export interface CorpusRow {
  id: CriticId;
  /** Cases labelled with this critic. */
  labelled: number;
  flagged: number;
  tp: number;
  fp: number;
  fn: number;
  /** Findings the critic was not sure of (never counted as flags). */
  hints: number;
  /** Hints on cases that carry the label: how much recall the hints hold. */
  hintsLabelled: number;
  precision: number | null;
  recall: number | null;
  /** Case ids the critic missed, and its false alarms with their evidence. */
  misses: string[];
  alarms: Array<{ id: string; evidence: string }>;
}

export interface CorpusReport {
  cases: number;
  clean: number;
  cleanFlagged: Array<{ id: string; critics: CriticId[] }>;
  rows: CorpusRow[];
  micro: {
    labelled: number;
    flagged: number;
    tp: number;
    fp: number;
    fn: number;
    hints: number;
    precision: number | null;
    recall: number | null;
  };
  cleanFlaggedRate: number | null;
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);

function evidenceLine(result: CriticResult): string {
  return result.evidence.map((e) => `"${e.text.replace(/\s+/g, ' ').slice(0, 60)}" ${e.why}`).join('; ');
}

/** Counts every critic's agreement with the labels, micro-averaged over critics as the corpus's own runner does. */
export function scoreCorpus(outcomes: readonly CorpusOutcome[]): CorpusReport {
  const rows = new Map<CriticId, CorpusRow>(
    CRITIC_IDS.map((id) => [
      id,
      {
        id,
        labelled: 0,
        flagged: 0,
        tp: 0,
        fp: 0,
        fn: 0,
        hints: 0,
        hintsLabelled: 0,
        precision: null,
        recall: null,
        misses: [],
        alarms: [],
      },
    ]),
  );
  const cleanFlagged: CorpusReport['cleanFlagged'] = [];
  let clean = 0;
  for (const outcome of outcomes) {
    const labels = new Set(outcome.labels);
    const flagged: CriticId[] = [];
    for (const result of outcome.critics) {
      if (result.id === 'judge') continue;
      const row = rows.get(result.id);
      if (!row) continue;
      const want = labels.has(result.id);
      if (want) row.labelled++;
      if (result.hint) {
        row.hints++;
        if (want) row.hintsLabelled++;
      }
      if (result.flagged) {
        row.flagged++;
        flagged.push(result.id);
        if (want) row.tp++;
        else {
          row.fp++;
          row.alarms.push({ id: outcome.id, evidence: evidenceLine(result) });
        }
      } else if (want) {
        row.fn++;
        row.misses.push(outcome.id);
      }
    }
    if (labels.size === 0) {
      clean++;
      if (flagged.length > 0) cleanFlagged.push({ id: outcome.id, critics: flagged });
    }
  }
  const list = [...rows.values()];
  for (const row of list) {
    row.precision = ratio(row.tp, row.tp + row.fp);
    row.recall = ratio(row.tp, row.tp + row.fn);
  }
  const sum = (key: 'labelled' | 'flagged' | 'tp' | 'fp' | 'fn' | 'hints') => list.reduce((n, r) => n + r[key], 0);
  const [tp, fp, fn] = [sum('tp'), sum('fp'), sum('fn')];
  return {
    cases: outcomes.length,
    clean,
    cleanFlagged,
    rows: list,
    micro: {
      labelled: sum('labelled'),
      flagged: sum('flagged'),
      tp,
      fp,
      fn,
      hints: sum('hints'),
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
    },
    cleanFlaggedRate: ratio(cleanFlagged.length, clean),
  };
}

const fixed = (n: number | null): string => (n === null ? '-' : n.toFixed(2));

/** The report as the fixed-width table `skald critique --corpus` prints (and the docs embed). */
export function formatCorpusTable(report: CorpusReport): string[] {
  const cols: Array<[string, number]> = [
    ['labelled', 9],
    ['flagged', 8],
    ['TP', 5],
    ['FP', 5],
    ['FN', 5],
    ['hints', 6],
    ['precision', 10],
    ['recall', 8],
  ];
  const line = (name: string, values: Array<string | number>) =>
    `${name.padEnd(20)}${values.map((v, i) => String(v).padStart(cols[i]?.[1] ?? 0)).join('')}`;
  const lines = [
    line(
      'critic',
      cols.map(([c]) => c),
    ),
  ];
  for (const r of report.rows)
    lines.push(line(r.id, [r.labelled, r.flagged, r.tp, r.fp, r.fn, r.hints, fixed(r.precision), fixed(r.recall)]));
  const m = report.micro;
  lines.push(line('all (micro)', [m.labelled, m.flagged, m.tp, m.fp, m.fn, m.hints, fixed(m.precision), fixed(m.recall)]));
  lines.push('');
  lines.push(`clean replies with any flag: ${report.cleanFlagged.length}/${report.clean}`);
  return lines;
}

/** Every miss and false alarm, critic by critic, for `--details`. */
export function formatCorpusDetails(report: CorpusReport): string[] {
  const lines: string[] = [];
  for (const r of report.rows) {
    if (r.misses.length === 0 && r.alarms.length === 0) continue;
    lines.push('', `## ${r.id}`);
    for (const m of r.misses) lines.push(`  miss  ${m}`);
    for (const a of r.alarms) lines.push(`  alarm ${a.id}: ${a.evidence}`);
  }
  return lines;
}
