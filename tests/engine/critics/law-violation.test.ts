import { describe, expect, it } from 'vitest';
import { runCritics } from '../../../src/engine/critics/index.js';
import { lawEra } from '../../../src/engine/critics/law-era.js';
import type { CriticContext } from '../../../src/engine/critics/context.js';
import type { CriticResult } from '../../../src/engine/types.js';
import type { Law } from '../../../src/world/types.js';
import { contextFor } from './contexts.js';

function law(text: string, ctx: CriticContext): CriticResult {
  return runCritics(text, ctx).find((r) => r.id === 'law-violation')!;
}

function withLaws(ctx: CriticContext, laws: Law[], setting?: string): CriticContext {
  const pack = { ...ctx.pack, laws, ...(setting ? { setting } : {}) };
  return { ...ctx, pack, persona: pack.player };
}

const TUDOR: Law = { id: 'tudor', text: 'London, 1590s. Nothing invented after 1599 exists here.', forbid: ['telephone'] };

describe('law-violation: a forbidden word the character only asks about', () => {
  it("is not a violation when the character quotes the player's word back or asks what it is", () => {
    const ctx = { ...withLaws(contextFor('en'), [TUDOR]), playerInput: 'Do you own a telephone?' };
    for (const text of [
      'Wren frowns. "A telephone? What is a telephone, and who sold you one?"',
      'Ilsa tilts her head. "This \'telephone\' you speak of sounds like witchcraft."',
      'Wren scratches his chin. "I have never heard of a telephone, friend."',
    ])
      expect(law(text, ctx).flagged, text).toBe(false);
  });

  it('is a violation when the character uses the word as a thing it knows', () => {
    const ctx = { ...withLaws(contextFor('en'), [TUDOR]), playerInput: 'Do you own a telephone?' };
    const r = law('Wren nods. "Aye, the telephone is in the hall; ring whomever you like."', ctx);
    expect(r.flagged).toBe(true);
    expect(r.evidence[0].text).toBe('telephone');
  });

  it('still flags a quoted word the player never said', () => {
    const ctx = { ...withLaws(contextFor('en'), [TUDOR]), playerInput: 'How do you send word to your sister?' };
    expect(law('Wren smiles. "By \'telephone\', of course."', ctx).flagged).toBe(true);
  });

  it('handles the same in Chinese', () => {
    const base = contextFor('zh');
    const ctx = { ...base, playerInput: '你有手机吗？' };
    expect(law('林风一脸茫然：“你说的手机是何物？”', ctx).flagged).toBe(false);
    expect(law('林风把手机递给你：“拿去打吧。”', ctx).flagged).toBe(true);
  });
});

describe("law-violation: anachronisms the law's own era implies", () => {
  it("reads the era from the law's text, and only when the law denies later things", () => {
    expect(lawEra('London, 1590s. Nothing invented after 1599 exists here.')).toBe(1599);
    expect(lawEra('Carthage in the 150s BC; nothing known after 146 BC can be known.')).toBe(-146);
    expect(lawEra('唐朝长安，没有任何后世的器物。')).toBe(907);
    expect(lawEra('二十世纪三十年代的上海，没有任何后来的发明。')).toBe(1939);
    expect(lawEra('Her grandmother still thinks it is 1987.')).toBeNull();
  });

  it('flags a later invention that is not on the forbid list', () => {
    const ctx = withLaws(contextFor('en'), [TUDOR]);
    const r = law('Ilsa hands you a photograph of the mill, still damp from the developer.', ctx);
    expect(r.flagged).toBe(true);
    expect(r.evidence[0].text).toBe('photograph');
    expect(r.evidence[0].why).toContain('tudor');
  });

  it('keeps words with an older sense, or close to the era, as hints', () => {
    const ctx = withLaws(contextFor('en'), [{ id: 'regency', text: 'England in 1815; nothing invented after 1820 exists.', forbid: [] }]);
    const camera = law('Wren peers into the camera and sees the street upside down.', ctx);
    expect(camera.flagged).toBe(false);
    expect(camera.hint).toBe(true);
    const rail = law('Ilsa says the railway will reach Dunmarrow within the year.', ctx);
    expect(rail.flagged).toBe(false);
    expect(rail.hint).toBe(true);
  });

  it('does not flag what the pack itself puts in its world', () => {
    const ctx = withLaws(contextFor('en'), [TUDOR], 'A Tudor mill town where an alchemist keeps a strange photograph in a locked box.');
    expect(law("Ilsa shows you the photograph from the alchemist's box.", ctx).flagged).toBe(false);
  });

  it('finds anachronisms in a Chinese era law', () => {
    const ctx = withLaws(contextFor('zh'), [{ id: 'era', text: '唐朝长安，没有任何后世的器物。', forbid: [] }]);
    const r = law('伊莎从袖子里掏出一台照相机，对着你拍了一张。', ctx);
    expect(r.flagged).toBe(true);
    expect(r.evidence[0].text).toBe('照相机');
  });

  it('leaves a law without an era alone', () => {
    const ctx = withLaws(contextFor('en'), [{ id: 'no-magic', text: 'There is no magic; 1994 was a hard year.', forbid: [] }]);
    expect(law('Wren checks his email on the laptop.', ctx).flagged).toBe(false);
  });
});
