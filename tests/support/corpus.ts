/**
 * Where the real critics corpus lives: `../shared/corpora/critics-real` beside the checkout, or
 * `$SKALD_CRITICS_CORPUS` (a worktree elsewhere points it at the shared folder). A fresh clone
 * has neither, so the tests that read it skip with a printed reason.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR =
  process.env.SKALD_CRITICS_CORPUS ?? fileURLToPath(new URL('../../../shared/corpora/critics-real/', import.meta.url));
export const CORPUS_FILE = join(CORPUS_DIR, 'cases.jsonl');
export const corpusPresent = existsSync(CORPUS_FILE);

/** Says once, on the test's output, why the real-corpus tests did not run. */
export function warnIfCorpusAbsent(what: string): void {
  if (!corpusPresent)
    console.warn(
      `skipped ${what}: the real critics corpus is not at ${CORPUS_FILE} (a fresh clone has no ../shared; set SKALD_CRITICS_CORPUS to point at it)`,
    );
}
