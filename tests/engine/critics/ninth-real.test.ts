/**
 * The ninth held-out real corpus (tests/corpora/critics-ninth): four FlowGPT games and character chats played by people
 * (friuns2/BlackFriday-GPTs-Prompts), the model most likely gpt-3.5-turbo, from a repository none of the other corpora
 * uses, labelled by hand before the critics saw it. Every case runs through the critics in process, the table is
 * printed, and each critic is held to the figures reached, so a change that loses a catch or adds a false alarm here
 * fails. The rules it led to (a bare number picks the last reply's option, and the acts that carry it out are a hint;
 * "you decide to" the player's own move; "you realize that" a hint; a menu of options left out of stagnation; an offer
 * to answer further questions as a courtesy; a good-night wish as a farewell) were written after its first run (see
 * PROVENANCE.md).
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

const FILE = corpusFile('critics-ninth');
const cases = readCases(FILE);

const FLOOR: Floors = {
  // Options and openings offered again word for word ("Option 4: 💤 Take a nap to regain some energy."), a 21-word
  // closing question copied whole. A 10-word run of a game master's standing question varied ("or any other actions
  // you'd like to take at your base"), which the labels read as a formula, is a hint since h/critics-precision.
  repetition: { tp: 7, fp: 0 },
  // fg-wys-4 (the last turn's template around three new finds) is no longer read as standing still since
  // h/critics-precision: the menu's frame ("You have chosen Option 5", "Here are your options") is left out with it.
  stagnation: { tp: 0, fp: 0 },
  // "I'm sorry, but curing the pandemic is beyond the capabilities of your character in this game"; a game's sign-off.
  'out-of-character': { tp: 2, fp: 0 },
  // "you feel a renewed sense of vigor" after the player eats, the effect of his own act, is a hint since
  // h/critics-precision (a feeling told after the reply names the player's act).
  'speaks-for-user': { tp: 0, fp: 0 },
  // Ron Weasley's flat interview answers; a good-night blessing.
  'no-hook': { tp: 5, fp: 0 },
};

warnIfCorpusAbsent('the check that the ninth corpus shares no repository with critics-real');

describe('the ninth real corpus', () => {
  it('is real and sourced: 37 English replies, about half of them clean', () => {
    expect(cases.length).toBeGreaterThanOrEqual(37);
    expect(cases.filter((c) => c.labels.length === 0).length).toBeGreaterThanOrEqual(18);
    expectSourced('critics-ninth', cases);
  });

  it('shares no source repository with the other held-out corpora', () => {
    expectNoSharedRepository(cases, corporaBefore('critics-ninth'));
  });

  it.skipIf(!corpusPresent)('shares no source repository with the corpus the critics were tuned on', () => {
    expectNoSharedRepository(cases, [CORPUS_FILE]);
  });

  it('holds every critic to the figures reached, with at most two clean replies flagged', async () => {
    await expectFigures(FILE, 'ninth real corpus', FLOOR, { precision: 1, recall: 0.66, cleanFlagged: 0 });
  });
});
