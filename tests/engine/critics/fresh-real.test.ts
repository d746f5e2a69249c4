/**
 * The second held-out real corpus (tests/corpora/critics-fresh): replies real models wrote, from a
 * repository neither critics-real nor critics-heldout uses, labelled by hand before the critics saw
 * them. Every case runs through the critics in process, the table is printed, and each critic is held
 * to the figures reached, so a change that loses a catch or adds a false alarm here fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { critiqueCorpusFile } from '../../../src/cli/critique-corpus.js';
import { formatCorpusTable, scoreCorpus, type CorpusReport } from '../../../src/eval/critics-corpus.js';
import { CRITIC_IDS, type CriticId } from '../../../src/engine/types.js';
import { CORPUS_FILE, corpusPresent, warnIfCorpusAbsent } from '../../support/corpus.js';

const corpus = (name: string): string => fileURLToPath(new URL(`../../corpora/${name}/cases.jsonl`, import.meta.url));
const FILE = corpus('critics-fresh');

interface FreshCase {
  id: string;
  source: { repo: string; path: string; commit: string; locator: string; model: string };
  world: string;
  history: Array<{ role: string; content: string }>;
  response: string;
  labels: string[];
  notes: string;
}

const read = (file: string): FreshCase[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as FreshCase);

const cases = read(FILE);

/** Per critic: at least this many caught, at most this many false alarms (the figures reached). */
const FLOOR: Partial<Record<CriticId, { tp: number; fp: number }>> = {
  formatting: { tp: 3, fp: 0 },
  'no-hook': { tp: 4, fp: 2 },
};

warnIfCorpusAbsent('the check that the fresh corpus shares no repository with critics-real');

describe('the fresh real corpus', () => {
  it('is real, sourced and balanced: 25+ replies, two thirds of them clean, every label a critic id', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(cases.filter((c) => c.labels.length === 0).length * 3).toBeGreaterThanOrEqual(cases.length * 2);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) {
      expect(c.source.repo, c.id).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(c.source.commit, c.id).toMatch(/^[0-9a-f]{40}$/);
      expect(c.source.path && c.source.locator && c.source.model && c.notes, c.id).toBeTruthy();
      for (const l of c.labels) expect(CRITIC_IDS, `${c.id}: ${l}`).toContain(l);
      expect(existsSync(fileURLToPath(new URL(`../../corpora/critics-fresh/${c.world}`, import.meta.url))), c.world).toBe(true);
    }
  });

  it('shares no source repository with the held-out corpus', () => {
    const heldout = new Set(read(corpus('critics-heldout')).map((c) => c.source.repo));
    for (const c of cases) expect(heldout.has(c.source.repo), `${c.id}: ${c.source.repo}`).toBe(false);
  });

  it.skipIf(!corpusPresent)('shares no source repository with the corpus the critics were tuned on', () => {
    const tuned = new Set(read(CORPUS_FILE).map((c) => c.source.repo));
    for (const c of cases) expect(tuned.has(c.source.repo), `${c.id}: ${c.source.repo}`).toBe(false);
  });

  it('holds every critic to the figures reached, with at most two clean replies flagged', async () => {
    const report: CorpusReport = scoreCorpus(await critiqueCorpusFile(FILE));
    process.stdout.write(`critics on the fresh real corpus (${report.cases} replies, ${report.clean} clean)\n`);
    process.stdout.write(`${formatCorpusTable(report).join('\n')}\n`);
    for (const row of report.rows) {
      const floor = FLOOR[row.id] ?? { tp: 0, fp: 0 };
      expect(row.tp, `${row.id} catches`).toBeGreaterThanOrEqual(floor.tp);
      expect(row.fp, `${row.id} false alarms: ${JSON.stringify(row.alarms)}`).toBeLessThanOrEqual(floor.fp);
    }
    expect(report.micro.precision ?? 0).toBeGreaterThanOrEqual(0.77);
    expect(report.micro.recall ?? 0).toBeGreaterThanOrEqual(0.58);
    expect(report.cleanFlagged.length, JSON.stringify(report.cleanFlagged)).toBeLessThanOrEqual(2);
  });
});
