/**
 * The eighth held-out real corpus (tests/corpora/critics-eighth): a Gemini dungeon master narrating a three-player
 * horror adventure (Shadows Over Havenwood) whose players' lines the same model wrote, from a repository none of the
 * other corpora uses, labelled by hand before the critics saw it. Every case runs through the critics in process, the
 * table is printed, and each critic is held to the figures reached, so a change that loses a catch or adds a false
 * alarm here fails. The rules it led to (no-hook: something closing in, made ready, arriving or ringing out; a game
 * master's table note; fighting verbs as acts; a sensation from outside as perception; the party the player's
 * message speaks for) were written after its first run (see PROVENANCE.md).
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

const FILE = corpusFile('critics-eighth');
const cases = readCases(FILE);

const FLOOR: Floors = {
  // The DM playing Ronan ("Ronan tries to disengage"), Alistair ("Alistair fires again", "\"Now!\" Alistair yells"); since
  // h/critics-recall4 also after a clause that sets the moment ("As Ronan charges, Elara rushes forward") or through an
  // aside ("Alistair, having finally dispatched Silas, turns"); since h/critics-recall2 "Ronan roars", "As Elara's
  // fingers brush" and "your shot rings out" too.
  'speaks-for-user': { tp: 9, fp: 0 },
  // Closings caught ("Silence.", the machinery spinning down "into silence", a light that "then fades"); the six scene
  // or discovery endings the labels read as open (a room, a tag on a lever, a creature stunned, a sound located, a DM
  // note) are hints since h/critics-recall4: a game master's turn may stop on the scene, unless the scene comes to rest.
  'no-hook': { tp: 3, fp: 0 },
  // "Just as Ronan decapitates the Mill-Thing" in a teen pack: one word, no gore shown; a hint since h/critics-recall4.
  boundary: { tp: 0, fp: 0 },
};

warnIfCorpusAbsent('the check that the eighth corpus shares no repository with critics-real');

describe('the eighth real corpus', () => {
  it('is real and sourced: 43 English replies, most of them clean', () => {
    expect(cases.length).toBeGreaterThanOrEqual(43);
    expect(cases.filter((c) => c.labels.length === 0).length * 2).toBeGreaterThan(cases.length);
    expectSourced('critics-eighth', cases);
  });

  it('shares no source repository with the other held-out corpora', () => {
    expectNoSharedRepository(cases, corporaBefore('critics-eighth'));
  });

  it.skipIf(!corpusPresent)('shares no source repository with the corpus the critics were tuned on', () => {
    expectNoSharedRepository(cases, [CORPUS_FILE]);
  });

  it('holds every critic to the figures reached, with no clean reply flagged', async () => {
    await expectFigures(FILE, 'eighth real corpus', FLOOR, { precision: 1, recall: 0.7, cleanFlagged: 0 });
  });
});
