import { describe, expect, it } from 'vitest';
import { measureFacts } from '../../../scripts/measure-facts.js';
import {
  factTable,
  givenLabel,
  matchesLabel,
  parseFactRows,
  precision,
  recall,
  scoreFacts,
  type FactRow,
} from '../../../src/eval/fact-score.js';

describe('offline facts on the labelled player messages', () => {
  it('meets recall >= 0.7 with precision >= 0.9 on the whole set', () => {
    const score = measureFacts();
    expect(score.all.rows).toBeGreaterThanOrEqual(346 + 50);
    // At least 150 real messages, and the labels are mostly "no fact".
    expect(score.groups.real.rows).toBeGreaterThanOrEqual(150);
    expect(score.groups.real.labels).toBeLessThan(score.groups.real.rows / 2);
    expect(recall(score.all)).toBeGreaterThanOrEqual(0.7);
    expect(precision(score.all)).toBeGreaterThanOrEqual(0.9);
    // Real messages alone: a false alarm there is a wrong fact in a real player's every prompt.
    expect(precision(score.groups.real)).toBeGreaterThanOrEqual(0.9);
    expect(factTable(score)).toMatch(/\| \*\*all\*\* \| \d+ \|/);
  });

  it('keeps held-out real messages out of all and finds no wrong fact in them', () => {
    const score = measureFacts();
    const held = score.groups['real-heldout'];
    expect(held.rows).toBeGreaterThanOrEqual(80);
    // Held-out rows (both sets) are in neither the tuned real group nor all.
    expect(score.groups.real.rows + score.groups.authored.rows).toBe(score.all.rows);
    expect(precision(held)).toBe(1);
    expect(held.matched).toBeGreaterThanOrEqual(1);
    // The source names the player for most held-out rows: their name labels are the extractor's input, not found facts.
    expect(held.given).toBeGreaterThanOrEqual(19);
    expect(held.labels + held.given).toBe(26);
    expect(recall(held)).toBeGreaterThanOrEqual(0.14);
    expect(factTable(score)).toMatch(/\| held-out real \(not in all; \d+ player-name labels given\) \| \d+ \|/);
  });

  it('keeps the second held-out set (English SillyTavern chats) apart and finds no wrong fact in it', () => {
    const held = measureFacts().groups['real-heldout-2'];
    expect(held.rows).toBeGreaterThanOrEqual(20);
    expect(held.labels + held.given).toBe(4);
    // "My name is Melissa Sparda" states the name the persona gives (statesName): found in the text, not given.
    expect(held.given).toBe(0);
    expect(held.matched).toBeGreaterThanOrEqual(1);
    expect(precision(held)).toBe(1);
    expect(factTable(measureFacts())).toMatch(/\| held-out real 2 \(not in all\) \| \d+ \|/);
  });

  it('keeps the third held-out set (CRD3 table talk, LIGHT role-play) apart, with few wrong facts', () => {
    const score = measureFacts();
    const held = score.groups['real-heldout-3'];
    expect(held.rows).toBeGreaterThanOrEqual(60);
    expect(held.labels).toBe(8);
    expect(score.groups.real.rows + score.groups.authored.rows).toBe(score.all.rows);
    // Floors at the figures measured after the rules it showed were fixed (docs/player-reading.md).
    expect(held.matched).toBeGreaterThanOrEqual(6);
    // Its one false fact ("i have my spells to keep me warm") is gone since h/player-seventh.
    expect(precision(held)).toBe(1);
    expect(factTable(score)).toMatch(/\| held-out real 3 \(not in all\) \| \d+ \|/);
  });

  it('keeps the fourth held-out set (Critical Role C1E033 table talk) apart, with no wrong fact', () => {
    const score = measureFacts();
    const held = score.groups['real-heldout-4'];
    expect(held.rows).toBeGreaterThanOrEqual(60);
    expect(held.labels).toBe(4);
    expect(held.matched).toBeGreaterThanOrEqual(1);
    expect(precision(held)).toBe(1);
    expect(factTable(score)).toMatch(/\| held-out real 4 \(not in all\) \| \d+ \|/);
  });

  // Floors at the figures measured after the rules their misses showed were fixed (h/player-seventh,
  // docs/player-reading.md). Held-out 6's first run found 0/6; held-out 7's 0/4 with one false alarm.
  it('keeps the sixth and seventh held-out sets (a MUD log, a Critical Role epilogue) apart', () => {
    const score = measureFacts();
    const sixth = score.groups['real-heldout-6'];
    expect(sixth.labels).toBe(6);
    expect(sixth.matched).toBeGreaterThanOrEqual(5);
    expect(precision(sixth)).toBe(1);
    const seventh = score.groups['real-heldout-7'];
    expect(seventh.rows).toBeGreaterThanOrEqual(150);
    expect(seventh.labels).toBe(4);
    expect(seventh.matched).toBeGreaterThanOrEqual(1);
    // "i have a cup" said about a real cup at the table is read as a possession: the one false alarm.
    expect(seventh.predicted - seventh.matched).toBeLessThanOrEqual(1);
    expect(factTable(score)).toMatch(/\| held-out real 7 \(not in all\) \| \d+ \|/);
  });

  // The eighth held-out set (an actual-play podcast) was labelled before the extractor ran on it; its first
  // run found 0/3 with two false facts ("I like Flowl." as the player's liking, "my Codymon with me").
  it('keeps the eighth held-out set (an actual-play podcast) apart, with its characters named', () => {
    const score = measureFacts();
    const eighth = score.groups['real-heldout-8'];
    expect(eighth.rows).toBeGreaterThanOrEqual(130);
    expect(eighth.labels).toBe(3);
    // "I'm really good at trails" is found; "I like Flowl." stays the one false fact ("my Codymon", pretended, is gone).
    expect(eighth.matched).toBeGreaterThanOrEqual(1);
    expect(eighth.predicted - eighth.matched).toBeLessThanOrEqual(1);
    expect(factTable(score)).toMatch(/\| held-out real 8 \(not in all\) \| \d+ \|/);
  });

  // The ninth held-out set (a Chinese Call of Cthulhu game played by text) was labelled before the extractor ran
  // on it; its first run found none of its 11 facts (2 name labels given) and predicted nothing.
  it('keeps the ninth held-out set (a Chinese tabletop game played by text) apart, with its investigator named', () => {
    const score = measureFacts();
    const ninth = score.groups['real-heldout-9'];
    expect(ninth.rows).toBeGreaterThanOrEqual(80);
    expect(ninth.labels).toBe(11);
    expect(ninth.given).toBe(2);
    // Where he is from ("我是法国来的", "我真的就是个可怜的法国人") is found; his trade, promises and flashlight are not.
    expect(ninth.matched).toBeGreaterThanOrEqual(2);
    expect(ninth.predicted - ninth.matched).toBe(0);
    expect(factTable(score)).toMatch(/\| held-out real 9 \(not in all; 2 player-name labels given\) \| \d+ \|/);
  });

  it('leaves out a name label that only repeats the player name the row gives, and counts reading it back as wrong', () => {
    const rows = parseFactRows(
      [
        {
          id: 'a',
          origin: 'real-heldout',
          language: 'en',
          player: 'Orla',
          text: 'Orla waves.',
          facts: [{ kind: 'name', subject: 'player', value: 'Orla' }],
        },
        {
          id: 'b',
          origin: 'real-heldout',
          language: 'en',
          text: 'Orla waves.',
          facts: [{ kind: 'name', subject: 'player', value: 'Orla' }],
        },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const echo = scoreFacts(rows, () => [{ kind: 'name', text: "The player's character is named Orla." }]);
    expect(echo.groups['real-heldout']).toEqual({ rows: 2, labels: 1, given: 1, predicted: 2, matched: 1 });
    expect(givenLabel(rows[0], rows[0].facts[0])).toBe(true);
    expect(givenLabel(rows[1], rows[1].facts[0])).toBe(false);
  });

  it('scores a name the message itself states (statesName) as found in the text, and an echo of the persona as nothing', () => {
    const row = {
      id: 's',
      origin: 'real-heldout-2',
      language: 'en',
      player: 'Orla Venn',
      text: 'Good evening. My name is Orla Venn, and I keep the lighthouse.',
      facts: [{ kind: 'name', subject: 'player', value: 'Orla Venn' }],
    };
    const parse = (r: object) => parseFactRows(JSON.stringify(r));
    const stated = parse({ ...row, statesName: true });
    const named = (name: string) => [{ kind: 'name' as const, text: `The player's character is named ${name}.` }];
    const reader = (r: FactRow) =>
      /My name is ([A-Z]\w+ [A-Z]\w+)/.exec(r.text) ? named(/My name is ([A-Z]\w+ [A-Z]\w+)/.exec(r.text)![1]) : [];
    const echo = (r: FactRow) => (r.player ? named(r.player) : []);
    // A reader of the text finds it; without the flag the same prediction reads the given name back.
    expect(scoreFacts(stated, reader).groups['real-heldout-2']).toEqual({ rows: 1, labels: 1, given: 0, predicted: 1, matched: 1 });
    expect(scoreFacts(parse(row), reader).groups['real-heldout-2']).toEqual({ rows: 1, labels: 0, given: 1, predicted: 1, matched: 0 });
    // Echoing the persona finds nothing: the flagged row is read without it.
    expect(scoreFacts(stated, echo).groups['real-heldout-2']).toEqual({ rows: 1, labels: 1, given: 0, predicted: 0, matched: 0 });
    // The flag needs the name in the text.
    expect(() => parse({ ...row, statesName: true, text: 'Good evening.' })).toThrow(/statesName/);
  });

  it('matches a prediction to a label of the same kind containing its key words', () => {
    const label = { kind: 'place' as const, subject: 'home', value: 'above the harbour' };
    expect(matchesLabel({ kind: 'place', text: 'Tamsin lives in a narrow house above the harbour.' }, label)).toBe(true);
    expect(matchesLabel({ kind: 'place', text: 'Tamsin lives above the harbor.' }, label)).toBe(false);
    expect(matchesLabel({ kind: 'other', text: 'Tamsin lives above the harbour.' }, label)).toBe(false);
    expect(
      matchesLabel({ kind: 'relationship', text: '聂叔叔是玩家的长辈。' }, { kind: 'relationship', subject: 'uncle', value: '聂叔叔' }),
    ).toBe(true);
    expect(
      matchesLabel(
        { kind: 'preference', text: "Tam likes father's swords." },
        { kind: 'preference', subject: 'likes', value: "father's sword" },
      ),
    ).toBe(false);
  });
});
