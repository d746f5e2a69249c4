/**
 * The fourth held-out real corpus (tests/corpora/critics-fourth): replies real models wrote in role-play
 * (an AI-Town project's test of gpt-oss:20b and mistral-nemo:12b, Chinese game-NPC dialogues from
 * RoleMirror's reports), from repositories none of the other corpora uses, labelled by hand before the
 * critics saw them. Every case runs through the critics in process, the table is printed, and each
 * critic is held to the figures reached, so a change that loses a catch or adds a false alarm here fails.
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

const FILE = corpusFile('critics-fourth');
const cases = readCases(FILE);

const FLOOR: Floors = {
  'mixed-language': { tp: 2, fp: 0 },
  // Two help-desk greetings of a riddling elder ("let me know a bit more", "any topic you like", "let's chat").
  'out-of-character': { tp: 4, fp: 0 },
  // The way to open the vault handed over as a rule ("石像右眼，三叩即开。") is a hook since h/critics-recall3.
  'no-hook': { tp: 6, fp: 0 },
  // Alice narrating herself in the third person after a stage cue ("(Excited) Alice has discovered ..."): a hint since
  // h/critics-precision, a slip of form (see PROVENANCE.md).
  'reference-confusion': { tp: 0, fp: 0 },
};

warnIfCorpusAbsent('the check that the fourth corpus shares no repository with critics-real');

describe('the fourth real corpus', () => {
  it('is real, sourced and balanced: 35+ replies, close to half of them clean, in English and Chinese', () => {
    expect(cases.length).toBeGreaterThanOrEqual(35);
    expect(cases.filter((c) => c.labels.length === 0).length * 100).toBeGreaterThanOrEqual(cases.length * 45);
    expect(new Set(cases.map((c) => c.source.repo)).size).toBeGreaterThanOrEqual(2);
    expectSourced('critics-fourth', cases);
  });

  it('shares no source repository with the held-out, fresh and third corpora', () => {
    expectNoSharedRepository(cases, corporaBefore('critics-fourth'));
  });

  it.skipIf(!corpusPresent)('shares no source repository with the corpus the critics were tuned on', () => {
    expectNoSharedRepository(cases, [CORPUS_FILE]);
  });

  it('holds every critic to the figures reached, with no clean reply flagged', async () => {
    await expectFigures(FILE, 'fourth real corpus', FLOOR, { precision: 1, recall: 0.41, cleanFlagged: 0 });
  });
});
