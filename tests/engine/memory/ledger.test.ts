import { describe, expect, it } from 'vitest';
import {
  addFacts,
  emptyMemory,
  forgetFact,
  MAX_FACTS,
  pinFact,
  recordPlayerFacts,
  renderMemory,
} from '../../../src/engine/memory/index.js';
import type { Fact } from '../../../src/engine/types.js';

const fact = (i: number, kind: Fact['kind'] = 'possession'): Fact => ({
  id: `f${i}`,
  text: `Tamsin has item ${i}.`,
  kind,
  turn: i,
  source: 'player',
});

describe('fact ledger', () => {
  it('records what the player says and skips duplicates', () => {
    let memory = recordPlayerFacts(emptyMemory(), 'My brother is Wren.', 1, 'Tamsin', 'en');
    memory = recordPlayerFacts(memory, 'Like I said, my brother is Wren.', 4, 'Tamsin', 'en');
    expect(memory.facts.map((f) => f.text)).toEqual(["Wren is Tamsin's brother."]);
    expect(memory.facts[0].turn).toBe(1);
  });

  it('replaces an older name with a newer one', () => {
    let memory = recordPlayerFacts(emptyMemory(), 'My name is Tamsin.', 1, 'Tamsin', 'en');
    memory = recordPlayerFacts(memory, 'Call me Tam.', 5, 'Tamsin', 'en');
    expect(memory.facts.map((f) => f.text)).toEqual(["The player's character is named Tam."]);
  });

  it(`stays at ${MAX_FACTS} facts, keeping pinned facts and names over possessions`, () => {
    let memory = pinFact(emptyMemory(), 'The orchard rings at night.', 0).memory;
    memory = addFacts(memory, [{ ...fact(1, 'relationship'), text: "Wren is Tamsin's brother." }]);
    memory = addFacts(
      memory,
      Array.from({ length: 60 }, (_, i) => fact(i + 2)),
    );
    expect(memory.facts).toHaveLength(MAX_FACTS);
    expect(memory.facts.map((f) => f.text)).toContain('The orchard rings at night.');
    expect(memory.facts.map((f) => f.text)).toContain("Wren is Tamsin's brother.");
    expect(memory.facts.map((f) => f.text)).not.toContain('Tamsin has item 2.');
    expect(memory.facts.map((f) => f.text)).toContain('Tamsin has item 61.');
  });

  it('pins with /remember and forgets by id', () => {
    const { memory, fact: pinned } = pinFact(emptyMemory(), '  Wren   owes Ilsa the mill. ', 7);
    expect(pinned).toMatchObject({ text: 'Wren owes Ilsa the mill.', source: 'pinned', turn: 7 });
    expect(memory.facts).toEqual([pinned]);
    const again = pinFact(memory, 'Wren owes Ilsa the mill.', 9);
    expect(again.memory.facts).toHaveLength(1);
    expect(forgetFact(memory, pinned.id).facts).toEqual([]);
    expect(forgetFact(memory, 'nope')).toBe(memory);
  });

  it('renders compactly and always, in the pack language', () => {
    expect(renderMemory(emptyMemory(), 'en')).toContain('(none yet)');
    const memory = { ...pinFact(emptyMemory(), '林风是林雨的哥哥。', 1).memory, summary: '[t2] 水车停了。' };
    const zh = renderMemory(memory, 'zh-CN');
    expect(zh).toContain('## 记忆');
    expect(zh).toContain('- 林风是林雨的哥哥。');
    expect(zh).toContain('[t2] 水车停了。');
  });
});

describe('contradictions in the ledger', () => {
  const stated = (
    text: string,
    kind: Fact['kind'],
    subject: string,
    value: string,
    turn: number,
    source: Fact['source'] = 'player',
  ): Fact => ({ id: `${subject}-${value}-${turn}`, text, kind, turn, source, subject, value });

  it('a later fact with the same kind and subject and another value replaces the earlier one', () => {
    let memory = recordPlayerFacts(emptyMemory(), 'Wren is my brother.', 2, 'Tamsin', 'en');
    memory = recordPlayerFacts(memory, 'My mother Ilsa runs the mill.', 3, 'Tamsin', 'en');
    memory = recordPlayerFacts(memory, 'Wren is my cousin, not my brother.', 9, 'Tamsin', 'en');
    expect(memory.facts.map((f) => `${f.turn}: ${f.text}`)).toEqual(["3: Ilsa is Tamsin's mother.", "9: Wren is Tamsin's cousin."]);
  });

  it('keeps the later fact when an earlier one arrives after it, and never replaces a pinned one', () => {
    let memory = addFacts(emptyMemory(), [stated('Tamsin lives in Harrowgate.', 'place', 'home', 'Harrowgate', 8)]);
    memory = addFacts(memory, [stated('Tamsin lives in Sarn.', 'place', 'home', 'Sarn', 4, 'model')]);
    expect(memory.facts.map((f) => f.text)).toEqual(['Tamsin lives in Harrowgate.']);
    const pinned = stated('Tamsin is a smith.', 'other', 'occupation', 'smith', 1, 'pinned');
    memory = addFacts(addFacts(emptyMemory(), [pinned]), [stated('Tamsin is a baker.', 'other', 'occupation', 'baker', 5)]);
    expect(memory.facts.map((f) => f.text)).toEqual(['Tamsin is a smith.']);
  });

  it('skips the same claim in other words, and does not key contradictions on the player alone', () => {
    let memory = addFacts(emptyMemory(), [stated("Biscuit is Tamsin's dog.", 'relationship', 'Biscuit', 'dog', 1)]);
    memory = addFacts(memory, [stated('Biscuit is the dog Tamsin owns.', 'relationship', 'biscuit', 'Dog', 1, 'model')]);
    expect(memory.facts).toHaveLength(1);
    memory = addFacts(emptyMemory(), [
      stated('Tamsin fears water.', 'other', 'player', 'fears water', 1, 'model'),
      stated('Tamsin is left-handed.', 'other', 'player', 'left-handed', 2, 'model'),
    ]);
    expect(memory.facts).toHaveLength(2);
  });
});
