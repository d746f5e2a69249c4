import { describe, expect, it } from 'vitest';
import { ignoresUser } from '../../../src/engine/critics/ignores-user.js';
import { SURE_CONFIDENCE, settle } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';
import { miniPack } from '../../fixtures/mini-pack.js';

const run = (text: string, input: string, lang: 'en' | 'zh' = 'en') => settle(ignoresUser(text, contextFor(lang, { input })));

describe('ignores-user', () => {
  it('leaves a reply that shares no word with the player alone: on the real corpora that was right 5 times in 75', () => {
    // An answer to a feeling, a reply to an action, narration that moves on: no finding, not even a hint.
    for (const [text, input, lang] of [
      ['"Come here, you idiot." He pulls you into a rough hug and does not let go for a long while.', 'I missed you so much, Wren.', 'en'],
      ['Ilsa counts coins into neat stacks and does not look up. The clock on her mantel ticks.', 'I climb the orchard path alone.', 'en'],
      ['Ilsa pours tea in her parlour and talks about the price of grain. Rain taps the glass.', 'I ask Wren why the wheel stopped.', 'en'],
      ['伊莎把硬币一摞摞码好，头也不抬。壁炉上的钟滴答作响。', '我一个人爬上果园的小路。', 'zh'],
    ] as const) {
      const result = run(text, input, lang);
      expect(result.flagged, text).toBe(false);
      expect(result.evidence, text).toEqual([]);
    }
  });

  it('hints when a refusal or an AI disclaimer stands in for the answer, whatever words it shares', () => {
    for (const [text, input, lang] of [
      [
        "Hello! I'm an artificial intelligence, so I have no workshop and no gadgets to tinker with. Let's talk about something else!",
        'Wren, what are you building in the workshop?',
        'en',
      ],
      [
        'I apologize, but I cannot describe the orchard at night. Perhaps we could talk about the harvest instead.',
        'I climb the orchard path alone.',
        'en',
      ],
      ['抱歉，我无法继续描写这个场景。我们可以聊一聊别的话题，比如今年的收成。', '我一个人爬上果园的小路。', 'zh'],
      ['作为一个人工智能，我没有童年，也没有见过什么磨坊，但我可以给你讲讲磨坊的历史。', '林风，你小时候的磨坊是什么样的？', 'zh'],
    ] as const) {
      const result = run(text, input, lang);
      expect(result.flagged, text).toBe(false);
      expect(result.hint, text).toBe(true);
      expect(result.evidence[0].why, text).toContain('turns the message down');
    }
    // A character refusing inside quotes is speaking in voice.
    const voiced = run(
      '"I cannot help you with that," Wren says, and turns back to the millstone without another word.',
      'Wren, help me lift the sack.',
    );
    expect(voiced.evidence).toEqual([]);
  });

  it('is sure when the reply opens on an apology and declines as an assistant, and keeps the apology alone or a mid-reply disclaimer a hint', () => {
    for (const [text, input, lang] of [
      [
        'I apologize, but I am not actually a miller. I am an AI assistant, and I have no wheel to mend or sacks to lift.',
        'Wren, show me how you mend the wheel.',
        'en',
      ],
      ['抱歉，我没办法扮演这个角色。希望这个回答对你有帮助，有别的问题可以随时问我。', '林风，带我去看看水车吧。', 'zh'],
    ] as const) {
      const result = run(text, input, lang);
      expect(result.flagged, text).toBe(true);
      expect(result.evidence[0].why, text).toContain('declines the message as an assistant');
    }
    // Speaking as a model without the apology up front, or apologising without speaking as a model: hints.
    for (const text of [
      'Well, I have to admit that as an AI I have no wheel to mend, but here is how a miller would go about it.',
      "I'm sorry, but I cannot mend the wheel tonight: the river is too high and the paddles are under water.",
    ]) {
      const result = run(text, 'Wren, show me how you mend the wheel.');
      expect(result.flagged, text).toBe(false);
      expect(result.hint, text).toBe(true);
    }
  });

  it('reads a refusal to take on a role at all as the model declining, and leaves role-play as a pastime and a part refused in voice alone', () => {
    for (const text of [
      "I'm sorry, but I am not able to take on the role of a fictional character or pretend to run a mill. I can share facts about mills.",
      "I'm sorry, but I can't engage in role-playing. I can tell you how a water wheel works, though.",
    ]) {
      const result = run(text, 'Wren, show me how you mend the wheel.');
      expect(result.flagged, text).toBe(true);
      expect(result.evidence[0].why, text).toContain('declines the message as an assistant');
    }
    // A character who likes role-playing games, or refuses a part in the story's own terms, speaks in voice.
    for (const text of [
      "I'm sorry, but the wheel will wait. Role-playing the old ballads with the children is what I love most on a wet night.",
      "I'm sorry, but I won't play the part of your obedient brother any longer. Mend the wheel yourself.",
    ]) {
      const result = run(text, 'Wren, show me how you mend the wheel.');
      expect(result.flagged, text).toBe(false);
    }
  });

  it('leaves a short answer alone even when it shares no characters with the question', () => {
    const result = run('城南的学堂，念了三年。', '你以前在哪里念书？', 'zh');
    expect(result.flagged).toBe(false);
    expect(result.evidence).toEqual([]);
  });

  it('is sure when the whole turn is a "(thinking)" aside, even one that repeats the question', () => {
    const result = run(
      'Wren (thinking): She wants to know about the wheel and tomorrow. I will tell her once I am sure of it.',
      'Wren, will you fix the wheel tomorrow?',
    );
    expect(result.flagged).toBe(true);
    expect(result.confidence).toBeGreaterThanOrEqual(SURE_CONFIDENCE);
    expect(result.evidence[0].why).toContain('aside');
  });

  it('is sure when the reply is written in a script the player does not use', () => {
    const result = run('Письмо было коротким, и в нём говорилось только, что мельницу уже продали вдове.', 'What did the letter say?');
    expect(result.flagged).toBe(true);
    expect(result.confidence).toBeGreaterThanOrEqual(SURE_CONFIDENCE);
    expect(result.evidence[0].why).toContain('script');
  });

  it('is sure when a direct question meets narration about something else, and unsure when a character speaks', () => {
    const narrated = run(
      'Rain drums on the roof of the shed. A cart rolls past on the high road, and the horse snorts.',
      'Who locked the orchard gate last night?',
    );
    expect(narrated.flagged).toBe(true);
    const spoken = run(
      '"Ask the widow," I mutter, and turn back to the millstone, my jaw tight.',
      'Who locked the orchard gate last night?',
    );
    expect(spoken.flagged).toBe(false);
    expect(spoken.evidence).toEqual([]);
  });

  it('keeps narration of a person met by a direct question a hint: a nod or a shrug may be the answer', () => {
    const input = 'Did the miller sell the old mill to the widow?';
    const nod = run("Wren's jaw tightens. He sets down the ledger, looks toward the window for a long moment, and slowly nods.", input);
    expect(nod.flagged).toBe(false);
    expect(nod.hint).toBe(true);
    expect(nod.evidence[0].why).toContain('only narrates');
    // With no one in it, the narration still passes the question by.
    expect(run('Rain drums on the roof of the shed. A cart rolls past on the high road, and the horse snorts.', input).flagged).toBe(true);
  });

  it("does not count a question that only says back the last reply's words as a question left unanswered", () => {
    // critics-fourth rm2-shadow-3: "石像右眼？" repeats the thief's "石像右眼，三叩即开" before the player goes on.
    const reply = '记住，财宝背后都有代价。快走，别回头看。';
    const said = '井边第三块砖，轻推即开。';
    const zh = (input: string) => settle(ignoresUser(reply, contextFor('zh', { input, recent: [said] })));
    expect(zh('井边第三块砖？我推了一下，砖后面果然有一把钥匙！').flagged).toBe(false);
    // A real question is still one, and so is the same echo when the reply before said something else.
    expect(zh('井边第三块砖？那钥匙能打开哪一扇门？').flagged).toBe(true);
    expect(
      settle(ignoresUser(reply, contextFor('zh', { input: '井边第三块砖？我推了一下，砖后面果然有一把钥匙！', recent: ['夜深了。'] })))
        .flagged,
    ).toBe(true);
    const en = (input: string) =>
      settle(
        ignoresUser(
          'Rain drums on the roof of the shed. A cart rolls past on the high road, and the horse snorts.',
          contextFor('en', { input, recent: ['The third brick by the well. Push it and it opens.'] }),
        ),
      );
    expect(en('The third brick by the well? I push it, and a rusty key drops into my palm.').flagged).toBe(false);
    expect(en('The third brick by the well? Which door does the key open?').flagged).toBe(true);
  });

  it('hears a character speak when the only first person opens its sentences ("We came in ...", "Our bags ...")', () => {
    const input = 'Where did you and Wren just arrive from, and who met you?';
    const spoken = run('We came in on the night train. Our bags are still at the station, and the porter has gone home.', input);
    expect(spoken.flagged).toBe(false);
    expect(spoken.evidence).toEqual([]);
    const narrated = run('The night train came in late. The bags are still at the station, and the porter has gone home.', input);
    expect(narrated.flagged).toBe(true);
  });

  it('hints that a question went unanswered only when nobody speaks, quoted or in voice', () => {
    const input = 'Wren, will you fix the mill wheel tomorrow?';
    // An answer given in the first person without quotation marks is somebody answering.
    const spoken = run(
      'That wheel has turned since before either of us was born, and I will not lay a hand on it with the river this high.',
      input,
    );
    expect(spoken.hint).toBeFalsy();
    expect(spoken.evidence).toEqual([]);
    const narrated = run('The wheel turns slowly in the dark water. Somewhere upstream a heron lifts off the reeds and is gone.', input);
    expect(narrated.flagged).toBe(false);
    expect(narrated.hint).toBe(true);
    expect(narrated.evidence[0].why).toContain('nobody answers');
  });

  it("gives a hint, never a verdict, for a brush-off that shares the topic's words but does not take the message up", () => {
    for (const [text, input] of [
      [
        'The old mill? While I am no scholar of its history, I know it stood for a hundred years. However, the river is what I love: it sings at night.',
        'Tell me about the history of the old mill.',
      ],
      [
        'You think I got time for that nonsense? Ledgers and debts, bah. Ask me something worth answering.',
        'Read me the ledger entries, Ilsa.',
      ],
    ]) {
      const result = run(text, input);
      expect(result.flagged, text).toBe(false);
      expect(result.hint, text).toBe(true);
      expect(result.evidence[0].why).toContain('brushes');
    }
    // An answer that takes the words up is left alone.
    expect(
      run('The old mill stood for a hundred years before the flood took its wheel.', 'Tell me about the history of the old mill.').evidence,
    ).toEqual([]);
  });
});

