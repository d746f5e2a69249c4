import { describe, expect, it } from 'vitest';
import { formatting } from '../../../src/engine/critics/formatting.js';
import { settle } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';

const run = (text: string, lang: 'en' | 'zh' = 'en') => settle(formatting(text, contextFor(lang)));

describe('formatting', () => {
  it('reads a closing emoji, emoticon or sign-off as the end of a chat message, not a cut', () => {
    for (const text of [
      'Wren hands you the lamp and grins. See you at the gate tonight 🌙',
      'Ilsa snorts at the joke despite herself (^_^)',
      'Thanks for the parcel, it made my whole week! Mara xx',
      'I will write again once the wheel turns. Yours truly, Wren',
      'Counting the days until you visit ;)',
    ]) {
      const result = run(text);
      expect(result.flagged, `${text}: ${JSON.stringify(result.evidence)}`).toBe(false);
    }
  });

  it('still catches English prose that simply stops', () => {
    const result = run('Wren pulls the sluice gate open and the water rushes toward the');
    expect(result.flagged).toBe(true);
    expect(result.evidence.some((e) => e.why.includes('mid-sentence'))).toBe(true);
  });

  it('flags a placeholder a template left unfilled', () => {
    const result = run('Ilsa hums [Insert a sad ballad here] while she counts the coins. "Well?" she asks.');
    expect(result.flagged).toBe(true);
    expect(result.evidence.map((e) => e.text)).toContain('[Insert a sad ballad here]');
  });

  it("flags a script line for someone who is not one of the pack's characters, and spares the character's own", () => {
    const other = run('Wren (quietly): The sluice was jammed on purpose.\n\nTamsin (whispering): Then who jammed it?');
    expect(other.flagged).toBe(true);
    expect(other.evidence.map((e) => e.text)).toEqual(['Tamsin (whispering):']);
    const dangling = run('Wren sets the lamp down. "Ask me tomorrow."\nStranger (shouting)');
    expect(dangling.evidence.map((e) => e.text)).toContain('Stranger (shouting)');
    expect(run('Wren (quietly): The sluice was jammed on purpose. Who would do that?').flagged).toBe(false);
  });

  it('does not call a Chinese sentence without a final stop cut off, unless it stops on a connective', () => {
    const open = run('林风说他明天一早就去修水闸', 'zh');
    expect(open.flagged).toBe(false);
    expect(open.hint).toBe(true);
    const cut = run('林风想了想，说他明天会去，但是', 'zh');
    expect(cut.flagged).toBe(true);
    expect(cut.evidence.some((e) => e.text.endsWith('但是'))).toBe(true);
  });
});
