/**
 * The tenth held-out real corpus (tests/corpora/critics-tenth): Apple's on-device model (~3B) narrating three isekai
 * scenarios to a scripted player in the playtest logs of kylezhao/isekai-log, a repository none of the other corpora
 * uses, labelled by hand before the critics saw it. Every case runs through the critics in process, the table is
 * printed, and each critic is held to the figures reached, so a change that loses a catch or adds a false alarm here
 * fails. The rules it led to (dialogue in single quotes read as a character's; a name after "I," as the speaker's own;
 * "you think you can" + the player's own move; going to the place the player named; a copied reply to a mostly new move; a reply with no word of its own
 * after a single earlier one) were written after its first run (see PROVENANCE.md).
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

const FILE = corpusFile('critics-tenth');
const cases = readCases(FILE);

const FLOOR: Floors = {
  // Sentences and whole replies said again (the castle answer twice, the guild's ledger scene twice), a 15-fold loop.
  repetition: { tp: 9, fp: 0 },
  // The loop cut off mid-quote ("He gives you the key and says, 'Here").
  formatting: { tp: 1, fp: 0 },
  // Whole replies said again, the opening said again as the first answer.
  stagnation: { tp: 5, fp: 0 },
  // Two catches ("stands as a testament to"); "the air is thick with" alone is below the flag since h/critics-precision
  // (it weighs 0.5). One false alarm: the key loop's low density, which the labels give to repetition (critics-real
  // labels a loop's low density filler).
  filler: { tp: 2, fp: 1 },
  // "'No,' you say, 'I demand a fair price.'", "You nod, grateful ...", purchases made for the player. "You feel a sense
  // of accomplishment" after the player's own sale is a hint since h/critics-precision.
  'speaks-for-user': { tp: 9, fp: 0 },
  // Earlier replies said again to new moves; "how much gold I have left" met with no amount (three); the move offered
  // back as a choice ("You could rent a room ... or").
  'ignores-user': { tp: 8, fp: 0 },
  // Three flat one-sentence answers ("Ah, a wise choice indeed! ..."); results reported in the perfect ("You've
  // acquired 50 units of salt"); a blessing to close ("Keep your heart open and your spirit strong"); the player's move
  // said back in a "you" clause ("as you inquire about work", "You choose to take the goblin bounty").
  'no-hook': { tp: 8, fp: 0 },
  // The two loops: 539 tokens, and the cut-off key loop.
  length: { tp: 2, fp: 0 },
};

warnIfCorpusAbsent('the check that the tenth corpus shares no repository with critics-real');

describe('the tenth real corpus', () => {
  it('is real and sourced: 39 English replies, 5 of them clean', () => {
    expect(cases.length).toBeGreaterThanOrEqual(39);
    expect(cases.filter((c) => c.labels.length === 0).length).toBeGreaterThanOrEqual(5);
    expectSourced('critics-tenth', cases);
  });

  it('shares no source repository with the other held-out corpora', () => {
    expectNoSharedRepository(cases, corporaBefore('critics-tenth'));
  });

  it.skipIf(!corpusPresent)('shares no source repository with the corpus the critics were tuned on', () => {
    expectNoSharedRepository(cases, [CORPUS_FILE]);
  });

  it('holds every critic to the figures reached, with no clean reply flagged', async () => {
    await expectFigures(FILE, 'tenth real corpus', FLOOR, { precision: 0.97, recall: 0.58, cleanFlagged: 0 });
  });
});
