/**
 * critics-tenth: Apple's on-device narrator writes dialogue in single quotes ("'I cannot comply,' he says", "'No,' you
 * say, 'I demand a fair price.'") and names itself in apposition ("I, Vexarion, shall reward your foolishness"). A line
 * in single quotes is a character's, as one in double quotes is; a name after "I," is the speaker's own, not the one
 * spoken to; "you think you can" + the player's own move reads their attempt back; stepping through the doors of the
 * guild the player said they register at begins their move.
 */
import { describe, expect, it } from 'vitest';
import { contextFor } from './contexts.js';
import { ctxOf, ilsaAlone, verdict } from './who-packs.js';

const en = contextFor('en');

describe('single-quoted dialogue', () => {
  it("leaves a refusal in a character's single-quoted line to the character, apostrophes inside it included", () => {
    for (const t of [
      "The caravan master shakes his head. 'I cannot comply,' he says, and walks away.",
      "'I can't help you, it's not mine to give,' Wren says, and turns back to the wheel.",
    ])
      expect(verdict('out-of-character', t, en).flagged, t).toBe(false);
    expect(verdict('out-of-character', 'I cannot comply with that. The wheel stays still.', en).flagged).toBe(true);
  });

  it("takes an offer of service in a character's line for a clerk's courtesy: a hint, and sure from the narrator", () => {
    const line = verdict('out-of-character', "A clerk looks up from the ledger. 'How may I assist you today?' he asks.", en);
    expect(line.flagged).toBe(false);
    expect(line.hint).toBe(true);
    expect(verdict('out-of-character', 'The wheel is still. How may I assist you today?', en).flagged).toBe(true);
  });

  it('reads the player speaking after a closing single quote', () => {
    const ctx = contextFor('en', { input: 'I haggle over the salt.' });
    const r = verdict('speaks-for-user', "The caravan master sneers. 'No,' you say, 'I demand a fair price.'", ctx);
    expect(r.flagged).toBe(true);
  });
});

describe('the speaker named after "I,"', () => {
  it('is an appositive, not the player called by the speaker’s own name', () => {
    const r = verdict(
      'reference-confusion',
      'Fear not, for I, Ilsa, shall keep your ledger safe. You owe me nothing yet.',
      ctxOf(ilsaAlone()),
    );
    expect(r.flagged).toBe(false);
    expect(r.evidence).toEqual([]);
    const called = verdict('reference-confusion', 'Fear not, Ilsa, you owe me nothing yet. Your ledger is safe.', ctxOf(ilsaAlone()));
    expect(called.flagged).toBe(true);
  });
});

describe('going to the place the player named', () => {
  it('begins their move there, and a walk somewhere else is still decided for them', () => {
    const ctx = contextFor('en', { input: 'I register at the guild and pay the fee.' });
    const there = 'You step through the heavy doors of the guild hall. A clerk looks up from the ledger.';
    expect(verdict('speaks-for-user', there, ctx).flagged).toBe(false);
    expect(verdict('speaks-for-user', 'You walk down to the river instead. A clerk looks up from the ledger.', ctx).flagged).toBe(true);
  });
});

describe('"you think you can" + the player’s own move', () => {
  it('reads the attempt back, and still flags a belief the player never showed', () => {
    const mine = contextFor('en', { input: 'I check how much gold I have left.' });
    const taunt = 'Ah, you foolish girl, you think you can check your purse while the mill rots. The wheel creaks on.';
    expect(verdict('speaks-for-user', taunt, mine).flagged).toBe(false);
    const other = contextFor('en', { input: 'I look at the river.' });
    expect(verdict('speaks-for-user', 'The flood rises fast. You think you can outrun it. The wheel creaks on.', other).flagged).toBe(true);
  });
});
