/**
 * The twelfth held-out real corpus (tests/corpora/critics-twelfth): Llama-3.1-8B-Instruct, MiniMax abab7 and a
 * Llama-3.1-8B fine-tune acting characters of novel scenes, one a three-character group scene, in the
 * given-circumstance acting runs of Neph0s/CoSER, a repository none of the other corpora uses, labelled by hand before
 * the critics saw it. Every case runs through the critics in process, the table is printed, and each critic is held to
 * the figures reached, so a change that loses a catch or adds a false alarm here fails. The rules it led to (the
 * prompt's "(Your action: ...)" label left in a reply is template debris; a title alone, "Mr" of "Mr Bennet", is no
 * name) were written after its first run (see PROVENANCE.md).
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

const FILE = corpusFile('critics-twelfth');
const cases = readCases(FILE);

const FLOOR: Floors = {
  // Stage directions said again ("leans back in bed, a faraway look in his eyes"), one copied whole from the last
  // reply or the one before; abab7's thought / action / thought layout, kept every turn, is its format.
  repetition: { tp: 9, fp: 0 },
  // "(Your action: ...)" and "(Your thought: ...)", the prompt's labels, in all five of Chaol's replies.
  formatting: { tp: 5, fp: 0 },
  // Two loops of the same move and order; one false alarm on a reply that adds a call on the comms device.
  stagnation: { tp: 2, fp: 1 },
  // Two catches of ten; "a testament to" alone and "(smirks)", a whole stage direction, are no tics.
  filler: { tp: 2, fp: 0 },
  // None: "I won't engage in such frivolous matters" (a daughter declining her father's teasing, between stage
  // directions) is only a hint now, as a play script's unbracketed line may be the character's.
  'out-of-character': { tp: 0, fp: 0 },
  // "(reaches out a hand, and Sally hands him the crumpled paper)".
  'speaks-for-user': { tp: 1, fp: 0 },
  // Seven closings of ten caught (leave-takings said or told, the speaker going back to the letter again); no false
  // alarm: an act begun in a stage direction and a "Let's go." after one are hooks. Settling back is only a hint.
  'no-hook': { tp: 7, fp: 0 },
};

warnIfCorpusAbsent('the check that the twelfth corpus shares no repository with critics-real');

describe('the twelfth real corpus', () => {
  it('is real and sourced: 44 English replies, 16 of them clean', () => {
    expect(cases.length).toBeGreaterThanOrEqual(44);
    expect(cases.filter((c) => c.labels.length === 0).length).toBeGreaterThanOrEqual(16);
    expectSourced('critics-twelfth', cases);
  });

  it('shares no source repository with the other held-out corpora', () => {
    expectNoSharedRepository(cases, corporaBefore('critics-twelfth'));
  });

  it.skipIf(!corpusPresent)('shares no source repository with the corpus the critics were tuned on', () => {
    expectNoSharedRepository(cases, [CORPUS_FILE]);
  });

  it('holds every critic to the figures reached, with no clean reply flagged', async () => {
    await expectFigures(FILE, 'twelfth real corpus', FLOOR, { precision: 0.95, recall: 0.66, cleanFlagged: 0 });
  });
});
