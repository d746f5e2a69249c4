import { describe, expect, it } from 'vitest';
import { runCritics } from '../../../src/engine/critics/index.js';
import type { CriticContext } from '../../../src/engine/critics/context.js';
import type { CriticResult } from '../../../src/engine/types.js';
import { contextFor } from './contexts.js';

function fill(text: string, ctx: CriticContext): CriticResult {
  return runCritics(text, ctx).find((r) => r.id === 'filler')!;
}

describe('filler', () => {
  const en = contextFor('en');
  const zh = contextFor('zh');

  it('does not count a stock verb that is a whole stage direction alone ("(smirks)") as a tic', () => {
    const text =
      '(looks at Wren with a mix of doubt and relief) So the wheel turned after all. (smirks) And you want me to believe ' +
      'the miller did it himself? (leans on the sluice gate, waiting)';
    expect(fill(text, en).flagged, JSON.stringify(fill(text, en).evidence)).toBe(false);
    // Told in a sentence, the same word still weighs beside another tic.
    const told = text.replace('(smirks)', 'He smirks.');
    expect(fill(told, en).flagged).toBe(true);
  });

  it('does not take a plain concession for the "not X, but Y" tic', () => {
    for (const text of [
      "I'm not certain, but I think the ledger is in the cellar. Wren lifts the lamp for you.",
      'The path is not steep enough to stop a cart, but the mud is. Ilsa points at the ruts.',
      'I am not sure, but Ilsa might remember. Shall we ask her?',
      // critics-sixth tnl-gothic-t21: a clause that does something after "but", and "not yet" with a dash.
      "Wren's kick is not graceful, but it lands. Ilsa staggers back against the wheel.",
      "The boy is not yet safe—he's still in the millrace. Ilsa shouts for the rope.",
    ]) {
      const r = fill(text, en);
      expect(r.flagged, text).toBe(false);
      expect(r.hint, text).toBeUndefined();
    }
  });

  it('still counts the reframing "not X, but Y" and "isn\'t X — it\'s Y" after the concessions are let through', () => {
    const r = fill("Wren looks around. It's not a workplace, but a shrine. The wheel isn't a machine—it's a heart.", en);
    expect(r.flagged).toBe(true);
    expect(r.evidence.filter((e) => e.why.includes('not X, but Y')).length).toBe(2);
  });

  it('flags two light stock tics together although neither flags alone', () => {
    const one = 'Wren studies the broken gear, his engineering instincts kicking in. "Hand me the wrench," he says.';
    const two =
      'Wren studies the broken gear with a blend of worry and delight, his engineering instincts kicking in. "Hand me the wrench," he says.';
    expect(fill(one, en).flagged).toBe(false);
    const r = fill(two, en);
    expect(r.flagged).toBe(true);
    expect(r.evidence.map((e) => e.text)).toEqual(['a blend of worry and delight', 'his engineering instincts kicking in']);
  });

  it('catches tics whose middle word varies', () => {
    const text =
      "Ilsa leafs through the ledger, her stubborn curiosity shining through, trying to hide her amusement at your brother's sums.";
    const r = fill(text, en);
    expect(r.flagged).toBe(true);
    expect(r.evidence.some((e) => e.text.includes('curiosity shining through'))).toBe(true);
    expect(r.evidence.some((e) => e.text.includes('trying to hide her amusement'))).toBe(true);
  });

  it('leaves a single rhetorical contrast as a hint, and flags it with another tic', () => {
    const alone = fill('It was not the cold, but the silence that woke Wren. He sits up and listens.', en);
    expect(alone.flagged).toBe(false);
    expect(alone.hint).toBe(true);
    const paired = fill('It was not the cold, but the silence that woke Wren, a flicker of a smile on his lips.', en);
    expect(paired.flagged).toBe(true);
  });

  it('flags a Chinese reply stacking romance cues', () => {
    const r = fill('林风眼中满是温柔，嘴角微微上扬：“早点睡吧。”', zh);
    expect(r.flagged).toBe(true);
    expect(r.evidence.map((e) => e.text)).toEqual(['眼中满是温柔', '嘴角微微上扬']);
  });

  it('leaves one "delve into" in a character\'s speech alone, and flags the purple tics piled around it elsewhere', () => {
    const speech = fill(
      '"I have heard of the new gear, but I have not had the chance to delve into it myself," Wren admits. "Tell me more."',
      en,
    );
    expect(speech.flagged).toBe(false);
    const piled = fill(
      'The lamplight melds seamlessly with the dusk, wrapping the mill in a cocoon of quiet. This moment transcends mere ' +
        'business; when Wren finally closes the ledger, the silence speaks volumes.',
      en,
    );
    expect(piled.flagged).toBe(true);
    expect(piled.evidence.map((e) => e.text)).toEqual(['melds seamlessly', 'a cocoon of', 'transcends mere business', 'speaks volumes']);
  });

  it('leaves a stock phrase with a plain sense alone below the flag, and flags its ceremonial frame or a second tic', () => {
    for (const text of [
      'You push open the smithy door. The air is thick with coal smoke, and Wren looks up from the anvil. "Shut it behind you."',
      '"Your ledger is a testament to your patience," Ilsa says, closing it. "Now pay what you owe."',
    ]) {
      const r = fill(text, en);
      expect(r.flagged, text).toBe(false);
      expect(r.evidence.length, text).toBe(1);
    }
    const frame = fill('The old mill stands as a testament to the town that built it. Wren sets down his lamp.', en);
    expect(frame.flagged).toBe(true);
    expect(frame.evidence.map((e) => e.text)).toEqual(['stands as a testament to']);
    const two = fill('The air was thick with dread, a wave of cold rolling off the river as Wren lifts the lamp.', en);
    expect(two.flagged).toBe(true);
  });
});
