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

  it("counts a speaker presenting itself as there to help as an assistant's service line: a hint alone, sure with another", () => {
    // critics-fourth town-sage-nemo, town-lucky-nemo, town-sage-gptoss: an elder and a stargazer answer like a help desk.
    for (const text of [
      "Of course! I'm here to help. Tell me what is on your mind.",
      "Hello! I've been here ready to assist you all day.",
      "Sure thing! Tell me a bit more about the mill, and I'll do my best to help.",
    ]) {
      const r = ooc(text, en);
      expect(r.flagged, text).toBe(false);
      expect(r.hint, text).toBe(true);
    }
    const two = ooc("Of course! I'm here to help. Feel free to ask me anything about the mill.", en);
    expect(two.flagged).toBe(true);
    expect(ooc('Wren wipes his hands. "I am here to mend the wheel, not to chat," he says.', en).evidence).toEqual([]);
  });

  it("catches an AI's disclaimer about itself: 'I'm an artificial intelligence', 'I don't have personal projects'", () => {
    // critics-fourth town-stella-nemo and town-bob-nemo: the artist and the inventor answer as the model.
    for (const text of [
      "Hello! I'm an artificial intelligence and I have no hands to sketch with. What else can we do?",
      'Wren shrugs. I am just an artificial intelligence, after all, and the mill is only words to me.',
      "Hello! (I don't have personal projects or tasks like a human would.) Let's chat about the weather!",
      'I do not have personal opinions about the river, but many people find it pretty.',
    ]) {
      expect(ooc(text, en).flagged, text).toBe(true);
    }
    // A character's own lack of an opinion, or a machine's name for a machine, is not the disclaimer.
    for (const text of [
      'Wren snorts. "I have no opinion on the miller\'s daughter, and I would thank you to drop it."',
      'The automaton whirs. Its brass plate reads: ARTIFICIAL INTELLIGENCE, MODEL 7. It waits for your order.',
    ]) {
      expect(ooc(text, en).flagged, text).toBe(false);
    }
  });
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

  it('takes one everyday courtesy for speech, and two together for the assistant talking', () => {
    for (const text of [
      '"Let me know if you see him on the bridge," Wren says.',
      'Ilsa waves at the shelves. Feel free to look around, the candles are cheap.',
    ]) {
      const r = ooc(text, en);
      expect(r.flagged, text).toBe(false);
      expect(r.hint, text).toBe(true);
    }
    expect(ooc('Wren nods at the wheel. I hope this helps! Let me know if you have any other questions.', en).flagged).toBe(true);
    // critics-third mtb-elon-claude-t1: an offer to go on playing the part.
    expect(ooc("Mars is the next step. Let me know if you'd like me to continue the conversation as Elon Musk!", en).flagged).toBe(true);
  });

  it("leaves a teacher's or a doctor's courtesies to the character, but not an assistant's service lines", () => {
    const base = contextFor('en');
    const main = base.pack.characters[0];
    const teacher = {
      ...base,
      pack: {
        ...base.pack,
        characters: [{ ...main, persona: 'A patient math teacher who explains things to her students.' }, ...base.pack.characters.slice(1)],
      },
    };
    const signOff = 'A probability runs from 0 to 1. I hope this helps! Let me know if you have any more questions.';
    const r = ooc(signOff, teacher);
    expect(r.flagged).toBe(false);
    expect(r.hint).toBe(true);
    expect(ooc("I'm so glad I was able to help. Is there anything else I can do for you today?", teacher).flagged).toBe(true);
    expect(ooc('As an AI language model, I cannot teach you that.', teacher).flagged).toBe(true);
    // A patient miller serves no patients, and "The Doctor" of Doctor Who is a name, not a trade.
    const cast = (name: string, persona: string) => ({
      ...base,
      pack: { ...base.pack, characters: [{ ...main, name, persona }, ...base.pack.characters.slice(1)] },
    });
    expect(ooc(signOff, cast('Wren', 'A patient old miller who keeps the wheel.')).flagged).toBe(true);
    expect(ooc(signOff, cast('The Doctor', 'A Time Lord who travels time and space.')).flagged).toBe(true);
  });

  it('does not read a term the player asked about as meta talk, but still catches the assistant speaking as one', () => {
    const asked = contextFor('en', { input: 'What is a language model? Is it trained on labelled data?' });
    expect(ooc('A language model learns which words follow which from a great deal of unlabelled text.', asked).flagged).toBe(false);
    expect(ooc('As a language model, I have no opinion on mills.', asked).flagged).toBe(true);
    expect(ooc('A language model learns which words follow which.', en).flagged).toBe(true);
  });

  it('catches "as an artificial intelligence" spelled out', () => {
    // critics-third mtb-sheldon-gpt4-t2.
    expect(ooc("I must remind you that as an artificial intelligence, I don't have a physical presence.", en).flagged).toBe(true);
  });

  it('counts an assistant\'s open invitation ("let me know a bit more", "any topic you like", "let\'s chat") toward the two service lines', () => {
    // critics-fourth town-sage-gptoss, town-sage-nemo: a riddling elder answers like a help desk.
    expect(ooc("Sure thing! Let me know a bit more, and I'll do my best to help.", en).flagged).toBe(true);
    expect(ooc("Of course! I'm here to help. Ask me about any topic you like.", en).flagged).toBe(true);
    expect(ooc("Of course! I'm here to help. Let's chat.", en).flagged).toBe(true);
    // One alone is a hint: a friend may say it.
    const alone = ooc('Wren pulls up a stool by the stove. "Let\'s chat, then. The wheel can wait."', en);
    expect(alone.flagged).toBe(false);
    expect(alone.hint).toBe(true);
  });
});

describe('out-of-character in a play script', () => {
  const en = contextFor('en');

  it("reads a refusal between stage directions, with no quoted dialogue, as the character's line: a hint, not a verdict", () => {
    const script = "(folds her arms) I thank you for the offer, Captain, but I won't engage in such idle gossip. (turns back to the map)";
    const r = ooc(script, en);
    expect(r.flagged, JSON.stringify(r.evidence)).toBe(false);
    expect(r.hint).toBe(true);
    // The same refusal in plain narration, no stage direction, is still the narrator refusing.
    expect(ooc("I won't engage in such idle gossip.", en).flagged).toBe(true);
    // An AI's disclaimer is out of voice in a play script too.
    expect(ooc('(sighs) As an AI, I cannot engage in that. (shrugs)', en).flagged).toBe(true);
  });
});
