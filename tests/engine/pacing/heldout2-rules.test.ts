import { describe, expect, it } from 'vitest';
import { isWaiting, readCues, splitOoc } from '../../../src/engine/pacing/cues.js';
import { readDirection } from '../../../src/eval/player-reading.js';

// Rules added after measuring on the second held-out set (English SillyTavern chats, see
// tests/corpora/player/PROVENANCE.md) and the Chinese held-out set. The phrasings here are not in
// the corpus: the rules, not the set, must carry them.
describe('words that only look like pace cues', () => {
  it('reads "your take on" as an opinion asked for, not a grab', () => {
    for (const text of ["What's your take on the old mill?", 'Honestly, my take on it is simple.', 'Their take on the treaty worries me.'])
      expect(readDirection(text), text).toBe('neutral');
    // The verb still counts where it is one.
    expect(readCues('I take the key').score).toBeGreaterThan(0);
  });

  it('reads talk of the bot’s long-term memory or memory bank as no reminiscence', () => {
    for (const text of [
      'Is your long-term memory in order, or is the memory bank missing anything?',
      'The memory banks are loaded. Are the long-term memories in order?',
    ])
      expect(readDirection(text), text).toBe('neutral');
    expect(readCues('The memory of her smile still aches.').score).toBeLessThan(0);
  });
});

describe('asking the story for its next move', () => {
  it('is waiting, in English and in Chinese', () => {
    for (const text of [
      "Alright, what's the next step?",
      'So what do we do now?',
      'Now what?',
      'What do you mean?',
      '你的意思是？',
      '什么意思啊？',
      '什么礼物呀？',
      '什么地方呢？',
      '说什么？',
      '为什么？',
    ])
      expect(isWaiting(text), text).toBe(true);
  });

  it('leaves questions of the player’s own and questions about the world active', () => {
    for (const text of ['什么花最香？', '那是什么？', '我想喝什么都行', "What's the next town called?", 'What do we do with the prisoner?'])
      expect(isWaiting(text), text).toBe(false);
  });
});

describe('a name called out after a go-on question', () => {
  it('leaves the question waiting ("什么礼物？小楠？")', () => {
    for (const text of ['什么礼物？小楠？', '然后呢？阿尔？', '为什么？老周！']) expect(isWaiting(text), text).toBe(true);
  });

  it('is only a name after a question mark, and never an act', () => {
    for (const text of ['哇，好美！', '嗯，好吃。', '什么？杀人？', '然后呢？我来？']) expect(isWaiting(text), text).toBe(false);
  });
});

describe('talk about the role-play itself', () => {
  it('is an out-of-character note without any mark, and moves no pace', () => {
    for (const text of [
      'Could we pause the roleplay for a moment? I want to rethink the villain.',
      'For this role-play I would like the tavern to burn down in act two.',
      'I am setting up a role play set in a drowned city and need a few plot hooks.',
      '我们换个设定继续角色扮演吧',
    ]) {
      const { notes, rest } = splitOoc(text);
      expect(notes, text).toHaveLength(1);
      expect(rest.trim(), text).toBe('');
      expect(readCues(text).inCharacter, text).toBe(false);
    }
  });

  it('leaves a scene that never names the role-play in character, and a marked note as it was', () => {
    for (const text of ['I play the lute for the crowd and bow.', 'She plays her role well, I admit.', '我扮演好自己的角色，向国王行礼。'])
      expect(splitOoc(text).notes, text).toEqual([]);
    expect(splitOoc('I draw my sword. (OOC: this roleplay could go faster)')).toEqual({
      notes: ['this roleplay could go faster'],
      rest: 'I draw my sword.  ',
    });
  });
});
