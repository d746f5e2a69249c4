import { describe, expect, it } from 'vitest';
import { DIRECTION_THRESHOLD, isWaiting, readCues } from '../../../src/engine/pacing/cues.js';
import { PacingModel } from '../../../src/engine/pacing/index.js';

// Phrasings not in tests/corpora/player/messages.jsonl: the rules, not the set, must carry them.
describe('passive input is waiting, whatever its length or punctuation', () => {
  it('reads passive acts in English and Chinese as waiting', () => {
    for (const text of [
      'I wait.',
      'I wait',
      'I keep listening.',
      'I say nothing and watch her.',
      'I stay by the fire and wait.',
      'Silently, I watch the door.',
      'I keep still and let her finish.',
      'We wait for Wren to speak.',
      '*keeps waiting*',
      'I stand where I am, saying nothing, watching the rain and waiting for someone else to break the silence.',
      'Thanks for the tea.',
      'Okay…',
      'Sure!',
      'Like what?',
      '我等着。',
      '我继续听着',
      '我坐在原地，静静地等。',
      '我没有说话，只是看着他。',
      '（一言不发）',
      '嗯，你说吧。',
      '您说得对。',
    ]) {
      expect(isWaiting(text), text).toBe(true);
      expect(readCues(text).waiting, text).toBe(true);
    }
  });

  it('does not take waiting that leads to an act, a question, speech or an order to someone else for waiting', () => {
    for (const text of [
      'I wait until dusk, then climb the wall.',
      'I listen for a moment and then draw my blade.',
      'Stay with me, Wren.',
      'Wait for us at the bridge.',
      'I wait. "Where is Ilsa?"',
      'I watch the road for hours.',
      "I can't wait to see her.",
      '我等不及了，一把推开门。',
      '等一下，你说的是谁？',
      'I nod and open the gate.',
      'Thanks, I take the key and go.',
    ]) {
      expect(isWaiting(text), text).toBe(false);
    }
  });
});

describe('terseness alone is not speed', () => {
  it('a passive or plain short message is not fast; a short act is', () => {
    for (const text of ['I wait.', 'I nod.', 'Hello.', 'Who are you?', 'Maybe.', '我等着。', '你好。']) {
      expect(readCues(text).score, text).toBeLessThan(DIRECTION_THRESHOLD);
    }
    for (const text of ['I kick the door', 'I shoot the lock off.', 'Punch him!', '我砸开锁。']) {
      expect(readCues(text).score, text).toBeGreaterThanOrEqual(DIRECTION_THRESHOLD);
    }
  });

  it('a long paragraph of action is fast, a long question is not slow, a long lingering message is slow', () => {
    const action =
      'I vault the fence, sprint across the courtyard and shoulder the stable door open. Inside I grab the nearest saddle, throw it over the grey mare and ride out through the back gate before the bells start ringing, the guards shouting somewhere behind me.';
    expect(readCues(action).score).toBeGreaterThanOrEqual(DIRECTION_THRESHOLD);
    const question =
      'I have always wondered about the way the guild decides who may trade at the spring fair, since my uncle was refused twice and never told why. How do you feel about the rules, and who actually writes them?';
    expect(Math.abs(readCues(question).score)).toBeLessThan(DIRECTION_THRESHOLD);
    const linger =
      "I sit with my back against the warm stones of the hearth and let the quiet settle. The smell of bread and rain takes me back to my mother's kitchen, and for a moment I miss her so much my chest aches.";
    expect(readCues(linger).score).toBeLessThanOrEqual(-DIRECTION_THRESHOLD);
  });

  it('eight turns of "I wait." do not read as a player pushing forward', () => {
    const model = new PacingModel();
    for (let turn = 1; turn <= 8; turn++) model.observe({ kind: 'message', text: 'I wait.', turn });
    const estimate = model.estimate();
    expect(estimate.score).toBeLessThan(0.25);
    expect(estimate.evidence.some((e) => /only wait for the story to go on/.test(e))).toBe(true);
  });
});

describe('OOC notes spelled out', () => {
  it('reads "Out of character:" as an OOC note with its pace request', () => {
    expect(readCues('(Out of character: slow down a little, please)').ooc?.direction).toBe('slower');
    expect(readCues('I draw. (Out of character: speed it up)').ooc?.direction).toBe('faster');
  });
});
