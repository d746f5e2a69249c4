import { describe, expect, it } from 'vitest';
import { scoreCorpusFile } from '../../src/cli/critique-corpus.js';
import { CORPUS_FILE, corpusPresent, warnIfCorpusAbsent } from '../support/corpus.js';

warnIfCorpusAbsent('the critics targets on real replies');

// Issue 11's bar on replies real models wrote: a regression in any critic's rules fails here.
describe.skipIf(!corpusPresent)('the critics on the real corpus', () => {
  it('micro precision >= 0.85, recall >= 0.75, clean replies flagged <= 15%, every flagging critic at precision >= 0.8', async () => {
    const report = await scoreCorpusFile(CORPUS_FILE);
    expect(report.micro.precision).toBeGreaterThanOrEqual(0.85);
    expect(report.micro.recall).toBeGreaterThanOrEqual(0.75);
    expect(report.cleanFlaggedRate).toBeLessThanOrEqual(0.15);
    for (const row of report.rows) {
      if (row.flagged === 0) continue;
      expect(row.precision, `${row.id}: ${row.tp} of ${row.flagged} flags right`).toBeGreaterThanOrEqual(0.8);
    }
  });
});
