/**
 * `npm run docs:critics [-- --corpus FILE.jsonl] [--doc FILE.md]`: runs the labelled corpus through the same code
 * as `skald critique --corpus` and rewrites the measured section of docs/critics.md (between its
 * markers) with the per-critic table, the date and the commit. The prose around it is left alone.
 *
 * The corpus defaults to ../shared/corpora/critics-real/cases.jsonl beside the checkout, or
 * $SKALD_CRITICS_CORPUS/cases.jsonl, or the same under $SKALD_SHARED.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { critiqueCorpusFile } from '../src/cli/critique-corpus.js';
import { scoreCorpus } from '../src/eval/critics-corpus.js';
import { measuredSection, replaceMeasured } from '../src/eval/critics-doc.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const docFlag = process.argv.indexOf('--doc');
const docPath = docFlag >= 0 && process.argv[docFlag + 1] ? resolve(process.argv[docFlag + 1]) : join(root, 'docs', 'critics.md');

function corpusFile(): string {
  const flag = process.argv.indexOf('--corpus');
  if (flag >= 0 && process.argv[flag + 1]) return resolve(process.argv[flag + 1]);
  if (process.env.SKALD_CRITICS_CORPUS) return join(resolve(process.env.SKALD_CRITICS_CORPUS), 'cases.jsonl');
  if (process.env.SKALD_SHARED) return join(resolve(process.env.SKALD_SHARED), 'corpora', 'critics-real', 'cases.jsonl');
  return resolve(root, '..', 'shared', 'corpora', 'critics-real', 'cases.jsonl');
}

function commit(): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const file = corpusFile();
if (!existsSync(file)) {
  process.stderr.write(`critics-doc: no corpus at ${file}; pass --corpus FILE.jsonl or set SKALD_SHARED.\n`);
  process.exit(1);
}
const outcomes = await critiqueCorpusFile(file);
const report = scoreCorpus(outcomes);
// The doc names the shared corpus as the team knows it, not by this machine's absolute path.
const shared = file.replace(/^.*\/(shared\/corpora\/)/, '../$1');
const section = measuredSection(report, outcomes, {
  corpus: shared.startsWith('../shared/') ? shared : relative(root, file),
  date: new Date().toISOString().slice(0, 10),
  commit: commit(),
});
writeFileSync(docPath, replaceMeasured(readFileSync(docPath, 'utf8'), section));
process.stdout.write(
  `critics-doc: ${relative(root, docPath)} measured on ${report.cases} cases: precision ${report.micro.precision ?? '-'}, recall ${report.micro.recall ?? '-'}, clean flagged ${report.cleanFlagged.length}/${report.clean}\n`,
);
