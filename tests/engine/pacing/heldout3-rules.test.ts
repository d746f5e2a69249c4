import { describe, expect, it } from 'vitest';
import { DIRECTION_THRESHOLD, isWaiting, readCues } from '../../../src/engine/pacing/cues.js';
import { detectPivot } from '../../../src/engine/planner/pivots.js';

// Rules added after measuring on the third held-out set (tests/corpora/player/PROVENANCE.md). The
// phrasings here are not in the corpus: the rules, not the set, must carry them.
describe('names are no cues', () => {
  it('does not read a capitalised word inside a sentence as what it would mean in lower case', () => {
    for (const text of [
      'I am Ash Stormcaller.',
      'My brother works at the Kick and Run tavern.',
      'Ask for Marta Hunt at the Strike Gate.',
    ]) {
      expect(readCues(text).score, text).toBeLessThan(DIRECTION_THRESHOLD);
    }
  });

  it('still reads the first word of a sentence or a quotation, and words in capitals', () => {
    for (const text of [
      'Run! Grab the rope!',
      '*Kicks the door open*',
      'I KICK THE DOOR',
      '"Charge!" I yell.',
      'I draw my sword. Strike first, ask later.',
    ]) {
      expect(readCues(text).score, text).toBeGreaterThanOrEqual(DIRECTION_THRESHOLD);
    }
  });
});

describe('a negated act is no act', () => {
  it('does not read what the player says was not, is not or will not be done as pushing forward', () => {
    for (const text of [
      "I didn't kill him, whatever they told you.",
      'We never ran from anything in our lives.',
      "I won't attack unless they do.",
      'That does not mean we kick their door in.',
    ]) {
      expect(readCues(text).score, text).toBeLessThan(DIRECTION_THRESHOLD);
    }
  });

  it('still reads the act in the clause after the negation, and an outcry before an act', () => {
    for (const text of ["I don't wait, I charge!", 'No! I grab his arm and pull him back.', 'Not now. Run!']) {
      expect(readCues(text).score, text).toBeGreaterThanOrEqual(DIRECTION_THRESHOLD);
    }
  });
});

describe('a question about what was done is no act', () => {
  it('does not read the verbs of a question about the past as pushing forward', () => {
    for (const text of ['Did you kill the guard?', 'Had they fought before we came?', 'Who did she run off with?']) {
      expect(readCues(text).score, text).toBeLessThan(DIRECTION_THRESHOLD);
    }
  });

  it('still reads the act after such a question', () => {
    for (const text of ['Did you see him? I chase after him!', 'Have you got the key? Then we break in tonight.']) {
      expect(readCues(text).score, text).toBeGreaterThanOrEqual(DIRECTION_THRESHOLD);
    }
  });
});

describe('politeness is no apology', () => {
  it('does not take owning up to a mistaken belief, or a bare "sorry" repeated into a polite question, for a pivot', () => {
    for (const text of [
      'Forgive me, I took you for a thief.',
      "I'm sorry, I thought she was the innkeeper. Where can I find him?",
      "I'm sorry. I'm sorry, who are you again?",
      'I apologize, I misheard you.',
    ]) {
      expect(detectPivot(text), text).toBeUndefined();
    }
  });

  it('still takes an apology for a wrong, and a grieving one, for a pivot', () => {
    for (const text of [
      "I'm sorry. I'm so sorry. I should have been there.",
      "I'm sorry, I thought I could save him.",
      'Forgive me. I was wrong to leave you.',
    ]) {
      expect(detectPivot(text)?.kind, text).toBe('apology');
    }
  });
});

describe('bare verdicts and stances wait', () => {
  it('reads a lone verdict on the moment and a stance with nothing after it as waiting', () => {
    for (const text of ['Wonderful.', 'How awful!', "That's a shame.", 'I suppose so.', 'We agree.', 'I understand.']) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('does not take a verdict on a thing, a stance with a clause after it, or a verdict before an act for waiting', () => {
    for (const text of [
      "Wonderful view, let's stop here.",
      'I know a shortcut.',
      'I guess we should run.',
      'I think the door is trapped.',
      'Great, I grab the map and go.',
      'Bad idea.',
    ]) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});

describe('a call for attention is no sensing', () => {
  it('does not read "Listen," or "Look," opening a clause as lingering on the senses', () => {
    for (const text of ['Look, we are late already.', 'Fine. Listen, I never wanted this job.', 'See, that is the problem.']) {
      expect(readCues(text).score, text).toBeGreaterThan(-DIRECTION_THRESHOLD);
    }
  });

  it('still reads listening and looking that are done as lingering', () => {
    for (const text of ['I listen to the rain on the roof, eyes closed.', 'I look at her for a long moment.']) {
      expect(readCues(text).score, text).toBeLessThanOrEqual(-DIRECTION_THRESHOLD);
    }
  });
});

describe('a courtesy is no feeling', () => {
  it('does not read "Sorry" with nobody being sorry as lingering', () => {
    for (const text of ['Oh. Sorry.', 'Sorry about the mess, come in.', 'The road was blocked. Sorry, I lost track of time.']) {
      expect(readCues(text).score, text).toBeGreaterThan(-DIRECTION_THRESHOLD);
    }
  });

  it('still reads someone being sorry as a feeling', () => {
    for (const text of ["I'm so sorry for everything.", 'I feel sorry for her.']) {
      expect(readCues(text).feeling, text).toBeGreaterThan(0);
    }
  });
});
