import { describe, expect, it } from 'vitest';
import { noHook } from '../../../src/engine/critics/no-hook.js';
import { settle } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';
import { ctxOf, ilsaAlone, verdict } from './who-packs.js';

const run = (text: string, lang: 'en' | 'zh' = 'en') => settle(noHook(text, contextFor(lang)));

describe('no-hook', () => {
  it("leaves a reply that writes the player's moves and ends on one to speaks-for-user", () => {
    const pack = ilsaAlone({ name: 'Corin', persona: 'A clerk from the city. He is new in town and he owes nobody yet.' });
    const played = '*He pushes the gate open and crosses the empty yard. He picks the letter off the step and reads it twice.*';
    expect(verdict('speaks-for-user', played, ctxOf(pack)).flagged).toBe(true);
    const r = verdict('no-hook', played, ctxOf(pack));
    expect(r.flagged, JSON.stringify(r.evidence)).toBe(false);
    // Ending on the scene, after the player's moves, the narrator's ending is still judged.
    const scene = '*He pushes the gate open and crosses the empty yard. The rain keeps falling on the roofs of the town.*';
    expect(verdict('no-hook', scene, ctxOf(pack)).flagged).toBe(true);
  });

  it('reads a danger or a deed still under way at the end as a hook ("not yet broken", "is being completed")', () => {
    const base = 'Wren drives the pole into the gears and the wheel groans to a halt. Water spills over the race.';
    expect(run(`${base} The curse on the mill is weakened, but not yet broken.`).flagged).toBe(false);
    expect(run(`${base} Somewhere under the millpond, the old work is being completed.`).flagged).toBe(false);
    expect(run(`${base} The flood may already be on its way down the valley.`).flagged).toBe(false);
    // Done and over, it leaves nothing to meet.
    expect(run(`${base} The curse on the mill is broken at last, and the valley is quiet.`).flagged).toBe(true);
  });

  it('does not take a question that only says back the player\'s words, or a "can\'t wait", for a hook', () => {
    // critics-fourth rm2-elder-4 ("心之所向？妙哉！...") and town-alice-nemo ("She can't wait to share ...").
    const echo = (text: string, input: string, lang: 'en' | 'zh') => settle(noHook(text, contextFor(lang, { input })));
    expect(
      echo('“铜铃”？妙哉！原来那铃声，竟是风替河水在说话。老夫听了一辈子，不过是梦里的回声罢了。', '林风说那是“铜铃”在响。', 'zh').flagged,
    ).toBe(true);
    expect(
      echo(
        'The brass token? Ha! Wren melted it down for buttons years ago, and the buttons are long gone.',
        'I show Wren the brass token.',
        'en',
      ).flagged,
    ).toBe(true);
    // A question of its own still asks, and so does the same echo when the player never said it.
    expect(echo('“铜铃”？妙哉！那铃声你听了几回？', '林风说那是“铜铃”在响。', 'zh').flagged).toBe(false);
    expect(
      echo(
        'The brass token? Ha! Wren melted it down for buttons years ago, and the buttons are long gone.',
        'I sit down by the fire.',
        'en',
      ).flagged,
    ).toBe(false);
    expect(run("Ilsa beams. She has found a new ledger of songs, and she can't wait to share it with the choir.").flagged).toBe(true);
    expect(run('Ilsa beams. She has found a new ledger of songs. It waits on the table, unopened.').flagged).toBe(false);
  });

  it('reads a Chinese command or direction at the head of a clause as a hook, and the same verbs mid-clause as report', () => {
    // critics-fourth: a thief's "左转，第七块石板。", a smith's "不然滚远点！", a sage's "不如寻那古卷残篇" were read as flat.
    for (const text of [
      '林风指了指水闸。往东，第三块闸板。',
      '伊莎冷笑一声。要修就付全价，否则走开！',
      '林风把灯递过来。拿着，别让它灭了。',
      '伊莎摇摇头。若真想修好水车，不如去问问老磨坊主。',
      '林风敲了敲桌子。够了！给我把门关上！',
      '伊莎拍了拍尘土。来吧，天黑前还能赶到渡口。',
      '城主冷哼一声，拂袖而起。来人，备马！',
      '伊莎把钥匙放在桌上。出门的时候，记得锁上后门。',
    ]) {
      const result = run(text, 'zh');
      expect(result.flagged, `${text}: ${JSON.stringify(result.evidence)}`).toBe(false);
    }
    for (const text of [
      '林风叹了口气。他往东走了很久，水闸早就锁了。',
      '伊莎把账本合上。这把锁还不如去年那把结实。',
      '林风点点头。他给我修过一回水车，手艺确实不错。',
      '林风点点头。接着，他把滚烫的茶倒进碗里，小心翼翼地放在桌上。',
      '伊莎合上账本。往后的日子，磨坊就归她一个人管了。',
    ]) {
      const result = run(text, 'zh');
      expect(result.flagged, text).toBe(true);
    }
  });

  it("gives only a hint where the ending's 你 receives the speaker's care, a wish or sits in a time clause", () => {
    // critics-fourth: a healer's "我陪你，一直听下去。", a thief's "记住，风停时，就是你死时。" read as hooks for their 你.
    for (const text of [
      '伊莎替林风掖好被角，轻声道：“别怕，雨停了。我陪你，一直坐到天亮。”',
      '林风摇摇头。水车停时，就是你该走时。',
      '伊莎叹了口气。那就让这盏灯，陪你走完回家的路。',
      '林风拍了拍你的肩。账已经清了。别让那笔债再压着你，好好活着就是了。',
    ]) {
      const result = run(text, 'zh');
      expect(result.flagged, text).toBe(false);
      expect(result.hint, text).toBe(true);
      expect(result.evidence[0].why).toContain('你');
    }
    // Only a hint: the same forms carry instructions, threats and news that no pattern reads as a hook.
    for (const text of [
      '“别让他们发现你。”',
      '“等你想通了的时候，再来找我。”',
      '“你走的时候，记得把门带上。”',
      '少年把剑插回鞘中，冷冷道：“我记住你了。”',
      '掌柜的压低声音：“我劝你一句，今晚别出门。”',
    ])
      expect(run(text, 'zh').flagged, text).toBe(false);
    // Said of the player, done to them by someone else, a deed to come, a threat, an offer or a condition: the player is addressed.
    for (const text of [
      '伊莎合上账本。你已经欠了磨坊三年的租子。',
      '林风没有说话，只是上下打量着你，手按在刀柄上。',
      '伊莎把钥匙塞进你手里。“这把钥匙，我替你保管了十年。”',
      '林风一脚踢翻了板凳：“敢动她一根手指，我跟你没完！”',
      '伊莎冷冷一笑：“我要让你知道，什么叫后悔。”',
      '林风一把揪住你的衣领：“我饶不了你！”',
      '伊莎别过脸去。想哭就哭，想骂就骂。',
      // "Let me" is an offer, 让开 is making way, and what is told to the player is still to come.
      '伊莎蹲下身来，眉头紧锁。“别动，让我看看你的伤口。”',
      '林风侧身让开了路，守卫们却齐齐盯着你。',
      '老掌柜摇摇头。“这件事，我只告诉你一个人。”',
      // The speaker's deed narrated rather than said is a gesture aimed at the player (a first-person card's style).
      '伊莎没有说话。*我轻轻抱住你。*',
      '林风叹了口气。（我把你搂进怀里）',
      '“好。”我笑着揉了揉你的头发。',
    ]) {
      const result = run(text, 'zh');
      expect(result.evidence, text).toEqual([]);
    }
  });

  it('reads an invitation held out to someone as a hook, and an "inviting" room as description', () => {
    // critics-fifth babel-noir-r4: "She let her gaze drift back to Cipher, a silent invitation for him to look up".
    const base = 'Ilsa closes the ledger and sets the pen down beside it. The lamp hisses on its hook.';
    expect(run(`${base} She lets her gaze drift back to Wren, a silent invitation for him to speak first.`).flagged).toBe(false);
    expect(run(`${base} With a tilt of her head she invites him to take the chair across from her.`).flagged).toBe(false);
    expect(run(`${base} The back room of the mill is warm and inviting, and the fire has burned low.`).flagged).toBe(true);
  });

  it("reads taking one's leave as a closing, unless the player is given something after it", () => {
    // critics-third mtb-stark-claude-t1: "Now if you'll excuse me, I have to get back to designing ... the future waits for no one!"
    expect(run('Wren rises with a groan. "Well, if you\'ll excuse me, I must be off to bed. These old bones ache."').flagged).toBe(true);
    expect(run('Ilsa gathers her shawl. "I must be going. It was a lovely evening, truly."').flagged).toBe(true);
    expect(run('林风拱了拱手。“你的事我都听说了。失陪了，我还要去码头。”', 'zh').flagged).toBe(true);
    for (const text of [
      '*I set the cup down and stand.* "Now, if you\'ll excuse me, I have bread in the oven. Wait here, and don\'t touch the ledger."',
      'Ilsa straightens. "If you\'ll excuse me, I have a meeting. The barge leaves at dawn: be on the dock by six, or we leave without you."',
      '*I lean back in my chair.* "If you\'ll excuse me a moment." *I step out, leaving the letter open on the desk.*',
      // Something to take up in the leave-taking's own sentence.
      'Wren glances at the door. "If you\'ll excuse me, I must go; follow me when the bell rings."',
    ])
      expect(run(text).flagged, text).toBe(false);
    expect(run('林风看了看天色。“我先走一步，你随后跟上。”', 'zh').flagged).toBe(false);
  });

  it('reads a two-character Chinese command at the end, without letting it crowd the window', () => {
    expect(run('林风拔出刀，挡在门前。他已经无路可退了。动手！', 'zh').flagged).toBe(false);
    expect(run('伊莎把账本合上，冷冷地看着窗外的雨。跟上。', 'zh').flagged).toBe(false);
    expect(run('林风叹了口气，望着远处的群山。过去的事情，终究是过去了。罢了。', 'zh').flagged).toBe(true);
    // The sentences before it still count in full: the question three sentences up is kept in view.
    expect(run('你还要去渡口吗？林风叹了口气。雨下得很大。罢了。', 'zh').flagged).toBe(false);
  });

  it('does not take "but", "yet" or a thank-you near the end for a hook', () => {
    for (const text of [
      'Thank you. The harvest was good this year, but the river took the east field.',
      'The ledger is closed now. I have never been so tired, and yet I feel lighter than I have in years.',
      '林风点点头。“我早就告诉过你，是水闸的事。”',
    ]) {
      const result = run(text, /\p{Script=Han}/u.test(text) ? 'zh' : 'en');
      expect(result.flagged, text).toBe(true);
    }
  });

  it('reads an invitation, a command or an offer without "you" or a question mark as a hook', () => {
    for (const text of [
      'The widow sets out a second cup and pulls back a chair. "Sit. Drink."',
      'Wren shoulders the sack. "Let us go before the bell rings again."',
      'Ilsa taps the ledger. "Pray, explain this entry to me."',
    ]) {
      expect(run(text).flagged, text).toBe(false);
    }
    expect(run('伊莎把账本合上，笑了笑。“改天不妨来我家坐坐。”', 'zh').flagged).toBe(false);
  });

  it('counts a farewell as a closing even when it is phrased as a request', () => {
    const result = run('It was lovely to hear from you after so long. Take care, and talk soon!');
    expect(result.flagged).toBe(true);
  });

  it('leaves an ending open when something stirs after the goodbye', () => {
    expect(
      run('Wren bows stiffly. "I bid you good night." Behind him, something heavy scrapes across the floor of the locked cellar.').flagged,
    ).toBe(false);
    // A request after the goodbye is still the farewell's own formula.
    expect(run('It was good to see you again, old friend. Goodbye! Come back soon!').flagged).toBe(true);
  });

  it('leaves a reply cut off mid-sentence to the formatting critic', () => {
    expect(run('Wren lifts the latch and steps out into the').flagged).toBe(false);
  });

  it('reads a request after a discourse marker, a proposal and a shared plan as hooks', () => {
    for (const text of [
      'Wren wipes his hands on his apron. So please sit down and tell me what the widow said.',
      'The ledger shows two debts, not one. Perhaps we could ask the miller about the second.',
      'Ilsa folds the map along its creases. I wonder if we could reach the weir before the flood.',
      'The lamp gutters and the wind rises over the fields. Together we follow the river down to the mill.',
    ])
      expect(run(text).flagged, text).toBe(false);
  });

  it('still flags an ending whose coordinated verb only looks like an imperative, or a plan already carried out', () => {
    for (const text of [
      'I hug her, and try to smile. I cannot believe how much has changed in a single day.',
      'The night was long and cold. Together we walked back to the mill in silence.',
    ])
      expect(run(text).flagged, text).toBe(true);
  });

  it('reads a blessing as a closing, though it says "your"', () => {
    expect(run('Wren sets the ledger aside and stands. The debt is paid. May your road home be dry and short.').flagged).toBe(true);
    expect(run('Wren sets the ledger aside. May I ask you one more thing before you go?').flagged).toBe(false);
  });

  it('reads choices put to the player as a hook, even after a lead-in with no question mark', () => {
    expect(
      run('林风把灯举高，照着紧锁的水闸。面对紧锁的水闸，你会如何行动？\n1.砸开锁。\n2.去找伊莎要钥匙。\n3.回家睡觉。', 'zh').flagged,
    ).toBe(false);
    expect(run('林风想了想，有了主意。你会：\n1.去找伊莎。\n2.守在水闸边。', 'zh').flagged).toBe(false);
    expect(run('Wren lays out the tools on the bench. What do you do?\n1. Take the crowbar.\n2. Take the lamp.').flagged).toBe(false);
    // A list the player is not asked to choose from is no hook by being a list.
    expect(
      run('The mill has had three owners.\n1. Old Tam, who drowned in the race.\n2. The widow, who sold it to the bank.').flagged,
    ).toBe(true);
  });

  it('does not take the wish that an answer helps for a hook', () => {
    expect(run('水闸要先放干水，再换新的闸板。希望这些办法对你有所帮助。', 'zh').flagged).toBe(true);
    expect(run('水闸要先放干水，再换新的闸板。你想先从哪一步开始？', 'zh').flagged).toBe(false);
  });

  it('reads a cry to set off together and the purpose that brought "us" here as hooks', () => {
    for (const text of [
      'We will take the lamps and the ledger, and the miller will show us the weir. Allons-y!',
      'The river runs high tonight. Onward!',
      'We just reached the weir. The widow owns it now. We are here to stop her from flooding the lower fields.',
    ])
      expect(run(text).flagged, text).toBe(false);
    // A purpose already served is not ahead of anyone.
    expect(run('The night was long and cold. We came back to the mill and slept in the loft.').flagged).toBe(true);
  });

  it('does not take a sermon\'s "let us embrace ..." or a verb after a parenthetical for a request', () => {
    for (const text of [
      'Wren nods slowly. The mill has seen worse winters than this. Let us embrace the hardship as a chance to grow stronger together.',
      'The river gives and the river takes. Millers, in particular, keep a healthy respect for it. I learned that from my father.',
    ])
      expect(run(text).flagged, text).toBe(true);
    for (const text of [
      'Wren nods slowly. Come, let us take a seat by the wheel.',
      'The ledger is closed. Ilsa, keep the key safe until morning.',
    ])
      expect(run(text).flagged, text).toBe(false);
  });

  it('reads a counter-proposal anywhere in the reply as a hook, and "waits for no one" as a maxim', () => {
    const counter =
      'The thought of the crowded ferry makes my skin crawl. I would much prefer if we walked to the mill. ' +
      'The river path is longer, but it is quiet. At least on foot I can keep my boots dry. My comfort matters here.';
    expect(run(counter).flagged).toBe(false);
    expect(run('Wren shoulders the last sack and sighs. The flood is coming, and the river waits for no one.').flagged).toBe(true);
  });

  it("reads a game's closing status list and its heading with the scene before them, not as the ending", () => {
    // critics-sixth tnl-noir-t11/t13/t15: narration that ends on danger or on the player, then "**Status updates:**".
    const scene =
      'Ilsa slams the ledger shut. Down the lane, boots approach, more than one pair. The constable watches you, weighing whether you will run.';
    const status = '\n\n**Status updates:**  \n- Ledger: closed  \n- Constable: suspicious  \n- Lamp: burning low';
    expect(run(scene + status).flagged).toBe(false);
    const addressed = 'Ilsa slams the ledger shut. Her clerk keeps himself between you and the door. The constable hovers, undecided.';
    expect(run(addressed + status).flagged).toBe(false);
    // A flat scene stays flat however many status lines follow it.
    const flat = 'Ilsa slams the ledger shut. The lamp burns low. The mill is quiet for the night.';
    expect(run(flat + status).flagged).toBe(true);
  });

  it('reads the ending before a closing fenced block (a state JSON)', () => {
    // critics-sixth tnl-noir-t19 and tnl-scifi-t13: the game's state update left after the narration.
    const json = '\n\n```json\n{"inventory_add":["ledger"],"locations_add":["Cellar"],"npcs_add":["Ilsa Morrow (widow)"]}\n```';
    expect(run(`Ilsa hands you the ledger. The lamp gutters on the table.${json}`).flagged).toBe(false);
    expect(run(`Ilsa closes the ledger. The lamp burns low for the night.${json}`).flagged).toBe(true);
  });

  it('reads "I\'m listening" as an invitation to speak, and "listening to" something as a statement', () => {
    // critics-sixth we1-ex07: questions, an action line, then "I'm listening. For real this time."
    expect(run("Ilsa sets the ledger aside and folds her hands on the table. I'm listening. For real this time.").flagged).toBe(false);
    expect(run('Ilsa sets the ledger aside and sits by the window. I am listening to the rain on the wheel.').flagged).toBe(true);
  });

  it('does not take a "you" that only reports a result in the perfect for the player addressed', () => {
    // critics-tenth ik-r1d-1, ik-r1g-5: "You've acquired fifty units of salt ... has granted you a discount."
    const base = 'Wren counts the pennies twice and drops them into his apron.';
    const done = `${base} You've bought the old lantern, wick and all. The clerk has handed you your papers for the ferry.`;
    expect(run(done).flagged).toBe(true);
    // Something still to come, or someone acting on the player now, still hands them the turn.
    expect(run(`${base} You've bought the old lantern, wick and all. The clerk will want to see your papers.`).flagged).toBe(false);
    expect(run(`${base} You've bought the old lantern, wick and all. The clerk eyes you over his spectacles.`).flagged).toBe(false);
    // Possession is not a perfect: "You have two pennies left" may set up the next choice.
    expect(run(`${base} You have two pennies left in your purse.`).flagged).toBe(false);
    // A find, an arrival or someone acting on the player puts something new before them.
    expect(run(`${base} You've found a trapdoor under the straw.`).flagged).toBe(false);
    // A change in the player remarked on is something they may answer.
    expect(run(`${base} You've changed since the winter, Corin.`).flagged).toBe(false);
    expect(run(`${base} You've bought the old lantern. The bailiff's men have spotted you.`).flagged).toBe(false);
  });

  it('reads a blessing on the player\'s spirit ("stay strong", "keep your chin up") as a closing', () => {
    // critics-tenth ik-r1g-4: a sermon closing on "Keep your heart open and your spirit strong."
    const base = 'Wren walks you to the gate and leans on the post. The orphans will eat well this winter, thanks to you.';
    expect(run(`${base} Keep your chin up, and stay strong.`).flagged).toBe(true);
    expect(run(`${base} Keep your faith alive out there.`).flagged).toBe(true);
    // A caution about the scene is still something to act on.
    expect(run(`${base} Keep your lantern lit on the mill road.`).flagged).toBe(false);
  });

  it('does not take "your question" or "if you will" for the player addressed: they point back at the turn just played', () => {
    // critics-fresh rb-dorr-weather-1: "In light of your details ... if you will. So, to answer your question ...: false".
    const flat =
      'Wren squints at the clouds over the weir, a grey lid on the valley, if you will. To answer your question, then: no, the wheel will not turn today.';
    expect(run(flat).flagged).toBe(true);
    // "If you will" asking the player to do something is still a request; the player spoken to still counts.
    expect(run('Wren squints at the clouds over the weir. Hold the lantern for me, if you will.').flagged).toBe(false);
    expect(run('Wren squints at the clouds over the weir. To answer your question, no. But you look like you know why.').flagged).toBe(
      false,
    );
  });

  it('does not take the player named as the one a clause tells of ("as Tamsin describes ...") for the player turned to', () => {
    // critics-heldout rpb-mia-8 ("My mind brims with excitement as Oliver Chen expresses his dream ..."), rpb-zainab-ex-5.
    const base = 'My heart is full tonight. The lamps in the mill burn low.';
    expect(run(`${base} I smile as Tamsin describes the city, its towers and its noise.`).flagged).toBe(true);
    // Spoken to or acted on by name, the player is turned to.
    expect(run(`${base} Tamsin, the wheel is yours now.`).flagged).toBe(false);
    expect(run(`${base} I press the old key into Tamsin's palm.`).flagged).toBe(false);
    expect(run(`${base} I hand Tamsin the old key.`).flagged).toBe(false);
  });

  it('does not take a "you" clause that only says the player\'s move back for the player turned to', () => {
    // critics-tenth ik-r2g-5 ("He listens intently as you inquire about work ... he speaks with a gentle smile."), ik-r2m-2.
    const ask = (text: string) => settle(noHook(text, contextFor('en', { input: 'I ask Wren about the debt to the widow.' })));
    const base = 'Wren sets his lantern on the sill.';
    expect(
      ask(`${base} He listens as you ask about the debt, his jaw tight. After a long while, he looks back at the millstones.`).flagged,
    ).toBe(true);
    // Someone acting on the player, or a "you" clause with something new in it, still turns to them.
    expect(ask(`${base} He eyes you as you ask about the debt. After a long while, he looks back at the millstones.`).flagged).toBe(false);
    expect(
      ask(`${base} He listens as you reach the weir, his jaw tight. After a long while, he looks back at the millstones.`).flagged,
    ).toBe(false);
  });
});
