import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/engine/memory/index.js';

/** Facts as "kind: text", read with self-narration on for the pack's `characters`. */
const read = (text: string, player: string, language = 'en', characters: string[] = ['Bram Hollis', 'Nessa']) =>
  extractFacts(text, 2, player, language, { characters }).map((f) => `${f.kind}: ${f.text}`);

describe('facts the player states of their own character by name (English)', () => {
  it('reads the name as "I" where it opens a clause and as "my" where it owns something', () => {
    expect(read("Orla ties up the skiff. Orla's uncle Tobin keeps the lighthouse.", 'Orla')).toEqual([
      "relationship: Tobin is Orla's uncle.",
    ]);
    expect(read('Orla has a cat called Pepper, and Orla truly loathes turnips.', 'Orla')).toEqual([
      "relationship: Pepper is Orla's cat.",
      'preference: Orla hates turnips.',
    ]);
    expect(read('Orla grew up in Kestrel Bay. Orla is a cartographer.', 'Orla')).toEqual([
      'place: Orla comes from Kestrel Bay.',
      'other: Orla is a cartographer.',
    ]);
    expect(read('Tobin is Orla Venn’s cousin.', 'Orla Venn')).toEqual(["relationship: Tobin is Orla Venn's cousin."]);
  });

  it('quotes a promise in the player’s own words', () => {
    expect(read('Orla vows to repay the debt before winter.', 'Orla')).toEqual([
      'promise: Orla promised: "Orla vows to repay the debt before winter".',
    ]);
  });

  it('reads nothing in quoted speech, in a line spoken to the player, or where the name is an object', () => {
    expect(read('"Orla\'s uncle Tobin keeps the lighthouse," the ferryman says.', 'Orla')).toEqual([]);
    // Said to Orla: someone else's line about her, so nothing in the message is hers.
    expect(read("Orla, your uncle Tobin keeps the lighthouse. Orla's cat is called Pepper.", 'Orla')).toEqual([]);
    expect(read('Tobin hands Orla a lantern and lives in Kestrel Bay.', 'Orla')).toEqual([]);
    expect(read('Orla carries the crate towards the door.', 'Orla')).toEqual([]);
    expect(read('orla lives in Kestrel Bay.', 'Orla')).toEqual([]);
  });

  it('does nothing when a pack character shares the name, or when no characters are given', () => {
    expect(read("Nessa's uncle Tobin keeps the lighthouse.", 'Nessa')).toEqual([]);
    expect(read("Bram's uncle Tobin keeps the lighthouse.", 'Bram')).toEqual([]);
    expect(extractFacts("Orla's uncle Tobin keeps the lighthouse.", 2, 'Orla', 'en')).toEqual([]);
  });

  it('leaves names that are ordinary words, placeholders and single letters alone', () => {
    expect(read('Will has a brother named Corrin.', 'Will')).toEqual([]);
    expect(read('Hope lives in Saltmarsh.', 'Hope')).toEqual([]);
    expect(read('Traveller has a horse called Dun.', 'Traveller')).toEqual([]);
    expect(read('J lives in Saltmarsh.', 'J')).toEqual([]);
  });

  it('still reads the player’s own "I" beside the name, once', () => {
    expect(read("I live in Kestrel Bay. Orla's aunt Pell runs the inn.", 'Orla')).toEqual([
      'place: Orla lives in Kestrel Bay.',
      "relationship: Pell is Orla's aunt.",
    ]);
  });
});

describe('facts the player states of their own character by name (Chinese)', () => {
  const zh = (text: string, player = '阿澈', characters: string[] = ['掌柜']) => read(text, player, 'zh', characters);

  it('reads the name as 我 before 的 and where it opens a clause', () => {
    expect(zh('阿澈的哥哥叫阿岚。阿澈是一名镖师。')).toEqual(['relationship: 阿岚是阿澈的哥哥。', 'other: 阿澈是镖师。']);
    expect(zh('天黑了，阿澈养了一只猫叫年糕。')).toEqual(['relationship: 年糕是阿澈的猫。']);
    expect(zh('雨停后阿岚走了。阿澈最怕打雷。')).toEqual(['preference: 阿澈害怕打雷。']);
    expect(zh('阿澈保证明天把钱还上。')).toEqual(['promise: 阿澈承诺：“阿澈保证明天把钱还上”。']);
  });

  it('reads nothing in quotes, in a line spoken to the player, or where the name is an object', () => {
    expect(zh('“阿澈的哥哥叫阿岚。”掌柜说。')).toEqual([]);
    expect(zh('阿澈，你的哥哥叫阿岚。')).toEqual([]);
    expect(zh('掌柜答应阿澈一定会等他回来。')).toEqual([]);
  });

  it('does nothing for a one-character name or a name a character shares', () => {
    expect(zh('澈的哥哥叫阿岚。', '澈')).toEqual([]);
    expect(zh('阿澈的哥哥叫阿岚。', '阿澈', ['阿澈'])).toEqual([]);
    expect(zh('阿澈的哥哥叫阿岚。', '阿澈', ['小阿澈'])).toEqual([]);
  });
});
