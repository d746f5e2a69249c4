/**
 * `skald critique --corpus FILE.jsonl [--json] [--details]`: scores the critics against a labelled
 * corpus in one process, so a player or pack author can check them on their own logs.
 *
 * A line of the corpus: {"id", "world", "history":[{"role","content"}], "response", "labels":[critic ids]}.
 * `world` is a pack path relative to the corpus file, or a world's id.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { critiqueCandidate } from '../engine/critics/index.js';
import { loadLanguageDetector } from '../engine/critics/language-id.js';
import { formatCorpusDetails, formatCorpusTable, scoreCorpus, type CorpusOutcome, type CorpusReport } from '../eval/critics-corpus.js';
import { neutralize } from '../text/sanitize.js';
import type { LoadedPack } from '../world/types.js';
import { critiqueContext, loadWorld, parseCritiqueInput } from './critique-run.js';
import { InputError, fileErrorReason } from '../errors.js';

const out = (line = '') => process.stdout.write(`${line}\n`);

interface CorpusCase {
  id: string;
  world: string;
  labels: string[];
  document: string;
}

/** Parses the corpus lines; a bad line is an InputError naming its line number. */
export function parseCorpus(text: string, file: string): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const where = `${neutralize(file)}:${i + 1}`;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      throw new InputError(`${where} is not valid JSON; each line must be one case.`);
    }
    const { id, world, labels, history, response } = (doc ?? {}) as Record<string, unknown>;
    if (typeof world !== 'string' || world === '')
      throw new InputError(`${where}: "world" must name a pack path (relative to the corpus) or a world id.`);
    if (labels !== undefined && !(Array.isArray(labels) && labels.every((l) => typeof l === 'string')))
      throw new InputError(`${where}: "labels" must be an array of critic ids.`);
    cases.push({
      id: typeof id === 'string' ? id : `line ${i + 1}`,
      world,
      labels: labels ?? [],
      document: JSON.stringify({ history, response }),
    });
  }
  if (cases.length === 0) throw new InputError(`${neutralize(file)} holds no cases.`);
  return cases;
}

/** Critiques every case, loading each world once. */
export async function critiqueCorpus(cases: readonly CorpusCase[], base: string): Promise<CorpusOutcome[]> {
  const worlds = new Map<string, Promise<LoadedPack>>();
  const outcomes: CorpusOutcome[] = [];
  for (const c of cases) {
    const asPath = resolve(base, c.world);
    const key = c.world.includes('/') || c.world.startsWith('.') ? asPath : c.world;
    let loaded = worlds.get(key);
    if (!loaded) {
      loaded = loadWorld(key === asPath ? asPath : c.world);
      worlds.set(key, loaded);
    }
    let input;
    try {
      input = parseCritiqueInput(c.document);
    } catch (error) {
      throw new InputError(`Case ${neutralize(c.id)}: ${(error as Error).message}`);
    }
    let pack: LoadedPack;
    try {
      pack = await loaded;
    } catch (error) {
      // Which case named the world matters more than the loader's own wording.
      if (error instanceof InputError) throw new InputError(`Case ${neutralize(c.id)}: ${error.message}`, error.details);
      throw error;
    }
    await loadLanguageDetector();
    const result = critiqueCandidate(input.response, critiqueContext(pack, input));
    outcomes.push({ id: c.id, labels: c.labels, critics: result.critics });
  }
  return outcomes;
}

/** Reads and critiques a corpus file, case by case. */
export async function critiqueCorpusFile(file: string): Promise<CorpusOutcome[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read ${neutralize(file)} (${fileErrorReason(error)}); check the path.`);
  }
  return critiqueCorpus(parseCorpus(text, file), dirname(resolve(file)));
}

/** Reads, critiques and scores a corpus file: what `skald critique --corpus` and the docs script both print. */
export async function scoreCorpusFile(file: string): Promise<CorpusReport> {
  return scoreCorpus(await critiqueCorpusFile(file));
}

/** Runs `skald critique --corpus`. */
export async function critiqueCorpusCommand(options: { corpus: string; json?: boolean; details?: boolean }): Promise<void> {
  const report = await scoreCorpusFile(options.corpus);
  if (options.json) {
    const { rows, ...rest } = report;
    const shown = options.details ? rows : rows.map(({ misses: _m, alarms: _a, ...row }) => row);
    out(JSON.stringify({ ...rest, rows: shown }, null, 2));
    return;
  }
  out(`skald critique on ${report.cases} labelled replies (${report.clean} clean) from ${neutralize(options.corpus)}`);
  out();
  for (const line of formatCorpusTable(report)) out(neutralize(line));
  if (options.details) for (const line of formatCorpusDetails(report)) out(neutralize(line));
  const f = (n: number | null) => (n === null ? '-' : n.toFixed(2));
  out();
  out(`recall ${f(report.micro.recall)} precision ${f(report.micro.precision)} clean-flagged ${f(report.cleanFlaggedRate)}`);
}
