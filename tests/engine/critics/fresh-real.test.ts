/**
 * The second held-out real corpus (tests/corpora/critics-fresh): replies real models wrote, from a
 * repository neither critics-real nor critics-heldout uses, labelled by hand before the critics saw
 * them. Every case runs through the critics in process, the table is printed, and each critic is held
 * to the figures reached, so a change that loses a catch or adds a false alarm here fails.
 */
import { describe, expect, it } from 'vitest';
import { CORPUS_FILE, corpusPresent, warnIfCorpusAbsent } from '../../support/corpus.js';
import {
  corporaBefore,
  corpusFile,
  expectFigures,
  expectNoSharedRepository,
  expectSourced,
  readCases,
  type Floors,
} from './real-corpus.js';

const FILE = corpusFile('critics-fresh');
const cases = readCases(FILE);

const FLOOR: Floors = {
  formatting: { tp: 5, fp: 0 },
  // "to answer your question" and "if you will" point back at the player's turn (h/critics-recall3, third pass).
  'no-hook': { tp: 5, fp: 0 },
};

warnIfCorpusAbsent('the check that the fresh corpus shares no repository with critics-real');

describe('the fresh real corpus', () => {
  it('is real, sourced and balanced: 25+ replies, two thirds of them clean, every label a critic id', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(cases.filter((c) => c.labels.length === 0).length * 3).toBeGreaterThanOrEqual(cases.length * 2);
    expectSourced('critics-fresh', cases);
  });

  it('shares no source repository with the held-out corpus', () => {
    expectNoSharedRepository(cases, corporaBefore('critics-fresh'));
  });

  it.skipIf(!corpusPresent)('shares no source repository with the corpus the critics were tuned on', () => {
    expectNoSharedRepository(cases, [CORPUS_FILE]);
  });

  it('holds every critic to the figures reached, with no clean reply flagged', async () => {
    await expectFigures(FILE, 'fresh real corpus', FLOOR, { precision: 1, recall: 0.83, cleanFlagged: 0 });
  });
});
