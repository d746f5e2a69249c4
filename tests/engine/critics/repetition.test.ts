import { describe, expect, it } from 'vitest';
import { repetition } from '../../../src/engine/critics/repetition.js';
import { settle } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';
import type { CriticContext } from '../../../src/engine/critics/context.js';

describe('repetition', () => {
  it('takes a whole stage direction copied from a recent reply as sure, a part of one as a hint', () => {
    const earlier = '(wipes his hands, his eyes on the silent wheel) The miller? Gone since dawn. (shrugs)';
    const reply = 'Ask the widow, then. (wipes his hands, his eyes on the silent wheel) She keeps his keys.';
    const whole = settle(repetition(reply, contextFor('en', { recent: ['Wren says nothing.', earlier] })));
    expect(whole.flagged, JSON.stringify(whole.evidence)).toBe(true);
    // Copied from four replies back it is as often the character's standing pose: a hint.
    const between = ['Wren says nothing.', 'The yard is quiet.', 'Rain on the roof.'];
    const old = settle(repetition(reply, contextFor('en', { recent: [earlier, ...between] })));
    expect(old.flagged, JSON.stringify(old.evidence)).toBe(false);
    expect(old.hint).toBe(true);
    // The same words inside a longer direction of its own are a stock frame, not the beat again.
    const part = 'Ask the widow. (wipes his hands, his eyes on the silent wheel, then on you) She knows.';
    const r = settle(repetition(part, contextFor('en', { recent: ['Wren says nothing.', earlier] })));
    expect(r.flagged, JSON.stringify(r.evidence)).toBe(false);
    expect(r.hint).toBe(true);
  });

  it("keeps a run from the last reply when an older reply's longer copy of it was passed over as formula", () => {
    // The last reply holds the start of a run ("Well then, friend. What would you like to"), the one before all of it,
    // a formula alone, and the oldest all of it again: the passed-over run must not take another piece of evidence.
    const oldest = 'The rain stops. Well then, friend. What would you like to do next? Nobody answers.';
    const older = 'A door bangs. Well then, friend. What would you like to do next? The lamp gutters.';
    const last = 'Wren nods. Well then, friend. What would you like to see first? The mill wheel groans in the dark water below us.';
    const reply = 'Mara shrugs. Well then, friend. What would you like to do next? The mill wheel groans in the dark water below us.';
    const r = settle(repetition(reply, contextFor('en', { recent: [oldest, older, last] })));
    expect(r.evidence.map((e) => e.text)).toContain('The mill wheel groans in the dark water below us');
    expect(r.flagged, JSON.stringify(r.evidence)).toBe(true);
  });

  it("quotes the older reply's whole copied direction when the last reply held only its first words", () => {
    const older = 'The sluice is shut. (leans on the wheel, his voice dropping to a murmur) Nobody opened it.';
    const last = 'Wren looks away. (leans on the wheel, his voice dropping to a whisper) Ask the widow.';
    const reply = 'Fine. (leans on the wheel, his voice dropping to a murmur) Then we wait for the miller.';
    const r = settle(repetition(reply, contextFor('en', { recent: [older, last] })));
    expect(r.flagged, JSON.stringify(r.evidence)).toBe(true);
    expect(r.evidence.map((e) => e.text)).toEqual(['leans on the wheel, his voice dropping to a murmur']);
  });

  it('reads a thought / action / thought layout kept every turn as the format, not the same paragraph structure', () => {
    const turn = (thought: string, act: string, said: string, aside: string): string =>
      `[${thought}]\n\n(Your action: ${act}) "${said}"\n\n(Your thought: ${aside})`;
    const recent = [
      turn(
        'What does he want with the ledger?',
        'Folds her arms by the mill door',
        'The wheel stopped at dawn, Wren.',
        'Keep him talking.',
      ),
      turn('He is lying about the miller.', 'Steps closer to the sluice', 'Who paid you to open the gate?', 'He will not meet my eyes.'),
    ];
    const reply = turn(
      'He is afraid, and not of me.',
      'Lowers her voice, glancing at the yard',
      'Tell me who came last night.',
      'I should have brought the lamp.',
    );
    const r = settle(repetition(reply, contextFor('en', { recent })));
    expect(r.evidence, JSON.stringify(r.evidence)).toEqual([]);
    // The same skeleton in a reply whose earlier turns were written otherwise is still the reply going round.
    const loose = ['Wren shrugs and turns back to the wheel, saying nothing at all.', recent[1]];
    expect(settle(repetition(reply, contextFor('en', { recent: loose }))).flagged).toBe(true);
  });

  it("keeps an opening that narrates the player's own move ('You turn to Wren, ...') a hint when nothing else is copied", () => {
    const earlier = 'You turn to Wren, who wipes his hands on a rag. "The wheel stopped at dawn," he says.';
    const reply = 'You turn to Wren, but he is already walking off toward the sluice, muttering about the miller.';
    const r = settle(repetition(reply, contextFor('en', { input: 'look for the miller', recent: [earlier] })));
    expect(r.flagged).toBe(false);
    expect(r.hint).toBe(true);
    // The narrator's own opening said again is still its habit.
    const own = settle(
      repetition('Rain drums on the mill roof while Wren sleeps.', contextFor('en', { recent: ['Rain drums on the sluice gate.'] })),
    );
    expect(own.flagged).toBe(true);
  });

  it('keeps four words opening one older reply alike a hint; opening like the last reply, or like two, is a habit', () => {
    const older = 'The lamp gutters in the draught from the mill race. Wren looks up from the ledger.';
    const between = ['Wren counts the coins twice and frowns.', 'Outside, the cart has gone and the yard is quiet.'];
    const reply = 'The lamp gutters in the cold, and this time Wren does not look up at all.';
    const once = settle(repetition(reply, contextFor('en', { recent: [older, ...between] })));
    expect(once.flagged, JSON.stringify(once.evidence)).toBe(false);
    expect(once.hint).toBe(true);
    expect(settle(repetition(reply, contextFor('en', { recent: [...between, older] }))).flagged).toBe(true);
    const twice = 'The lamp gutters in the wind while the widow waits at the door.';
    expect(settle(repetition(reply, contextFor('en', { recent: [older, twice, ...between] }))).flagged).toBe(true);
  });

  it('quotes a sentence copied from an older reply even when a newer one shares words later in the reply', () => {
    const older = 'The miller owes Wren for a whole season of flour and will not pay. Rain drums on the roof.';
    const newer = 'Wren shrugs and goes back to mending the old fishing net by the door.';
    const reply =
      'The miller owes Wren for a whole season of flour and will not pay. Outside, the stream runs loud, and Wren goes back to mending the old fishing net by the door.';
    const r = settle(repetition(reply, contextFor('en', { recent: [older, newer] })));
    expect(r.flagged).toBe(true);
    expect(r.evidence.map((e) => e.why)).toContain('repeats the last reply');
    expect(r.evidence.find((e) => e.why === 'repeats a reply 2 turns ago')?.text).toContain('a whole season of flour');
  });

  it("takes a game master's standing prompt said again ('What would you like to do next?') for a formula, not a loop", () => {
    const earlier = 'The gate creaks shut behind the last cart, and the square empties. What would you like to do next?';
    const reply = 'Wren pockets the coin and turns back to his wheel without a word. What would you like to do next?';
    expect(settle(repetition(reply, contextFor('en', { recent: [earlier] }))).flagged).toBe(false);
    // The prompt beside a sentence copied word for word is still the story going round.
    const copied = 'The gate creaks shut behind the last cart, and the square empties. What would you like to do next?';
    expect(settle(repetition(copied, contextFor('en', { recent: [earlier] }))).flagged).toBe(true);
  });

  it('reads words said again to open a sentence that goes on differently as parallelism, a hint; the same sentence twice still loops', () => {
    const parallel =
      'He sets the axe down. "Then what am I supposed to do with all this anger? What am I supposed to do with ten years of sharpening a blade for nothing?" The fire cracks between them.';
    const figure = settle(repetition(parallel, contextFor('en')));
    expect(figure.flagged, JSON.stringify(figure.evidence)).toBe(false);
    expect(figure.hint).toBe(true);
    const loop = 'He sets the axe down. "This is the best day of my whole life. This is the best day of my whole life." The fire cracks.';
    expect(settle(repetition(loop, contextFor('en'))).flagged).toBe(true);
  });

  it('lets a reply open the way an earlier one did when the player gave the same command both times', () => {
    const earlier = 'You turn to Wren, who wipes his hands on a rag. "The wheel stopped at dawn," he says. "Nobody has touched it since."';
    const reply =
      'You turn to Wren, who wipes his hands on a rag. "Ask the miller, he owes me a season," he says. Beyond the door the stream runs loud.';
    const withPrompts = (first: string, now: string): CriticContext => {
      const ctx = contextFor('en', { recent: [earlier], input: now });
      return {
        ...ctx,
        history: [
          { role: 'player', text: first, turn: 1 },
          { role: 'narrator', text: earlier, turn: 1 },
        ],
      };
    };
    // "ask Wren about the wheel", then "ask Wren about the miller": the same move, carried out the same way.
    expect(settle(repetition(reply, withPrompts('ask Wren about the wheel', 'ask Wren about the miller'))).flagged).toBe(false);
    expect(settle(repetition(reply, withPrompts('I ask Wren about the wheel.', 'I ask Wren about the miller.'))).flagged).toBe(false);
    // The player moved on ("look around"), yet the reply's first sentence is the last one's: the narrator's own habit.
    expect(settle(repetition(reply, withPrompts('ask Wren about the wheel', 'look around'))).flagged).toBe(true);
  });

  it("catches a character's own action line copied whole even when the player sent the same message twice", () => {
    const withPrompts = (earlier: string, reply: string, message: string): boolean => {
      const ctx = contextFor('en', { recent: [earlier], input: message });
      const history = [
        { role: 'player' as const, text: message, turn: 1 },
        { role: 'narrator' as const, text: earlier, turn: 1 },
      ];
      return settle(repetition(reply, { ...ctx, history })).flagged;
    };
    const message = '*sits down at the table and slides the letter across* Read it.';
    // Asterisk style: the character's gesture, eleven words, opens both replies.
    const earlier = '*sets the kettle aside, wiping both hands slowly on the apron* "Where did you find this?"';
    const reply = '*sets the kettle aside, wiping both hands slowly on the apron* "That seal belonged to my sister."';
    expect(withPrompts(earlier, reply, message)).toBe(true);
    // Novel style, a first-person card's narration.
    const novelEarlier = 'I set the kettle aside and wipe both hands slowly on my apron before I look up. "Where did you find this?"';
    const novel = 'I set the kettle aside and wipe both hands slowly on my apron before I look up. "That seal was my sister\'s."';
    expect(withPrompts(novelEarlier, novel, message)).toBe(true);
    // Only the first four words alike stay the same move's opening.
    expect(withPrompts(earlier, '*sets the kettle aside, frowning at the seal* "That was my sister\'s."', message)).toBe(false);
    // The player's own move told again the same way stays exempt.
    const you = 'You sit down at the table and slide the letter across to her. "Read it," you say.';
    expect(withPrompts(you, 'You sit down at the table and slide the letter across to her. She reads it twice.', message)).toBe(false);
  });

  it("keeps a narrator's stock frame of seven to nine words said again inside a new sentence a hint; a longer run or a whole sentence copied is sure", () => {
    const earlier =
      '"It was my father\'s wheel," Wren says, his voice carrying the weight of an old grief. He turns the ledger toward you.';
    const recent = [earlier, "The widow's cart rattles past the window and is gone."];
    // Eight words of a frame ("Wren says, his voice carrying the weight of"), the sentence going on its own way.
    const frame =
      '"The widow bought the debt in spring," Wren says, his voice carrying the weight of a long winter. "Ask her about the rest."';
    const hint = settle(repetition(frame, contextFor('en', { recent })));
    expect(hint.flagged, JSON.stringify(hint.evidence)).toBe(false);
    expect(hint.hint).toBe(true);
    // Three words further, the clause is the earlier one's.
    const longer = '"The widow bought the debt," Wren says, his voice carrying the weight of an old grief, and he falls quiet.';
    expect(settle(repetition(longer, contextFor('en', { recent }))).flagged).toBe(true);
    // A whole sentence of eight words said again.
    const whole = settle(
      repetition(
        'Wren says nothing at all. The old cold wheel groans in the dark. He waits.',
        contextFor('en', { recent: ['The old cold wheel groans in the dark. Wren looks away.'] }),
      ),
    );
    expect(whole.flagged, JSON.stringify(whole.evidence)).toBe(true);
  });

  it('catches a short reply that is the last one again, though it is shorter than any n-gram', () => {
    const zh = settle(repetition('您先请。', contextFor('zh', { recent: ['林风把门推开。', '您先请。'] })));
    expect(zh.flagged).toBe(true);
    expect(zh.evidence[0].why).toContain('whole reply');
    const en = settle(repetition('After you, then.', contextFor('en', { recent: ['After you, then!'] })));
    expect(en.flagged).toBe(true);
  });

  it('keeps a repeated one-word reply a hint: it may be an answer, not yet a loop', () => {
    const result = settle(repetition('Yes.', contextFor('en', { recent: ['Yes.'] })));
    expect(result.flagged).toBe(false);
    expect(result.hint).toBe(true);
  });

  it('keeps a short phrase a long answer says again further on a hint; the same seven words back within a sentence or two still loop', () => {
    // A teacher's answer restates its definition among its rules (critics-third mtb-math-claude-t1).
    const answer =
      'Probability runs from 0 to 1, where 0 means an event is impossible and 1 means an event is certain. A coin has two sides, so heads comes up half the time, and a die has six faces, so a three comes up one time in six. ' +
      'Some rules to keep in mind: the chances of all the outcomes add up to one, events can depend on each other or not, and the rarer an event the lower its number. ' +
      'So remember the scale: 0 means an event is impossible, whatever you hope.';
    const restated = settle(repetition(answer, contextFor('en')));
    expect(restated.flagged, JSON.stringify(restated.evidence)).toBe(false);
    expect(restated.hint).toBe(true);
    // critics-real pippa-ashley-120: the same sentence again two sentences later.
    const loop = settle(
      repetition(
        'Even in this cheap motel, this is the best day of my life. I smile and laugh a little. This is the best day of my life, by far.',
        contextFor('en'),
      ),
    );
    expect(loop.flagged).toBe(true);
  });

  it("leaves an assistant's sign-off or disclaimer said again to out-of-character, and still catches the story copied", () => {
    // critics-third mtb-math-vicuna7-t2 and mtb-tree-vicuna13-t2.
    const recent = [
      'Probability runs from 0 to 1, the certain event at one end. I hope this helps! Let me know if you have any more questions.',
    ];
    const signOff =
      'Curved space bends the shortest path between two points. I hope this helps! Let me know if you have any more questions.';
    expect(settle(repetition(signOff, contextFor('en', { recent }))).flagged).toBe(false);
    const disclaimers = ['As an AI language model, I do not have feelings, but a tree might grieve.'];
    const again = 'As an AI language model, I do not have the ability to stop the loggers myself.';
    expect(settle(repetition(again, contextFor('en', { recent: disclaimers }))).flagged).toBe(false);
    const story = 'Wren drags the sack of flour across the yard to the cold wheel. I hope this helps.';
    const copied = settle(
      repetition(story, contextFor('en', { recent: ['Wren drags the sack of flour across the yard to the cold wheel.'] })),
    );
    expect(copied.flagged).toBe(true);
    const wholeAgain = settle(repetition(`${recent[0]}`, contextFor('en', { recent })));
    expect(wholeAgain.flagged).toBe(true);
  });

  it('does not take a shared speaker prefix for a repeated opening', () => {
    const recent = ['Wren Alder (thinking): The river is loud tonight, louder than the wheel ever was.'];
    const result = settle(
      repetition('Wren Alder (thinking): The widow wants the mill, and she will have it by spring.', contextFor('en', { recent })),
    );
    expect(result.flagged, JSON.stringify(result.evidence)).toBe(false);
  });

  it('does not read a fenced status block the card asks for every turn as repeated wording, but still reads the prose', () => {
    const bar = (mood: string) => '```\n状态栏\n姓名：林晚\n体力：10\n心情：' + mood + '\n背包：萤火灯一盏、旧钥匙一把、干粮三块\n```';
    const earlier = `林风推开磨坊的门，灰尘在灯光里飘。\n${bar('平静')}`;
    const next = `伊莎从账本后抬起头，问你为什么这么晚才来。\n${bar('紧张')}`;
    expect(settle(repetition(next, contextFor('zh', { recent: [earlier] }))).flagged).toBe(false);
    const copied = `林风推开磨坊的门，灰尘在灯光里飘。\n${bar('紧张')}`;
    const again = settle(repetition(copied, contextFor('zh', { recent: [earlier] })));
    expect(again.flagged).toBe(true);
    expect(again.evidence.map((e) => e.text).join('|')).toContain('林风推开磨坊的门');
    expect(again.evidence.every((e) => copied.slice(e.start, e.end) === e.text)).toBe(true);
  });

  it("does not take the player's own words, said back in the answer and again in its summary, for a loop; a third time is one", () => {
    const input = 'Wren, how did the loss of the old mill wheel change the village?';
    const answer =
      'The loss of the old mill wheel hit the bakers first, then the farmers who had no flour to sell. ' +
      'In the end, the loss of the old mill wheel taught us to share the last sacks.';
    expect(settle(repetition(answer, contextFor('en', { input }))).flagged).toBe(false);
    const looping = `${answer} The loss of the old mill wheel, always the loss of the old mill wheel.`;
    expect(settle(repetition(looping, contextFor('en', { input }))).flagged).toBe(true);
    // The same reply to a message without those words repeats itself.
    expect(settle(repetition(answer, contextFor('en', { input: 'Wren, what happened in the village?' }))).flagged).toBe(true);
  });

  it('does not take a menu that keeps a standing option while its others change for a loop, but flags the same menu offered again', () => {
    const menu = (first: string, second: string) => `What do you do?\n1. ${first}\n2. ${second}\n3. Give up the search and go back home.`;
    const earlier = `The mill door is locked and the windows are dark.\n${menu('Force the lock with the iron bar.', 'Look for another way inside the mill.')}`;
    const next = `The lock gives with a crack and the door swings open on the dark.\n${menu('Step inside with the lamp held high.', 'Keep looking for another way inside the mill.')}`;
    expect(settle(repetition(next, contextFor('en', { recent: [earlier] }))).flagged).toBe(false);
    const same = `The windows stay dark and nobody answers your knock.\n${menu('Force the lock with the iron bar.', 'Look for another way inside the mill.')}`;
    const again = settle(repetition(same, contextFor('en', { recent: [earlier] })));
    expect(again.flagged).toBe(true);
    expect(again.evidence.map((e) => e.text).join('|')).toContain('Force the lock');
  });

  it("keeps part of a game master's standing question, varied from the last reply's, a hint; the whole question again flags", () => {
    const earlier =
      'The sluice gate groans open and the wheel shudders into motion. Is there anything specific you want to check next or any other repairs you wish to make at the mill?';
    const varied =
      'You oil the axle until it runs quiet, and the millstones begin to turn. Would you like to grind the grain now, or any other repairs you wish to make at the mill?';
    const r = settle(repetition(varied, contextFor('en', { input: 'I oil the axle.', recent: [earlier] })));
    expect(r.flagged, JSON.stringify(r.evidence)).toBe(false);
    expect(r.hint).toBe(true);
    const whole =
      'You oil the axle until it runs quiet, and the millstones begin to turn. Is there anything specific you want to check next or any other repairs you wish to make at the mill?';
    expect(settle(repetition(whole, contextFor('en', { input: 'I oil the axle.', recent: [earlier] }))).flagged).toBe(true);
  });
});
