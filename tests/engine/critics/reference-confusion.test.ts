import { describe, expect, it } from 'vitest';
import { contextFor } from './contexts.js';
import { ctxOf, evidenceText, ilsaAlone, verdict, yishaAlone } from './who-packs.js';

const RC = 'reference-confusion' as const;

describe("reference-confusion: the player called by the character's own name", () => {
  it("catches a chat reply that speaks to the player by the speaker's own name", () => {
    const r = verdict(RC, 'Well, that is a hard question, Ilsa! I think your eyes are the best thing about you.', ctxOf(ilsaAlone()));
    expect(r.flagged).toBe(true);
    expect(evidenceText(r)).toBe('Ilsa');
  });

  it('catches it in Chinese', () => {
    const r = verdict(RC, '伊莎，你今天真好看，我一直在想你。', ctxOf(yishaAlone()));
    expect(r.flagged).toBe(true);
    expect(evidenceText(r)).toBe('伊莎');
  });

  it('catches it after an *action*, where the plain text is the character speaking', () => {
    const r = verdict(RC, '*Ilsa leans over the counter.* Hey Ilsa, you look tired tonight. Sit with me.', ctxOf(ilsaAlone()));
    expect(r.flagged).toBe(true);
  });

  it("takes the speaker's own name said to nobody as self-talk: a hint, not a flag", () => {
    const r = verdict(RC, '*Ilsa rubs her eyes over the columns.* Focus, Ilsa. I need these sums to come out right.', ctxOf(ilsaAlone()));
    expect(r.flagged).toBe(false);
    expect(r.hint).toBe(true);
  });

  it('leaves a character speaking to another character by name alone', () => {
    expect(verdict(RC, '"Wren, you\'re late again," Ilsa says, and taps the ledger twice.', contextFor('en')).flagged).toBe(false);
    expect(verdict(RC, '伊莎敲了敲账本：“林风，你又来晚了。”', contextFor('zh')).flagged).toBe(false);
  });
});

describe('reference-confusion: a character speaking of itself as someone else', () => {
  it('catches the speaker named in the third person and carried on with "she"', () => {
    const reply = 'Ilsa has always said that a debt outlives the debtor. She believed it then, and I still believe it.';
    const r = verdict(RC, reply, ctxOf(ilsaAlone()));
    expect(r.flagged).toBe(true);
    expect(r.evidence[0].why).toMatch(/third person/);
  });

  it('keeps the speaker narrated after a stage direction in brackets a hint: a slip of form, not another person', () => {
    const reply = 'Good evening! Yes, I did. (Proudly) Ilsa has balanced the whole ledger at last. She can hardly wait to show the guild.';
    const r = verdict(RC, reply, ctxOf(ilsaAlone()));
    expect(r.flagged, JSON.stringify(r.evidence)).toBe(false);
    expect(r.hint).toBe(true);
    // Without the cue the speaker still talks of herself as someone else.
    expect(verdict(RC, reply.replace('(Proudly) ', ''), ctxOf(ilsaAlone())).flagged).toBe(true);
  });

  it("gives a single mention of the speaker's own name as a subject only as a hint", () => {
    const r = verdict(RC, 'Ilsa never forgets a sum. I will have my money by Friday.', ctxOf(ilsaAlone()));
    expect(r.flagged).toBe(false);
    expect(r.hint).toBe(true);
  });

  it('takes a Chinese speaker naming herself as formal style, a hint at most', () => {
    const r = verdict(RC, '伊莎认为这笔债必须还清，我不会让步。', ctxOf(yishaAlone()));
    expect(r.flagged).toBe(false);
  });

  it('leaves the character narrated in the *action* markup alone', () => {
    expect(verdict(RC, '*Ilsa closes the ledger and looks up.* I will have my money by Friday.', ctxOf(ilsaAlone())).flagged).toBe(false);
  });
});

