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
    expect(texts('I carry a brass key and I have a lamp.')).toEqual(['possession: Tamsin has a brass key.', 'possession: Tamsin has a lamp.']);
    expect(texts('I grew up in Harrowgate, by the sea.')).toEqual(['place: Tamsin is from / lives in Harrowgate.']);
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
      'place: Tamsin来自/住在江南。',
    ]);
    expect(texts('阿月是我的妹妹。', 'zh')).toEqual(['relationship: 阿月是Tamsin的妹妹。']);
    expect(texts('我哥哥是个好人。', 'zh')).toEqual([]);
    expect(texts('我叫林雨很高兴认识你', 'zh')).toEqual(['name: 玩家角色名叫林雨。']);
  });
});
