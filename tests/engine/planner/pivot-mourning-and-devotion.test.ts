import { describe, expect, it } from 'vitest';
import { detectPivot } from '../../../src/engine/planner/pivots.js';

const kind = (text: string) => detectPivot(text)?.kind;

// Added after the sixth and seventh held-out sets' missed pivots (wedding vows, a toast to a dead
// companion, a widow's grief, a father meeting his daughter again); the phrasings here are not
// taken from any set.
describe('mourning the dead', () => {
  it('is grief: a toast or words for the fallen, a eulogy, someone close lost', () => {
    expect(kind('Raise your cups for Brannoc, our fallen captain.')).toBe('grief');
    expect(kind('To the fallen!')).toBe('grief');
    expect(kind('She was the bravest of us all, and she knew it.')).toBe('grief');
    expect(kind('He was the kindest man I ever knew.')).toBe('grief');
    expect(kind('We lost our mentor this morning.')).toBe('grief');
    expect(kind('In loving memory of Edda, I light this candle.')).toBe('grief');
  });

  it('is nothing for a fallen thing, someone lost in a crowd, or a boast about the living', () => {
    expect(kind('The fallen oak blocks the road north.')).toBeUndefined();
    expect(kind('I lost my brother in the market crowd, have you seen him?')).toBeUndefined();
    expect(kind('He was the fastest rider in the valley.')).toBeUndefined();
    expect(kind('I lost my map somewhere near the ford.')).toBeUndefined();
  });
});

describe('meeting again someone one feared not to see again', () => {
  it('is a reunion', () => {
    expect(kind("I'm so glad I get to see you again, little one.")).toBe('reunion');
    expect(kind('When the ship sank I thought that was the last time I would see you.')).toBe('reunion');
  });

  it('is nothing for a polite "good to see you again"', () => {
    expect(kind('Good to see you again, Master Orrin. The usual?')).toBeUndefined();
  });
});

describe('giving oneself to someone', () => {
  it('is a vow: "I am forever yours", the vow\'s "and I yours"', () => {
    expect(kind('Whatever comes, I am forever yours.')).toBe('vow');
    expect(kind('You mine, and I yours, until the tide takes us.')).toBe('vow');
  });

  it("is nothing for being at someone's disposal", () => {
    expect(kind("I'm all yours, what needs lifting?")).toBeUndefined();
    expect(kind('I am yours to command, my lady.')).toBeUndefined();
    expect(kind("I'm yours for the afternoon if the cart needs fixing.")).toBeUndefined();
  });
});