describe("reference-confusion: the character taking the player's place", () => {
  it("catches the character giving the player's name as its own, in English and Chinese", () => {
    const en = verdict(RC, 'Ilsa smooths her skirt. "My name is Tamsin, and I grew up at this mill," she says.', ctxOf(ilsaAlone()));
    expect(en.flagged).toBe(true);
    expect(evidenceText(en)).toContain('Tamsin');
    expect(verdict(RC, '我叫林晚，从城里回来的。', ctxOf(yishaAlone())).flagged).toBe(true);
  });

  it('leaves "I\'m Tamsin\'s ..." and a name the player is given by another alone', () => {
    expect(verdict(RC, 'Ilsa smiles thinly. "I\'m Tamsin\'s creditor, nothing more," she says.', ctxOf(ilsaAlone())).flagged).toBe(false);
    expect(verdict(RC, '"You\'re Tamsin, then," Ilsa says. "Sit down."', ctxOf(ilsaAlone())).flagged).toBe(false);
  });
});

describe('reference-confusion: the player handed a full name that is not theirs', () => {
  const en = contextFor('en');

  it('flags "You are Detective James Watson" said to a player of another name', () => {
    // critics-third sh-openchat0106-b: Holmes casts the player, just called by his own name, as Watson.
    const text = 'Hi Tamsin, I am Wren the miller. You are Detective James Watson, my trusted associate. A new case has come in.';
    const r = verdict(RC, text, en);
    expect(r.flagged).toBe(true);
    expect(evidenceText(r)).toContain('You are Detective James Watson');
  });

  it('only hints at a title-less pair of names or a title with one word: narration hands out idioms that way', () => {
    for (const text of [
      'Tamsin bows with a flourish. You are Prince Charming. The miller laughs and claps.',
      'The dice land on six again. You are Lady Luck, it seems, and the whole table knows it.',
      'Wren grins at the mended wheel. You are Mr. Right, the answer to every broken mill.',
      'You are Lady Luck herself tonight, Wren says, and pushes the winnings over.',
      'Hi Tamsin, I am Wren the miller. You are James Watson, my trusted associate.',
    ]) {
      const r = verdict(RC, text, en);
      expect(r.flagged, text).toBe(false);
    }
    const hinted = verdict(RC, 'Tamsin bows with a flourish. You are Prince Charming. The miller laughs and claps.', en);
    expect(hinted.hint).toBe(true);
    expect(evidenceText(hinted)).toContain('Prince Charming');
  });

  it("leaves the player's own name, one capitalised word, a possessive, and a name spoken between others", () => {
    for (const text of [
      'You are Tamsin, the miller’s sister, and the wheel is yours to mend.',
      "You are British, aren't you? Wren asks.",
      'You are Lady Morrow’s guest tonight, so mind the candles.',
      'Wren points at the stranger. "You are Captain Reyes, the new harbourmaster," he says.',
    ]) {
      expect(verdict(RC, text, en).flagged, text).toBe(false);
    }
  });
});

describe('reference-confusion and speaks-for-user: a character narrating in its own first person', () => {
  // Many community cards have the character narrate its own actions as "I" between asterisks, with
  // no "you" in the narration; an imported card's style is second person by default, so the pack
  // does not say so. A rule that read such narration as the narrator writing the player's part
  // was tried and reverted (critics-fifth's PROVENANCE.md); it now reads only packs whose every
  // character is a narrator or game master (narrator-as-player.test.ts): these replies stay clean.
  const replies = [
    '*I lean back in my chair and I sip the tea slowly.* "So, what brings you here tonight?"',
    '*I smile and I set the cup down on the counter.* "Welcome back. The usual?"',
    '"Come in, come in." *I wave a hand at the empty stool and I pour a second glass.* "Sit."',
  ];
  for (const reply of replies)
    it(`leaves ${JSON.stringify(reply.slice(0, 40))} alone`, () => {
      expect(verdict(RC, reply, ctxOf(ilsaAlone())).flagged).toBe(false);
      expect(verdict('speaks-for-user', reply, ctxOf(ilsaAlone())).flagged).toBe(false);
      expect(verdict(RC, reply, contextFor('en')).flagged).toBe(false);
      expect(verdict('speaks-for-user', reply, contextFor('en')).flagged).toBe(false);
    });
});
