import { describe, expect, it } from 'vitest';
import { runCritics } from '../../../src/engine/critics/index.js';
import type { CriticContext } from '../../../src/engine/critics/context.js';
import type { CriticResult } from '../../../src/engine/types.js';
import { contextFor } from './contexts.js';

function ooc(text: string, ctx: CriticContext): CriticResult {
  return runCritics(text, ctx).find((r) => r.id === 'out-of-character')!;
}

describe('out-of-character', () => {
  const en = contextFor('en');
  const zh = contextFor('zh');

  it('does not read "I can\'t help but ..." or "I can\'t help it" as a refusal', () => {
    for (const text of [
      "I can't help but shudder at the smell from the cellar. Wren covers his nose and waves you back.",
      "I can't help it, the river frightens me. Wren squeezes your hand anyway.",
      "I can't help wondering what Ilsa wrote on that last page. You could ask her.",
    ]) {
      const r = ooc(text, en);
      expect(r.flagged, text).toBe(false);
      expect(r.hint, text).toBeUndefined();
    }
  });

  it('still flags "I can\'t help with that" in the narrator\'s voice', () => {
    expect(ooc("I can't help with that request. Wren stays by the wheel.", en).flagged).toBe(true);
  });

  it('flags a reply that talks like a helpdesk: two service lines together', () => {
    const r = ooc("Wren smiles. I'm so glad I was able to help. Is there anything else I can do for you today?", en);
    expect(r.flagged).toBe(true);
    expect(r.evidence.map((e) => e.text)).toEqual(["I'm so glad I was able to help", 'Is there anything else I can do for you']);
  });

  it('leaves one courtesy line as a hint (a shopkeeper may say it)', () => {
    const r = ooc('Ilsa wraps the candles in brown paper. "Anything else I can do for you, dear?"', en);
    expect(r.flagged).toBe(false);
    expect(r.hint).toBe(true);
  });

  it('flags "anything else I can help you with" at once', () => {
    expect(ooc('The wheel turns again. Is there anything else I can help you with?', en).flagged).toBe(true);
  });

  it('flags an explainer that ends in a safety sermon, in Chinese and English', () => {
    const zhText = '磨坊的历史很长。此外，水车的结构也很复杂。总而言之，参观的时候一定要注意自身的安全，遵守相关规定。';
    const enText =
      'Mills were common in river towns. Furthermore, wheels need upkeep. In conclusion, it is important to remember to prioritize safety first around machinery.';
    expect(ooc(zhText, zh).flagged).toBe(true);
    expect(ooc(enText, en).flagged).toBe(true);
  });

  it("takes a lone word of caution in a character's mouth for a hint, not a verdict", () => {
    const r = ooc('林风拉住你的袖子：“河边滑，注意安全。”', zh);
    expect(r.flagged).toBe(false);
    expect(r.hint).toBe(true);
  });

  it('hints when the speaker counts the years since their own death', () => {
    const r = ooc('Ah, friend, I have been dead for 300 years, so I know nothing of your carriages without horses.', en);
    expect(r.flagged).toBe(false);
    expect(r.hint).toBe(true);
    expect(r.evidence[0].text).toBe('been dead for 300 years');
  });

  it('flags assistant closing lines in Chinese', () => {
    expect(ooc('林风点点头。希望我的回答对你有帮助，如果你有其他需要我帮忙的地方，欢迎随时告诉我。', zh).flagged).toBe(true);
  });

  it('reads 角色扮演游戏 as the name of a game genre, and still catches talk about the role-play itself', () => {
    const zh = contextFor('zh');
    expect(ooc('林风说他小时候最爱玩一款角色扮演游戏，后来家里穷，就再也没碰过。你玩过吗？', zh).flagged).toBe(false);
    expect(ooc('（我们先暂停一下角色扮演。）林风把灯放下。你想接着聊什么？', zh).flagged).toBe(true);
  });
});
