/**
 * The sixth held-out real corpus (tests/corpora/critics-sixth): English replies real models wrote in role-play (The
 * Narrative Loom's LLM game master answering an LLM player agent, two WhisperEngine characters talking to each other),
 * from repositories none of the other corpora uses, labelled by hand before the critics saw them. Every case runs
 * through the critics in process, the table is printed, and each critic is held to the figures reached, so a change
 * that loses a catch or adds a false alarm here fails. The copy rules (stagnation, ignores-user) and two formatting
 * rules were written after reading its misses, so its later figures are not strictly held out (see PROVENANCE.md).
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

const FILE = corpusFile('critics-sixth');
const cases = readCases(FILE);

const FLOOR: Floors = {
  // 7-9 word runs said again inside a new sentence (a patrolman's "his body between you and the container", a
  // bartender's action line, a question's frame) are hints since h/critics-precision, and so is tnl-gothic-t15's
  // narrator motif ("The blue lantern above you gutters hard", labelled a judgement call).
  repetition: { tp: 6, fp: 0 },
  formatting: { tp: 5, fp: 0 },
  stagnation: { tp: 5, fp: 0 },
  'ignores-user': { tp: 3, fp: 0 },
  // Someone unseen choosing to be heard, a new sound, "the threat is still active" and "whoever's there" holding their
  // breath before the game's status list are hooks since h/critics-recall3.
  'no-hook': { tp: 0, fp: 0 },
};

warnIfCorpusAbsent('the check that the sixth corpus shares no repository with critics-real');

describe('the sixth real corpus', () => {
  it('is real and sourced: 40 English replies from two repositories, over half of them clean', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => c.labels.length === 0).length * 2).toBeGreaterThan(cases.length);
    expect(new Set(cases.map((c) => c.source.repo)).size).toBeGreaterThanOrEqual(2);
    expectSourced('critics-sixth', cases);
  });

  it('shares no source repository with the held-out, fresh, third, fourth and fifth corpora', () => {
    expectNoSharedRepository(cases, corporaBefore('critics-sixth'));
  });

  it.skipIf(!corpusPresent)('shares no source repository with the corpus the critics were tuned on', () => {
    expectNoSharedRepository(cases, [CORPUS_FILE]);
  });

  it('holds every critic to the figures reached, with at most three clean replies flagged', async () => {
    await expectFigures(FILE, 'sixth real corpus', FLOOR, { precision: 1, recall: 0.9, cleanFlagged: 0 });
  });
});
