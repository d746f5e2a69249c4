/**
 * What the held-out real corpora's tests share (tests/corpora/critics-heldout, critics-fresh,
 * critics-third ...): reading a corpus, checking each case is sourced and labelled with critic
 * ids and comes from repositories no other corpus uses, and holding the critics to the figures
 * reached on it, with the table printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { critiqueCorpusFile } from '../../../src/cli/critique-corpus.js';
import { formatCorpusTable, scoreCorpus, type CorpusReport } from '../../../src/eval/critics-corpus.js';
import { CRITIC_IDS, type CriticId } from '../../../src/engine/types.js';

export interface RealCase {
  id: string;
  source: { repo: string; path: string; commit: string; locator: string; model: string };
  world: string;
  history: Array<{ role: string; content: string }>;
  response: string;
  labels: string[];
  notes: string;
}

/** Per critic: at least this many caught, at most this many false alarms (the figures reached). */
export type Floors = Partial<Record<CriticId, { tp: number; fp: number }>>;

/** The cases.jsonl of `tests/corpora/<name>`. */
export const corpusFile = (name: string): string => fileURLToPath(new URL(`../../corpora/${name}/cases.jsonl`, import.meta.url));

/** The cases of a corpus file, one JSON object a line. */
export function readCases(file: string): RealCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RealCase);
}

/** Every case of corpus `name` has a full source, a note, critic ids as labels and an existing world. */
export function expectSourced(name: string, cases: readonly RealCase[]): void {
  expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  for (const c of cases) {
    expect(c.source.repo, c.id).toMatch(/^[\w.-]+\/[\w.-]+$/);
    expect(c.source.commit, c.id).toMatch(/^[0-9a-f]{40}$/);
    expect(c.source.path && c.source.locator && c.source.model && c.notes, c.id).toBeTruthy();
    for (const l of c.labels) expect(CRITIC_IDS, `${c.id}: ${l}`).toContain(l);
    expect(existsSync(fileURLToPath(new URL(`../../corpora/${name}/${c.world}`, import.meta.url))), c.world).toBe(true);
  }
}

/** No case comes from a repository any of `others` (cases.jsonl files) takes cases from. */
/** The held-out corpora in the order they were made (there is no eleventh): each is checked against the ones before it. */
export const HELD_OUT = [
  'critics-heldout',
  'critics-fresh',
  'critics-third',
  'critics-fourth',
  'critics-fifth',
  'critics-sixth',
  'critics-seventh',
  'critics-eighth',
  'critics-ninth',
  'critics-tenth',
  'critics-twelfth',
] as const;

/** The files of the held-out corpora made before `name`. */
export function corporaBefore(name: (typeof HELD_OUT)[number]): string[] {
  return HELD_OUT.slice(0, HELD_OUT.indexOf(name)).map(corpusFile);
}

export function expectNoSharedRepository(cases: readonly RealCase[], others: readonly string[]): void {
  const taken = new Set(others.flatMap((file) => readCases(file).map((c) => c.source.repo)));
  for (const c of cases) expect(taken.has(c.source.repo), `${c.id}: ${c.source.repo}`).toBe(false);
}

/** Runs the corpus through the critics, prints its table and holds it to `floors` and the micro figures. */
export async function expectFigures(
  file: string,
  title: string,
  floors: Floors,
  least: { precision: number; recall: number; cleanFlagged: number },
): Promise<void> {
  const report: CorpusReport = scoreCorpus(await critiqueCorpusFile(file));
  process.stdout.write(`critics on the ${title} (${report.cases} replies, ${report.clean} clean)\n`);
  process.stdout.write(`${formatCorpusTable(report).join('\n')}\n`);
  for (const row of report.rows) {
    const floor = floors[row.id] ?? { tp: 0, fp: 0 };
    expect(row.tp, `${row.id} catches`).toBeGreaterThanOrEqual(floor.tp);
    expect(row.fp, `${row.id} false alarms: ${JSON.stringify(row.alarms)}`).toBeLessThanOrEqual(floor.fp);
  }
  expect(report.micro.precision ?? 0).toBeGreaterThanOrEqual(least.precision);
  expect(report.micro.recall ?? 0).toBeGreaterThanOrEqual(least.recall);
  expect(report.cleanFlagged.length, JSON.stringify(report.cleanFlagged)).toBeLessThanOrEqual(least.cleanFlagged);
}
