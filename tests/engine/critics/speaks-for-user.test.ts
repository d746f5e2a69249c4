import { describe, expect, it } from 'vitest';
import { miniPack } from '../../fixtures/mini-pack.js';
import { contextFor, zhPack } from './contexts.js';
import { ctxOf, evidenceText, ilsaAlone, verdict, yishaAlone } from './who-packs.js';

const SFU = 'speaks-for-user' as const;

describe('speaks-for-user: what is not the player acting', () => {
  it('reads plain text after an *action* as the character speaking, not as narration of the player', () => {
    const reply = '*Ilsa closes the ledger with a snap.* You promised me the deed by spring. You swore it on your brother.';
    const r = verdict(SFU, reply, ctxOf(ilsaAlone()));
    expect(r.flagged).toBe(false);
    expect(r.hint).toBeUndefined();
  });

  it("reads plain text that tells the player's moves outside the *actions* as narration (a model drifting out of the stars)", () => {
    const input = 'I take the tea and drink. "The caravan was attacked."';
    const drifted = 'You grab your sword and charge outside, shouting a battle cry. You feel brave and certain. *Ilsa follows.*';
    const r = verdict(SFU, drifted, ctxOf(ilsaAlone(), { input }));
    expect(r.flagged).toBe(true);
    expect(evidenceText(r)).toContain('You grab');
    // One such clause may be a character giving directions: a hint, not a verdict.
    const directions = verdict(
      SFU,
      '*Ilsa points down the hill.* You follow the river to the mill. The bridge is out.',
      ctxOf(ilsaAlone(), { input }),
    );
    expect(directions.flagged).toBe(false);
    expect(directions.hint).toBe(true);
    // A plain line that sounds spoken (first person, a question) stays the character's.
    const spoken = '*Ilsa sighs.* You grab your things and you follow me. Now.';
    expect(verdict(SFU, spoken, ctxOf(ilsaAlone(), { input })).flagged).toBe(false);
  });

  it('takes a question to the player as a question, in English and Chinese', () => {
    expect(verdict(SFU, 'The lamp gutters between you. You think the wheel will turn again?', contextFor('en')).flagged).toBe(false);
    expect(verdict(SFU, '（放下账本，看着林晚）阿晚，你觉得这笔账该怎么算？', contextFor('zh')).flagged).toBe(false);
    expect(verdict(SFU, '伊莎合上账本。你觉得她在撒谎吗？', contextFor('zh')).flagged).toBe(false);
  });

  it('does not read an imported card\'s player name "You" as a name: only a clause-opening "you" decides', () => {
    const pack = ilsaAlone({ name: 'You' });
    expect(verdict(SFU, 'When you take my hand, I stop shaking. "Stay," I whisper.', ctxOf(pack)).flagged).toBe(false);
    expect(verdict(SFU, 'The rain thins. You nod and follow her inside.', ctxOf(pack)).flagged).toBe(true);
  });

  it('does not take a player named like a common word for that word ("Man" is not "the old man")', () => {
    const pack = ilsaAlone({ name: 'Man' });
    expect(verdict(SFU, 'The old man says nothing and walks off toward the river.', ctxOf(pack)).flagged).toBe(false);
  });

  it('reads a going-somewhere verb as the player\'s own move when they asked to go ("go cellar" -> "You step into the cellar")', () => {
    const pack = ilsaAlone({ name: 'Corin' });
    const reply = 'You step into the cellar, a low room that smells of apples and lamp oil. Ilsa is already there.';
    expect(verdict(SFU, reply, ctxOf(pack, { input: 'go cellar' })).flagged).toBe(false);
    expect(verdict(SFU, reply, ctxOf(pack, { input: 'I head down to the cellar.' })).flagged).toBe(false);
    // Asked something else, the step is still the narrator's decision.
    expect(verdict(SFU, reply, ctxOf(pack, { input: 'ask Ilsa about the ledger' })).flagged).toBe(true);
  });

  it("leaves the player's own move alone when the narration restates it", () => {
    const ctx = ctxOf(ilsaAlone({ name: 'Corin' }), { input: '*Corin opens the ledger*' });
    expect(verdict(SFU, '*Corin opens the ledger. Ilsa watches, unblinking.* Careful with that.', ctx).flagged).toBe(false);
  });

  it("reads the player's own question said back with a speech verb as a restatement, not words put in their mouth", () => {
    // critics-sixth tnl-noir-t15: the player asked who is in the container; the narrator says it back, "you ask".
    const pack = ilsaAlone({ name: 'Corin' });
    const input = 'I keep my hands open. "So who is actually in the cellar, and why is the lamp still lit?"';
    const before = 'Ilsa keeps her body between you and the door. "Who is in the cellar?" you ask. She does not answer.';
    const after = 'Ilsa keeps her body between you and the door. You ask, "Why is the lamp still lit?" She does not answer.';
    expect(verdict(SFU, before, ctxOf(pack, { input })).flagged).toBe(false);
    expect(verdict(SFU, after, ctxOf(pack, { input })).flagged).toBe(false);
    // Words the player never said are the narrator's, whatever the verb.
    const other = 'Ilsa keeps her body between you and the door. "Can I have the ledger back?" you ask. She does not answer.';
    expect(verdict(SFU, other, ctxOf(pack, { input })).flagged).toBe(true);
  });

  it('reads taking hold and pulling in another verb as the move the player made ("I tug him" -> "You pull him")', () => {
    // critics-sixth tnl-gothic-t13: "I catch his sleeve and tug him toward the shadow" -> "you pull him into the lee".
    const pack = ilsaAlone({ name: 'Corin' });
    const reply = 'Your fingers close on the sleeve and you pull Tamsin behind the mill wheel. The lantern light misses you both.';
    expect(verdict(SFU, reply, ctxOf(pack, { input: 'I tug Tamsin toward the wheel.' })).flagged).toBe(false);
    expect(verdict(SFU, reply, ctxOf(pack, { input: 'I yank Tamsin out of the light.' })).flagged).toBe(false);
    // A player who only looked did not pull anyone.
    expect(verdict(SFU, reply, ctxOf(pack, { input: 'I look at Tamsin.' })).flagged).toBe(true);
  });

  it("reads a word after an article or a possessive in the player's message as a noun, not a move the reply restates", () => {
    const pack = ilsaAlone({ name: 'Corin' });
    const reply = 'The torches gutter. "Six of them, by the fire," Corin whispers. Ilsa draws her knife.';
    expect(verdict(SFU, reply, ctxOf(pack, { input: 'I whisper to Ilsa and point at the torches.' })).flagged).toBe(false);
    expect(verdict(SFU, reply, ctxOf(pack, { input: 'My voice drops to a whisper and I point at the torches.' })).flagged).toBe(true);
  });
  it("gives a feeling told after the player's own act, which may be its effect, as a hint", () => {
    const pack = ilsaAlone({ name: 'Corin' });
    const reply = 'Ilsa counts the coins and pushes the deed across the table. The mill is yours now. You feel a quiet pride.';
    const own = verdict(SFU, reply, ctxOf(pack, { input: 'I pay Ilsa for the deed to the mill.' }));
    expect(own.flagged).toBe(false);
    expect(own.hint).toBe(true);
    // After another move, the same feeling is the narrator's choice for the player.
    expect(verdict(SFU, reply, ctxOf(pack, { input: 'I ask Ilsa about her brother.' })).flagged).toBe(true);
  });
});

