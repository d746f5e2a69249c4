/**
 * Where the real critics corpus lives: `../shared/corpora/critics-real` beside the checkout, or
 * under `$SKALD_SHARED` (the variable the SillyTavern fixture tests read too, for a worktree that
 * lives elsewhere), or exactly at `$SKALD_CRITICS_CORPUS`. A fresh clone has none of them, so the
 * tests that read it skip with a printed reason.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR =
  process.env.SKALD_CRITICS_CORPUS ??
  (process.env.SKALD_SHARED
    ? join(process.env.SKALD_SHARED, 'corpora', 'critics-real')
    : fileURLToPath(new URL('../../../shared/corpora/critics-real/', import.meta.url)));
export const CORPUS_FILE = join(CORPUS_DIR, 'cases.jsonl');
export const corpusPresent = existsSync(CORPUS_FILE);

/** Says once, on the test's output, why the real-corpus tests did not run. */
export function warnIfCorpusAbsent(what: string): void {
  if (!corpusPresent)
    console.warn(
      `skipped ${what}: the real critics corpus is not at ${CORPUS_FILE} (a fresh clone has no ../shared; set SKALD_SHARED to the shared folder)`,
    );
}
