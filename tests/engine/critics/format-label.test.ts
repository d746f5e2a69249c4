/**
 * A prompt's name for a part of the reply left in it as a label ("Use (your action) for actions" answered with
 * "(Your action: nods)"): a leftover of the template, as "[Insert name]" is, so a formatting flag; words about the
 * player's own action, or a colon with no such label, are prose.
 */
import { describe, expect, it } from 'vitest';
import { miniPack } from '../../fixtures/mini-pack.js';
import { ctxOf, evidenceText, verdict } from './who-packs.js';

const LABELLED = [
  '[He will not bend. Good.]\n\n(Your action: Sets the ledger down, keeping the lamp between them) "The wheel turns at dawn, Tamsin."\n\n(Your thought: She knows more than she says.)',
  'Ilsa counts the coins twice. [Your thoughts: the seal is forged.] "You may go."',
  '（你的动作：放下账本）“水车明早就会转。”',
];

const PROSE = [
  'Ilsa counts the coins twice. (Your action, not mine, stopped that wheel.) "You may go."',
  '"Your move," Ilsa says, sliding the lamp across. "Choose: the mill or the river."',
  'The note reads: your thoughts are your own. (She folds it.) "Keep it."',
];

describe("formatting: the prompt's label for a part of the reply", () => {
  it('flags "(Your action: ...)", "[Your thoughts: ...]" and 你的动作：', () => {
    for (const text of LABELLED) {
      const r = verdict('formatting', text, ctxOf(miniPack()));
      expect(r.flagged, text).toBe(true);
      expect(evidenceText(r), text).toMatch(/Your action:|Your thoughts:|你的动作：/);
    }
  });

  it('leaves "your action" in a sentence, "Your move," and a colon after other words alone', () => {
    for (const text of PROSE) expect(verdict('formatting', text, ctxOf(miniPack())).flagged, text).toBe(false);
  });
});
