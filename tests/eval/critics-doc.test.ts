import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { critiqueCorpusFile } from '../../src/cli/critique-corpus.js';
import { scoreCorpus } from '../../src/eval/critics-corpus.js';
import {
  extractMeasured,
  MEASURED_END,
  MEASURED_START,
  measuredSection,
  replaceMeasured,
  withoutStamp,
} from '../../src/eval/critics-doc.js';
import { CORPUS_FILE, corpusPresent, warnIfCorpusAbsent } from '../support/corpus.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = join(root, 'tests/fixtures/critics-corpus/cases.jsonl');
const meta = { corpus: 'tests/fixtures/critics-corpus/cases.jsonl', date: '2026-12-06', commit: 'abc1234' };

describe('the measured section of docs/critics.md', () => {
  it('is the corpus table between markers, stamped with the date and commit', async () => {
    const outcomes = await critiqueCorpusFile(FIXTURE);
    const section = measuredSection(scoreCorpus(outcomes), outcomes, meta);
    expect(section[0]).toBe(MEASURED_START);
    expect(section.at(-1)).toBe(MEASURED_END);
    expect(section[1]).toBe(
      'Measured on 2026-12-06 at commit `abc1234` on `tests/fixtures/critics-corpus/cases.jsonl`: 5 replies, 3 of them clean.',
    );
    expect(section).toContain('| law-violation | 2 | 2 | 1 | 1 | 1 | 0.50 | 0.50 | 0 | 0 | 0.90 |');
    expect(section.filter((l) => /^\| [a-z-]+ \| \d/.test(l))).toHaveLength(13);
    expect(section.some((l) => l.startsWith('Below precision 0.80:') && l.includes('law-violation'))).toBe(true);
  });

  it('replaces only what lies between the markers, and appends the section to a doc without one', () => {
    const doc = `# Title\n\nprose before\n\n${MEASURED_START}\nold table\n${MEASURED_END}\n\nprose after\n`;
    const next = replaceMeasured(doc, [MEASURED_START, 'new table', MEASURED_END]);
    expect(next).toBe(`# Title\n\nprose before\n\n${MEASURED_START}\nnew table\n${MEASURED_END}\n\nprose after\n`);
    expect(extractMeasured(next)).toEqual([MEASURED_START, 'new table', MEASURED_END]);
    expect(replaceMeasured('# Bare\n', [MEASURED_START, 't', MEASURED_END])).toBe(`# Bare\n\n${MEASURED_START}\nt\n${MEASURED_END}\n`);
    expect(extractMeasured('# none')).toBeUndefined();
  });

  it('npm run docs:critics rewrites the section from a corpus run and leaves the prose alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-critics-doc-'));
    const doc = join(dir, 'critics.md');
    writeFileSync(doc, `# Critics\n\nHand-written words.\n\n${MEASURED_START}\nstale\n${MEASURED_END}\n`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/critics-doc.ts'), '--corpus', FIXTURE, '--doc', doc], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/measured on 5 cases: precision [\d.]+, recall [\d.]+, clean flagged \d\/3/);
    const written = readFileSync(doc, 'utf8');
    expect(written.startsWith('# Critics\n\nHand-written words.\n\n')).toBe(true);
    expect(written).not.toContain('stale');
    expect(written).toMatch(/Measured on \d{4}-\d\d-\d\d at commit `[^`]+` on `tests\/fixtures\/critics-corpus\/cases\.jsonl`/);
    expect(written).toContain('| law-violation | 2 | 2 | 1 | 1 | 1 | 0.50 | 0.50 |');
  });
});

warnIfCorpusAbsent('the check of docs/critics.md against a fresh corpus run');

describe.skipIf(!corpusPresent)('docs/critics.md against the real corpus', () => {
  it('holds the figures a fresh run gives (regenerate with `npm run docs:critics` after changing a critic)', async () => {
    const doc = readFileSync(join(root, 'docs/critics.md'), 'utf8');
    const written = extractMeasured(doc);
    expect(written, 'docs/critics.md has no measured section').toBeDefined();
    const outcomes = await critiqueCorpusFile(CORPUS_FILE);
    const fresh = measuredSection(scoreCorpus(outcomes), outcomes, { corpus: '', date: '', commit: '' });
    expect(withoutStamp(written!).join('\n')).toBe(withoutStamp(fresh).join('\n'));
  });
});
