import { describe, expect, it } from 'vitest';
import { runCritics } from '../../../src/engine/critics/index.js';
import { mixedLanguage } from '../../../src/engine/critics/mixed-language.js';
import type { CriticContext } from '../../../src/engine/critics/context.js';
import type { CriticResult } from '../../../src/engine/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { contextFor, zhPack } from './contexts.js';

/** The mixed-language result as the session sees it: hints settled, not flagged. */
function settled(text: string, ctx: CriticContext): CriticResult {
  return runCritics(text, ctx).find((r) => r.id === 'mixed-language')!;
}

function withPack(ctx: CriticContext, pack: CriticContext['pack']): CriticContext {
  return { ...ctx, pack, persona: pack.player };
}

describe('mixed-language in a story written in Latin script', () => {
  const en = contextFor('en');

  it('flags a whole Greek sentence as sure', () => {
    const text = 'Wren looks up from the wheel. Ο μύλος σταμάτησε πριν από τρεις μέρες και κανείς δεν ξέρει γιατί. He waits for you.';
    const r = settled(text, en);
    expect(r.flagged).toBe(true);
    expect(r.evidence[0].text).toContain('μύλος σταμάτησε');
    // The debug pane shows this line: the story's language by name, not its tag ("in a en story").
    expect(r.evidence[0].why).toBe('another script in a story written in English');
  });

  it('flags a German sentence in an English story, though both are Latin script', () => {
    const text = 'Wren shakes his head. Ich habe keine Ahnung, warum das Rad nicht mehr läuft. He hands you the lamp.';
    const r = settled(text, en);
    expect(r.flagged).toBe(true);
    expect(r.evidence.map((e) => e.text)).toEqual(['Ich habe keine Ahnung, warum das Rad nicht mehr läuft.']);
    expect(r.evidence[0].why).toBe('a sentence not in English');
  });

  it('flags a French sentence in an English story', () => {
    const r = settled(
      'Ilsa smiles thinly. "Nous verrons bien demain si tu as encore le courage de revenir ici." She closes the ledger.',
      en,
    );
    expect(r.flagged).toBe(true);
    expect(r.evidence[0].text).toContain('Nous verrons bien demain');
  });

  it('does not take a two-word foreign phrase or unknown names for a switch', () => {
    for (const text of [
      '"Mon Dieu," Ilsa sighs, and pours you another cup of tea. "Drink it while it is hot."',
      'A letter from Herr Doktor Albrecht Krause lies on the table, sealed with green wax. Wren pushes it toward you.',
      'Wren mutters something about the old lock-keeper, Tobiah Quillfeather, and his hopeless debts at the Blackwater exchange.',
    ]) {
      const r = settled(text, en);
      expect(r.flagged, text).toBe(false);
    }
  });

  it('leaves words in another script alone when the pack itself uses them', () => {
    const base = miniPack();
    const pack = { ...base, setting: `${base.setting} Over the mill door hangs a board carved 永安, the name of the old mill.` };
    const r = settled('Wren taps the carved board, 永安, and laughs. "Nobody here can read it," he says.', withPack(en, pack));
    expect(r.flagged).toBe(false);
    expect(r.hint).toBeUndefined();
  });

  it('calls a single word in another script a hint, not a verdict', () => {
    const r = settled('Ilsa writes a single word, Дом, on the back of the receipt and slides it to you.', en);
    expect(r.flagged).toBe(false);
    expect(r.hint).toBe(true);
    expect(r.evidence[0].text).toBe('Дом');
  });
});

describe('mixed-language in a Chinese story', () => {
  const zh = contextFor('zh');

  it('does not flag a brand or loanword that the pack itself uses', () => {
    const pack = zhPack({ setting: '邓马罗是寒河边的磨坊小镇。镇上唯一的商号叫 Brightwell，卖的是 nightlamp 灯油。' });
    for (const text of ['伊莎说，Brightwell 的灯油又涨价了。', '林风把一罐 nightlamp 递给你：“省着点用。”']) {
      const r = settled(text, withPack(zh, pack));
      expect(r.flagged, text).toBe(false);
      expect(r.hint, text).toBeUndefined();
    }
  });

  it('treats capitalised names and acronyms outside the pack as names, not a switch', () => {
    const r = settled('林风说，城里的 Harwick 商会和 GLX 船队都不肯借钱给磨坊。', zh);
    expect(r.flagged).toBe(false);
  });

  it('flags an English clause of three words or more as sure', () => {
    const r = settled('伊莎放下笔，冷冷地说：“We are not friends here.”然后看着你。', zh);
    expect(r.flagged).toBe(true);
    expect(r.evidence[0].text).toBe('We are not friends here');
  });

  it('calls one ordinary English word a hint', () => {
    const r = settled('林风耸耸肩：“whatever，你自己决定吧。”', zh);
    expect(r.flagged).toBe(false);
    expect(r.hint).toBe(true);
  });
});

describe('mixed-language caching', () => {
  it('gives the same answer for the same text, unaffected by a caller changing the evidence', () => {
    const ctx = contextFor('en');
    const text = 'Wren turns away. Das ist nicht dein Problem, und es war es nie, verstehst du mich? He leaves.';
    const first = mixedLanguage(text, ctx);
    first.evidence.length = 0;
    const second = mixedLanguage(text, ctx);
    expect(second.flagged).toBe(true);
    expect(second.evidence.length).toBe(1);
  });
});

describe('mixed-language when the player asks for the language', () => {
  const text = 'Ilsa smiles thinly. "Nous verrons bien demain si tu as encore le courage de revenir ici." She closes the ledger.';
  const asked = (input: string): CriticContext => contextFor('en', { input });

  it('leaves a sentence in the language the player named as a hint, named in English or in its own name', () => {
    for (const input of ['Ilsa, say that again in French.', 'Ilsa, en français, s’il te plaît.']) {
      const r = settled(text, asked(input));
      expect(r.flagged, input).toBe(false);
      expect(r.hint, input).toBe(true);
      expect(r.evidence[0].why).toContain('the player asked for it');
    }
  });

  it('still flags it when the player named another language, or none', () => {
    expect(settled(text, asked('Ilsa, say that again in German.')).flagged).toBe(true);
    expect(settled(text, asked('Ilsa, what did you mean by that?')).flagged).toBe(true);
  });

  it('reads each message afresh: a request on one turn does not excuse the same words on the next', () => {
    const ctx = asked('Ilsa, say that again in French.');
    expect(settled(text, ctx).flagged).toBe(false);
    expect(settled(text, { ...ctx, playerInput: 'Ilsa, what did you mean by that?' }).flagged).toBe(true);
  });
});