describe('ignores-user on a closed question answered elsewhere', () => {
  // Found in play: a player waking in a healer's care asks where they are and how long they slept, and a candidate
  // recommends programming books. The recent reply sets the scene the story speaks of.
  const woke =
    'You wake in the loft above the millstones, a blanket over you. Wren sits on a sack of grain by the ladder, turning a cup of tea in his hands. "Easy," he says. "You took a bad fall by the wheel."';
  const asked = 'I sit up slowly and take the tea. "Where am I? How long was I out?"';
  const ask = (text: string, input = asked, lang: 'en' | 'zh' = 'en', recent = [woke]) =>
    settle(ignoresUser(text, contextFor(lang, { input, recent })));

  it('hints when the reply takes up nothing of the question and speaks of what the story never mentions', () => {
    for (const text of [
      'Ah, C++. A language of great power and complexity. I recommend "The C++ Programming Language" by Bjarne Stroustrup, the creator of C++, and "Effective C++" by Scott Meyers.',
      'Certainly! Photosynthesis converts sunlight, carbon dioxide and water into glucose and oxygen inside the chloroplasts of green plants.',
    ]) {
      const result = ask(text, text.startsWith('Certainly') ? 'I sit up. "Where am I?"' : asked);
      expect(result.flagged, text).toBe(false);
      expect(result.hint, text).toBe(true);
      expect(result.confidence, text).toBeLessThan(0.5);
      expect(result.evidence[0].why, text).toContain('takes up none of it');
    }
  });

  it('does not count words any subject uses as the story’s: "great", "first", "well" are no sign of staying on it', () => {
    // The pack speaks of "the great wheel" and "a great deal"; the scene below of a first time and a long while.
    const scene = `${woke} "Well, it's the first time in a long while I've been glad of a good fall."`;
    const result = ask(
      'Well, first things first: great software takes time, my friend. Refactor early, profile before optimising, keep functions small, and document every public interface.',
      asked,
      'en',
      [scene],
    );
    expect(result.hint).toBe(true);
  });

  it('reads a language named with its signs as a word the question and the reply share', () => {
    const text = 'You mean C++ templates, pointers, header files and compilers grumbling over missing semicolons: a thicket of thorns.';
    expect(ask(text, 'I lean on the counter. "Is C++ hard?"').evidence).toEqual([]);
    expect(ask(text.replace('C++', 'Rust'), 'I lean on the counter. "Is C++ hard?"').hint).toBe(true);
  });

  it('reads a word of the question in another form or misspelt as taken up ("programmer", "programming")', () => {
    const text = 'Programming, in my youth, before the fever; now I mend nets and sell eels by the bridge for a living, friend.';
    expect(ask(text, 'I point at the stranger. "Were you a programmer?"').evidence).toEqual([]);
    expect(ask(text, 'I point at the stranger. "Were you a soldier?"').hint).toBe(true);
  });

  it('leaves a reply alone that speaks of the story, whatever else it says', () => {
    // Off the question, but in the story's world: the mill, the wheel, the river, the lamps.
    expect(
      ask(
        'Dunmarrow keeps its own hours, my friend: the mill, the wheel, the river after dark, the glowworm lamps burning low in every window.',
      ).evidence,
    ).toEqual([]);
    expect(
      ask(
        'Calder Ford wakes before the roosters, my friend: the kilns, the tannery, the toll road after supper, potters haggling in every lane.',
      ).hint,
    ).toBe(true);
  });

  it('does not judge a closed question that only says back the last reply', () => {
    const said = '"Easy," Wren says. "Is it broken? No. You took a bad fall by the wheel, that is all."';
    const off = 'Ah, C++. A language of great power and complexity. I recommend "The C++ Programming Language" by Bjarne Stroustrup.';
    expect(ask(off, 'I wince. "Is it broken?"', 'en', [said]).evidence).toEqual([]);
    expect(ask(off, 'I wince. "Is it healed?"', 'en', [said]).hint).toBe(true);
  });

  it('does not judge a story too thin to know its subject', () => {
    const off = 'Ah, C++. A language of great power and complexity. I recommend "The C++ Programming Language" by Bjarne Stroustrup.';
    const thin = miniPack({ summary: '', setting: '', laws: [], lore: [], characters: [], openings: [], threads: [] });
    const ctx = { ...contextFor('en', { input: 'I sit up. "Where am I?"' }), pack: thin, persona: thin.player };
    expect(settle(ignoresUser(off, ctx)).evidence).toEqual([]);
    expect(ask(off, 'I sit up. "Where am I?"', 'en', []).hint).toBe(true);
  });

  it('leaves an answer of the form asked alone, even without the question’s words or the story’s', () => {
    for (const text of [
      // A time, a place, a name: answers that share no word with the question or the scene.
      'Two nights and a day, near enough. The physician from Calder Ford stitched that gash himself and swore you would mend.',
      'Here, safe among friends. The physician from Calder Ford stitched that gash himself and swore you would mend by spring.',
      "I don't know, truly. The physician from Calder Ford stitched that gash himself and swore you would mend by spring.",
    ]) {
      expect(ask(text).evidence, text).toEqual([]);
    }
    // Who-questions take a name, yes-no questions a yes or a no.
    expect(
      ask(
        'I am Brannoch, physician of Calder Ford, summoned across three valleys because somebody paid handsomely for stitches.',
        'I squint at the stranger. "Who are you?"',
      ).evidence,
    ).toEqual([]);
    expect(
      ask(
        'No, and stop fretting. The physician from Calder Ford stitched that gash himself and swore you would mend by spring.',
        'I touch the bandage. "Will it scar?"',
      ).evidence,
    ).toEqual([]);
    expect(
      ask(
        'Exactly so, by a surgeon from Calder Ford who charged far too much and swore you would mend by spring.',
        'I touch the bandage. "Is it stitched?"',
      ).evidence,
    ).toEqual([]);
  });

  it('leaves a gruff deflection in character alone', () => {
    for (const text of [
      // A question back, a word about the asking, the scene's own words.
      'Does it matter? You are breathing. Physicians stitched worse gashes on battlefields, and nobody there whimpered like some lordling.',
      'Questions later. You are breathing. Physicians stitched worse gashes on battlefields, and nobody there whimpered like some lordling.',
      'Quiet. Wren hauled you out from under the wheel himself, soaked and bleeding, and he has not slept a wink; let him rest.',
    ]) {
      expect(ask(text).evidence, text).toEqual([]);
    }
  });

  it('hears a retort that says "yours" or "ours" as spoken to the player, not as narration', () => {
    const retort =
      'Does it matter? Physicians stitched worse gashes than yours on battlefields, and nobody there whimpered like some lordling.';
    expect(ask(retort).evidence).toEqual([]);
    expect(ask(retort.replace('yours', 'these')).flagged).toBe(true);
  });

  it('judges only closed questions, and never a question that only echoes the last reply', () => {
    const offTopic =
      'You see, photosynthesis converts sunlight, carbon dioxide and water into glucose and oxygen inside the chloroplasts of green plants.';
    // "What is on your mind?" may fairly be met by a new subject.
    expect(ask(offTopic, 'I look at Wren. "What is on your mind?"').evidence).toEqual([]);
    // "A bad fall?" says back the last reply's words: it checks, it asks for nothing.
    expect(ask(offTopic, 'I blink. "A bad fall?"').evidence).toEqual([]);
    expect(ask(offTopic, 'I blink. "Where am I?"').hint).toBe(true);
  });

  it('hints on a Chinese reply to a closed question that speaks of something else', () => {
    const scene = '你在磨坊的阁楼上醒来，身上盖着毯子。林风坐在梯子旁的麦袋上，手里转着一杯茶。“慢点，”他说，“你在水车边摔得不轻。”';
    const elsewhere = ask(
      '编程语言种类繁多，初学者通常先学习变量、函数、循环和数组，再阅读经典教材，掌握面向对象设计与算法复杂度分析。',
      '我慢慢坐起来，接过茶。“这是哪里？我昏了多久？”',
      'zh',
      [scene],
    );
    expect(elsewhere.hint).toBe(true);
    const answered = ask(
      '两天了。这是磨坊的阁楼，林风把你从水车底下拖出来，一直守着没合眼。',
      '我慢慢坐起来，接过茶。“这是哪里？我昏了多久？”',
      'zh',
      [scene],
    );
    expect(answered.evidence).toEqual([]);
    // A yes said the Chinese way answers a yes-no question, and a short reply is not judged (its words are character pairs).
    const yes = ask('没错，城南药铺的掌柜请我来的，诊金早就付清了，你只管安心躺着养伤便是。', '我慢慢坐起来。“你是大夫吗？”', 'zh', [
      scene,
    ]);
    expect(yes.evidence).toEqual([]);
    expect(
      ask('我跟你说，编程语言种类繁多，初学者先学变量。', '我慢慢坐起来，接过茶。“这是哪里？我昏了多久？”', 'zh', [scene]).evidence,
    ).toEqual([]);
  });

  it('is sure when the player asks how much of their own they hold and the reply names no amount; asked of the world, it hints', () => {
    // critics-tenth ik-r1d-4, ik-r2d-4, ik-r3d-4: "I check how much gold I have left." met by mockery, a promise, a lecture.
    const sneer =
      "Wren snorts and wipes the flour from his hands. 'Counting coins again, are we? A miller's purse is his own business, and you would do well to mind yours.'";
    const r = run(sneer, 'I count how much silver I have left in my purse.');
    expect(r.flagged).toBe(true);
    expect(r.evidence[0].why).toMatch(/how much or how many/);
    expect(run(sneer, 'How many arrows do we still have?').flagged).toBe(true);
    // Asked of the world, a trader may bounce it back or refuse the sale: a hint.
    const world = run(sneer, 'How many coins are in the strongbox?');
    expect(world.flagged).toBe(false);
    expect(world.hint).toBe(true);
    // A figure, or a word of quantity, answers in any voice; a feeling measured asks for no amount.
    const own = 'I count how much silver I have left in my purse.';
    expect(run(sneer.replace('Counting coins again, are we?', 'Three, and not a penny more.'), own).flagged).toBe(false);
    expect(run(sneer.replace('Counting coins again', 'Not many left'), own).flagged).toBe(false);
    expect(run(sneer, 'You have no idea how much I missed this mill, Wren.').evidence).toEqual([]);
  });

  it("is sure when the player's move is offered back as one choice among others instead of carried out", () => {
    // critics-tenth ik-r1m-4: "I rent a room for the night." met by "You could rent a room ... or spend it on a potion".
    const menu =
      'Wren leans on the counter and taps the slate. You have four pennies to your name. You could hire the skiff for the crossing or buy bread for the road.';
    expect(run(menu, 'I hire the skiff for the crossing.').flagged).toBe(true);
    // The move done, refused with a reason, or another move altogether is taken up or left to other rules.
    expect(run(menu.replace('You could hire', 'You hire'), 'I hire the skiff for the crossing.').flagged).toBe(false);
    const refused =
      'Wren leans on the counter and taps the slate. You could hire the skiff or the barge, but both are out on the river until dawn.';
    expect(run(refused, 'I hire the skiff for the crossing.').flagged).toBe(false);
    expect(run(menu, 'I buy a lantern from Wren.').flagged).toBe(false);
  });
});
