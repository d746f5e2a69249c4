import { describe, expect, it } from 'vitest';
import { isWaiting } from '../../../src/engine/pacing/cues.js';

// Acknowledgements that only make sense after the line before them: the player takes in what was
// said and makes no move. The phrasings are not from the labelled set: the rules must carry them.
describe('taking in what was said', () => {
  it('reads news or a correction taken in, alone, as waiting', () => {
    for (const text of [
      "Huh. I didn't know that.",
      'I had no idea. Thanks.',
      'Good to know.',
      'My mistake.',
      'I stand corrected.',
      '啊，是我搞错了。',
      '原来是我记错了',
    ]) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('does not take a clause with more in it, or owning up to a wrong done to someone, for waiting', () => {
    for (const text of [
      "I didn't know you could sing.",
      'I had no idea, so I ask the innkeeper.',
      'My mistake was trusting you.',
      '我误会你了。',
      '我搞错了路线，我们往回走。',
    ]) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});

describe('an oath or interjection alone', () => {
  it('reads an outcry with nothing else as waiting', () => {
    for (const text of ['Damn.', 'Oh no.', 'Yikes!', 'Well, crap.', 'Right. Oh dear.']) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('does not take an oath before an act, an oath at someone, or a bare "No." for waiting', () => {
    for (const text of ['Damn, they saw us! Run!', 'Damn you!', 'No.', 'Oh no you don’t, I grab his wrist.']) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});

describe('not having caught what was said', () => {
  it('reads one word of "say again?" as waiting, like "Huh?"', () => {
    for (const text of ['Pardon?', '"Come again?"', '*Sorry?*', 'Pardon me?']) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('does not take a call for attention, an apology or a question of its own for waiting', () => {
    for (const text of ['Excuse me.', 'Sorry.', 'Pardon? Who let you in here?', 'Sorry, what did she just say?']) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});

describe('giving up on a riddle', () => {
  it('reads giving up and asking to be told as a go-on cue', () => {
    for (const text of ['嗯……猜不到，告诉我吧！', '小月能告诉我吗？', '我猜不出来了。']) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('does not take a request to be told something, or giving up before an act, for waiting', () => {
    for (const text of ['你能告诉我你是谁吗？', '你需要什么，都可以告诉我。', '告诉我他在哪！', '我猜不出来，我去问问别人。']) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});
