import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/engine/memory/index.js';

const texts = (input: string, language = 'en') => extractFacts(input, 3, 'Tamsin', language).map((f) => `${f.kind}: ${f.text}`);

describe('extractFacts (English)', () => {
  it('finds names and relationships', () => {
    expect(texts('My name is Tamsin and my brother is Wren.')).toEqual([
      "name: The player's character is named Tamsin.",
      "relationship: Wren is Tamsin's brother.",
    ]);
    expect(texts('Call me Tam.')).toEqual(["name: The player's character is named Tam."]);
    expect(texts("I'm Tamsin. Ilsa is my aunt.")).toEqual([
      "name: The player's character is named Tamsin.",
      "relationship: Ilsa is Tamsin's aunt.",
    ]);
    expect(texts('My best friend, Corin, is waiting.')).toEqual(["relationship: Corin is Tamsin's best friend."]);
  });

  it('finds promises, possessions and places', () => {
    expect(texts("I promise I'll bring her home.")).toEqual(['promise: Tamsin promised: "I promise I\'ll bring her home".']);
    expect(texts('I carry a brass key and I have a lamp.')).toEqual([
      'possession: Tamsin has a brass key.',
      'possession: Tamsin has a lamp.',
    ]);
    expect(texts('I grew up in Harrowgate, by the sea.')).toEqual(['place: Tamsin comes from Harrowgate.']);
  });

  it('ignores look-alikes and deduplicates', () => {
    expect(texts("I'm tired. I'm Not going. I have a bad feeling about this.")).toEqual([]);
    expect(texts("I'm Wren's sister.")).toEqual(["relationship: Tamsin is Wren's sister."]);
    const facts = extractFacts('My name is Tamsin. My name is Tamsin.', 1, 'Tamsin', 'en');
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ kind: 'name', turn: 1, source: 'player' });
    expect(extractFacts('My name is Tamsin.', 9, 'Tamsin', 'en')[0].id).toBe(facts[0].id);
  });
});

describe('extractFacts (Chinese)', () => {
  it('finds names, relationships, promises, possessions and places', () => {
    const found = texts('我叫林雨，我哥哥是林风。我发誓一定会找到她。我带着一把铜钥匙。我来自江南。', 'zh');
    expect(found).toEqual([
      'name: 玩家角色名叫林雨。',
      'relationship: 林风是Tamsin的哥哥。',
      'promise: Tamsin承诺：“我发誓一定会找到她”。',
      'possession: Tamsin有一把铜钥匙。',
      'place: Tamsin来自江南。',
    ]);
    expect(texts('阿月是我的妹妹。', 'zh')).toEqual(['relationship: 阿月是Tamsin的妹妹。']);
    expect(texts('我哥哥是个好人。', 'zh')).toEqual([]);
    expect(texts('我叫林雨很高兴认识你', 'zh')).toEqual(['name: 玩家角色名叫林雨。']);
  });
});

const kinds = (input: string, language = 'en') => extractFacts(input, 1, 'Tamsin', language).map((f) => `${f.kind}: ${f.text}`);