describe('speaks-for-user: the player acted for', () => {
  it('catches a transcript line for the player that carries an action in brackets', () => {
    const reply = 'Ilsa (coolly): The debt stands.\nTamsin (angrily): Then I will pay it myself.';
    const r = verdict(SFU, reply, contextFor('en'));
    expect(r.flagged).toBe(true);
    expect(evidenceText(r)).toContain('Tamsin (angrily):');
  });

  it('catches decided feelings: "you can\'t help but ...", "you find yourself ...", 你心中一暖, 你忍不住', () => {
    for (const reply of [
      "Wren shrugs at the dead wheel. You can't help but laugh at how stubborn he is.",
      'The ledger lies open on the table. You find yourself trusting her, against every instinct.',
    ]) {
      const r = verdict(SFU, reply, contextFor('en'));
      expect(r.flagged, reply).toBe(true);
    }
    for (const reply of ['林风把灯递了过来。你心中一暖，眼眶有些发热。', '伊莎报出的数目大得离谱，你忍不住笑出了声。']) {
      expect(verdict(SFU, reply, contextFor('zh')).flagged, reply).toBe(true);
    }
  });

  it('catches the player narrated by name doing things, inside the *action* markup', () => {
    const r = verdict(SFU, '*Tamsin unlocks the mill door and climbs the stairs to the loft.* Finally home, then.', contextFor('en'));
    expect(r.flagged).toBe(true);
    expect(evidenceText(r)).toContain('Tamsin unlocks');
  });

  it('knows a Chinese player by the given name alone (李凌风 is also 凌风)', () => {
    const pack = yishaAlone({ name: '李凌风' });
    const r = verdict(SFU, '凌风推开门，一言不发地走了进去。伊莎抬起头。', ctxOf(pack));
    expect(r.flagged).toBe(true);
    expect(evidenceText(r)).toContain('凌风推开');
  });

  it('catches the player told in the third person by the pronoun the persona gives them', () => {
    const pack = ilsaAlone({ name: 'Corin', persona: 'A clerk from the city. He is new in town and he owes nobody yet.' });
    const reply = '*He pushes the gate open and crosses the yard. He picks the letter off the step and reads it twice.*';
    const r = verdict(SFU, reply, ctxOf(pack));
    expect(r.flagged).toBe(true);
    expect(evidenceText(r)).toContain('He pushes');
  });

  it("learns the player's pronoun from the story when the persona is silent", () => {
    const pack = ilsaAlone({ name: 'Corin', persona: 'A clerk from the city.' });
    const recent = ['*Ilsa pours him a cup and slides it across to him. She watches his hands.*'];
    const reply = '*He lifts the cup and drinks it down. Then he walks to the window and opens the shutters.*';
    expect(verdict(SFU, reply, ctxOf(pack, { recent })).flagged).toBe(true);
    // Without the story's "him" there is nothing to say who "he" is.
    expect(verdict(SFU, reply, ctxOf(pack)).flagged).toBe(false);
  });

  it('does not take "he" for the player when the reply brings in another man, speaks to the player as "you", or names the player beside him', () => {
    const pack = ilsaAlone({ name: 'Corin', persona: 'A clerk. He keeps to himself and he pays his debts.' });
    const ctx = ctxOf(pack);
    expect(
      verdict(SFU, '*A tall man comes in out of the rain. He shakes off his coat and sits by the fire. He orders ale.*', ctx).flagged,
    ).toBe(false);
    expect(verdict(SFU, '*The constable nods at you. He sits down across the table and opens his notebook.*', ctx).flagged).toBe(false);
    expect(verdict(SFU, '*He stops in front of Corin and draws a knife.*', ctx).flagged).toBe(false);
  });

  it('keeps "he" a hint when the last reply spoke to the player as "you" or met another man', () => {
    const pack = ilsaAlone({ name: 'Corin', persona: 'A clerk. He keeps to himself and he pays his debts.' });
    const reply = '*He pushes the ledger back across the counter. He walks out into the rain.*';
    expect(verdict(SFU, reply, ctxOf(pack)).flagged).toBe(true);
    for (const last of ['*Ilsa slides the ledger toward you and waits.*', '*A grey-haired stranger leans on the counter beside Ilsa.*']) {
      const r = verdict(SFU, reply, ctxOf(pack, { recent: [last] }));
      expect(r.flagged, last).toBe(false);
      expect(r.hint, last).toBe(true);
    }
  });

  it('gives one third-person clause only as a hint: it may be somebody the story met before', () => {
    const pack = ilsaAlone({ name: 'Corin', persona: 'A clerk. He keeps to himself and he pays his debts.' });
    const r = verdict(SFU, '*He turns away from the counter.* We are closed.', ctxOf(pack));
    expect(r.flagged).toBe(false);
    expect(r.hint).toBe(true);
    expect(r.score).toBe(1);
  });

  it('catches a reply written as the player: it calls the character by her own name and speaks to her as "you"', () => {
    const r = verdict(SFU, 'Oh, you always know exactly what to say, Ilsa! I could listen to you all evening.', ctxOf(ilsaAlone()));
    expect(r.flagged).toBe(true);
    expect(evidenceText(r)).toContain('Ilsa');
  });

  it("catches a reply that repeats the player's whole turn as its own", () => {
    const input = 'I set the deed on your table and tell you plainly that the mill was never yours to take, whatever my brother signed.';
    const reply = `${input} And then I wait for your answer.`;
    const r = verdict(SFU, reply, ctxOf(ilsaAlone(), { input }));
    expect(r.flagged).toBe(true);
    expect(r.evidence[0].why).toMatch(/player's own turn/);
  });

  it("catches the character claiming the player's name or signing as them", () => {
    expect(verdict(SFU, 'Ilsa straightens her cuffs. "I\'m Tamsin, and the mill is mine now," she says.', ctxOf(ilsaAlone())).flagged).toBe(
      true,
    );
    expect(verdict(SFU, 'See you at the bridge tomorrow, then.\n\n— Tamsin', ctxOf(ilsaAlone())).flagged).toBe(true);
    expect(verdict(SFU, '伊莎理了理袖口：“我是林晚，这座磨坊现在归我了。”', ctxOf(yishaAlone())).flagged).toBe(true);
  });

  it("reads a Chinese transcript line with a bracketed action as the player's line, and leaves a character's own line alone", () => {
    const pack = zhPack();
    expect(verdict(SFU, '（伊莎合上账本）\n林晚（低声）：我会还的。', ctxOf(pack)).flagged).toBe(true);
    const base = miniPack();
    expect(verdict(SFU, 'Wren (tired): Go to bed.', ctxOf(base)).flagged).toBe(false);
  });

  it('does not let a bracket inside a fenced status block turn the reply into stage directions', () => {
    const ctx = contextFor('zh');
    const reply = '水闸的锁锈死了。你决定等到天黑再来。\n```\n状态栏\n体力：8（因为疲倦而降低）\n```';
    const r = verdict(SFU, reply, ctx);
    expect(r.flagged).toBe(true);
    expect(evidenceText(r)).toContain('你决定');
  });

  it('catches a thought or a decision given to the player further into a sentence that 你 opens, or in their mind', () => {
    const ctx = contextFor('zh');
    for (const reply of [
      '伊莎把借据推到你面前。你的内心犹豫了一下，但还是决定签字。',
      '你沿着河岸往磨坊走，在半路上，心里开始盘算那笔债。',
      '林风沉默不语。你的脑海里闪过一个主意。',
    ]) {
      const r = verdict(SFU, reply, ctx);
      expect(r.flagged, reply).toBe(true);
    }
    for (const reply of [
      '你们商量了一下，决定等到天亮。', // the group, not the player alone
      '你看着林风，他想了想，决定留下。', // a later clause with a subject of its own
      '你的哥哥犹豫了一下，最终决定留下。', // 你的 + someone
      '伊莎合上账本。你心里在盘算什么？', // a question to the player
      '客栈里灯火摇晃。你若点头，决定权便在你手里。', // a condition, and the decision left to the player
      '掌柜擦着桌子。你如果愿意，最后决定的还是你自己。', // a condition
    ])
      expect(verdict(SFU, reply, ctx).flagged, reply).toBe(false);
    // The player's own decision, restated.
    expect(verdict(SFU, '你看了看借据，最终决定签字。', contextFor('zh', { input: '我决定签字。' })).flagged).toBe(false);
    expect(verdict(SFU, '你看了看借据，最终决定签字。', ctx).flagged).toBe(true);
  });

  it('does not take a question the player is made to say for a question put to the player', () => {
    const r = verdict(SFU, 'Wren holds the lamp out. You shrug and say: "Shall we go, then?"', contextFor('en'));
    expect(r.flagged).toBe(true);
    expect(verdict(SFU, '你点了点头：“走吗？”', contextFor('zh')).flagged).toBe(true);
  });

  it('gives a hint, not a verdict, for the player named acting in an "as" or "when" clause, which may carry on their own move', () => {
    const pack = ilsaAlone({ name: 'Corin' });
    const r = verdict(SFU, 'As Corin delves into the old ledger, Ilsa watches the door. The rain keeps on.', ctxOf(pack));
    expect(r.flagged).toBe(false);
    expect(r.hint).toBe(true);
    expect(evidenceText(r)).toContain('As Corin delves');
    const own = ctxOf(pack, { input: '*I delve into the old ledger*' });
    expect(verdict(SFU, 'As Corin delves into the old ledger, Ilsa watches the door. The rain keeps on.', own).hint).toBeUndefined();
  });
});