describe('extractFacts: the common shapes', () => {
  it('finds the dog in a message about something else', () => {
    const facts = extractFacts('I tell Wren: my dog is called Biscuit and she is afraid of thunder.', 1, 'Tamsin', 'en');
    expect(facts.map((f) => `${f.kind}: ${f.text}`)).toEqual(["relationship: Biscuit is Tamsin's dog."]);
    expect(facts[0]).toMatchObject({ subject: 'Biscuit', value: 'dog', turn: 1, source: 'player' });
  });

  it('reads relations and pets said either way round, in English', () => {
    expect(kinds('Pepper is my cat.')).toEqual(["relationship: Pepper is Tamsin's cat."]);
    expect(kinds('I have a younger sister named Oriel.')).toEqual(["relationship: Oriel is Tamsin's younger sister."]);
    expect(kinds("I've got a hound, Bran.")).toEqual(["relationship: Bran is Tamsin's hound."]);
    expect(kinds('I named my mare Thistle.')).toEqual(["relationship: Thistle is Tamsin's mare."]);
    expect(kinds('I love you, Corin.')).toEqual(['relationship: Tamsin loves Corin.']);
  });

  it('reads promises, homes, tastes and trades, in English', () => {
    expect(kinds('I promised Corin I would mend the nets.')).toEqual([
      'promise: Tamsin promised: "I promised Corin I would mend the nets".',
    ]);
    expect(kinds('No matter what happens, I will get you out of here.')).toEqual([
      'promise: Tamsin promised: "I will get you out of here".',
    ]);
    expect(kinds('I live in a cottage by the weir.')).toEqual(['place: Tamsin lives in a cottage by the weir.']);
    expect(kinds('I hate boiled cabbage.')).toEqual(['preference: Tamsin hates boiled cabbage.']);
    expect(kinds("I'm terrified of heights.")).toEqual(['preference: Tamsin is afraid of heights.']);
    expect(kinds("I've always had a thing for old maps, honestly.")).toEqual(['preference: Tamsin likes old maps.']);
    expect(kinds("I'm a trained healer.")).toEqual(['other: Tamsin is a healer.']);
    expect(kinds('I work as a ferryman.')).toEqual(['other: Tamsin works as a ferryman.']);
    expect(kinds('Thanks for everything. - Tamsin')).toEqual(["name: The player's character is named Tamsin."]);
  });

  it('leaves alone what is said of someone else, or of the moment', () => {
    for (const text of [
      'Corin says his cat is called Pepper.',
      'Is your horse called Thistle?',
      'I hate to interrupt, but the boat is leaving.',
      "I'm afraid we're too late.",
      'I love the sound of that.',
      'I love it here.',
      'You promised you would wait.',
      'I promise.',
      "I swear, if he says that again I'll scream.",
      'I have a few ideas in mind.',
      'I have a sister, but she left.',
      'I live for this.',
      'I carry the lantern closer to the wall and listen.',
      'I enjoy the silence for a moment.',
      "I can't stand another minute here.",
      "I swear on my mother's grave he was here.",
    ])
      expect(kinds(text), text).not.toContainEqual(expect.stringMatching(/^(relationship|preference|promise|place|possession|name)/));
    expect(kinds("I carry my father's compass.")).toEqual(["possession: Tamsin has their father's compass."]);
  });

  it('reads the same shapes in Chinese', () => {
    expect(kinds('我的猫叫团团，它很胖。', 'zh')).toEqual(['relationship: 团团是Tamsin的猫。']);
    expect(kinds('小黑是我的狗。', 'zh')).toEqual(['relationship: 小黑是Tamsin的狗。']);
    expect(kinds('我有个弟弟叫阿木。', 'zh')).toEqual(['relationship: 阿木是Tamsin的弟弟。']);
    expect(kinds('我答应过娘亲要早点回家。', 'zh')).toEqual(['promise: Tamsin承诺：“我答应过娘亲要早点回家”。']);
    expect(kinds('我住在河边的磨坊里。', 'zh')).toEqual(['place: Tamsin住在河边的磨坊里。']);
    expect(kinds('我最讨厌吃香菜。', 'zh')).toEqual(['preference: Tamsin讨厌吃香菜。']);
    expect(kinds('听说我王伯伯回来了？', 'zh')).toEqual(['relationship: 王伯伯是Tamsin的长辈。']);
    expect(kinds('无论发生什么，我都会保护你。', 'zh')).toEqual(['promise: Tamsin承诺：“我都会保护你”。']);
    for (const text of [
      '他答应过我会回来。',
      '你住在哪里？',
      '我讨厌你这样。',
      '我有点累。',
      '我答应你。',
      '我喜欢你。',
      '我怕来不及。',
      '他的狗叫小黑。',
      '我住在这里很久了。',
    ]) {
      expect(kinds(text, 'zh'), text).toEqual([]);
    }
  });
});
