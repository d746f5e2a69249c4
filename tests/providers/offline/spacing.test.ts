/**
 * Over a long story the offline narrator spends its material evenly: a character's authored line
 * is not said again within a scene's worth of replies, lore sentences past an entry's first are
 * told too (a pronoun opening them is given its name), a reveal tells something not yet told,
 * and a reply running short still repeats nothing of the replies the repetition critic reads.
 */
import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../src/providers/offline/compose.js';
import { loreSentences } from '../../../src/providers/offline/material.js';
import { resolveWorld } from '../../../src/world/discover.js';
import type { Beat, Cadence, StoryMessage } from '../../../src/engine/types.js';
import type { WorldPack } from '../../../src/world/types.js';
import { contextFor, planFor, requestFor } from './support.js';

const world = async (id: string): Promise<WorldPack> => (await resolveWorld(id)).pack;

const MOVES = ['I wait.', 'I look around the room.', 'What do you want?', 'I sit down.', 'Tell me more.', 'I nod slowly.', 'and then?'];
const BEATS: Array<[Beat, Cadence]> = [
  ['deepen', 'steady'],
  ['breathe', 'gentle'],
  ['reveal', 'steady'],
  ['resolve', 'gentle'],
  ['complicate', 'steady'],
  ['deepen', 'gentle'],
];

/** Plays `turns` turns at the pack's first opening, keeping candidate 0; returns the replies' compositions. */
function play(pack: WorldPack, turns: number, seed: number, lore: string[] = []) {
  const history: StoryMessage[] = [{ role: 'narrator', text: pack.openings[0].text, turn: 0 }];
  const replies = [];
  for (let turn = 1; turn <= turns; turn++) {
    const input = MOVES[(turn + seed) % MOVES.length];
    history.push({ role: 'player', text: input, turn });
    const [beat, cadence] = BEATS[(turn + seed) % BEATS.length];
    const plan = planFor(beat, cadence, { actors: pack.openings[0].characters.slice(0, 1), targetLength: pack.style.length });
    const reply = composeReply(contextFor(pack, { turn, playerInput: input, history: [...history], lore, seed }), requestFor(plan), 0);
    replies.push(reply);
    history.push({ role: 'narrator', text: reply.text, turn });
  }
  return replies;
}

/** The longest quoted stretch of an authored example line. */
const spoken = (line: string): string => [...line.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort((a, b) => b.length - a.length)[0] ?? line;

describe('spending the material over a long story', () => {
  it("says a character's authored line once in twelve replies, not every seventh turn", async () => {
    for (const id of ['harbor-lights', 'glass-orchard']) {
      const pack = await world(id);
      const lead = pack.characters.find((c) => c.id === pack.openings[0].characters[0])!;
      const lines = lead.examples
        .flatMap((e) => e.split('\n'))
        .map(spoken)
        .filter((l) => l.length > 12);
      expect(lines.length).toBeGreaterThan(3);
      for (const seed of [1, 2, 3]) {
        const texts = play(pack, 30, seed).map((r) => r.text);
        for (const line of lines) {
          const at = texts.flatMap((t, i) => (t.includes(line) ? [i] : []));
          for (let k = 1; k < at.length; k++)
            expect(at[k] - at[k - 1], `${id} "${line}" at replies ${at.join(', ')}`).toBeGreaterThanOrEqual(12);
        }
      }
    }
  });

  it("does not say again a line the opening said, even as the start of a longer authored line (Qingshan's greeting)", async () => {
    const pack = await world('qingshan-inn');
    const opening = pack.openings[0].text;
    // Every run of ten characters the opening says aloud: the repetition critic's run for Chinese.
    const runs = [...opening.matchAll(/“([^”]+)”/g)].flatMap((m) =>
      Array.from({ length: Math.max(0, m[1].length - 9) }, (_, i) => m[1].slice(i, i + 10)),
    );
    expect(runs.length).toBeGreaterThan(10);
    const moves = ['我等着。', '掌柜的，这雪什么时候能停？', '我在火边坐下。', '嗯', '我把信交给云娘。', '我看着她。'];
    let saidAgain = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const history: StoryMessage[] = [{ role: 'narrator', text: opening, turn: 0 }];
      // Inside the twelve replies a line is remembered for, the opening is still among them.
      for (let turn = 1; turn <= 10; turn++) {
        const input = moves[(turn + seed) % moves.length];
        history.push({ role: 'player', text: input, turn });
        const [beat, cadence] = BEATS[(turn + seed) % BEATS.length];
        const plan = planFor(beat, cadence, { actors: pack.openings[0].characters.slice(0, 1), targetLength: pack.style.length });
        const reply = composeReply(contextFor(pack, { turn, playerInput: input, history: [...history], seed }), requestFor(plan), turn % 3);
        if (runs.some((r) => reply.text.includes(r))) saidAgain++;
        history.push({ role: 'narrator', text: reply.text, turn });
      }
    }
    expect(saidAgain).toBe(0);
  });

  it('repeats no seven words of the last six replies, even when the material runs thin', async () => {
    const pack = await world('harbor-lights');
    const words = (t: string) => t.toLowerCase().match(/[a-z0-9']+/g) ?? [];
    const grams = (t: string) => {
      const w = words(t);
      return new Set(w.slice(0, Math.max(0, w.length - 6)).map((_, i) => w.slice(i, i + 7).join(' ')));
    };
    for (const seed of [1, 2, 3, 4]) {
      const replies = play(pack, 30, seed);
      replies.forEach((reply, i) => {
        const before = new Set(replies.slice(Math.max(0, i - 6), i).flatMap((r) => [...grams(r.text)]));
        // The player's words echoed back and the hook's frame are the acknowledgement's and the ending's: not filler.
        for (const part of reply.parts.filter((p) => !['ack', 'answer', 'hook', 'recall', 'thread'].includes(p.kind)))
          for (const g of grams(part.text)) expect(before.has(g), `reply ${i + 1}, seed ${seed}: "${g}" in "${part.text}"`).toBe(false);
      });
    }
  });

  it("tells an entry's later sentences, naming the subject a pronoun stood for", async () => {
    const pack = await world('glass-orchard');
    const entry = pack.lore.find((l) => l.id === 'corwin-morrow')!;
    const told = loreSentences(entry, contextFor(pack));
    expect(told).toContain('Corwin drowned in the millrace on a ringing night three winters ago.');
    expect(told.some((s) => s.startsWith("Corwin's body was found at dawn"))).toBe(true);
    // "The Skell comes down ... It has drowned a dozen": "The" is no name to put for "It".
    for (const id of ['glass-orchard', 'harbor-lights', 'ember-crown']) {
      const other = await world(id);
      for (const l of other.lore)
        for (const s of loreSentences(l, contextFor(other)))
          expect(s).not.toMatch(/^(The|A|An)(['’]s)?\s+(has|have|had|is|was|were|will|can)\b/);
    }
    // An entry that opens on no name keeps dropping a later sentence that cannot stand alone.
    for (const l of pack.lore) {
      const [first, ...later] = loreSentences(l, contextFor(pack));
      for (const s of later) expect(s, `${l.id} after "${first}"`).not.toMatch(/^(He|She|His|Her|It|Its|They)\b/);
    }
  });

  it('makes a reveal tell something the story has not told, not the same hint again', async () => {
    const pack = await world('ember-crown');
    const lore = pack.lore.map((l) => l.id);
    for (const seed of [1, 2]) {
      const reveals = play(pack, 24, seed, lore)
        .flatMap((r) => r.parts)
        .filter((p) => p.kind === 'reveal')
        .map((p) => p.text);
      expect(reveals.length).toBeGreaterThan(2);
      expect(new Set(reveals).size).toBe(reveals.length);
      // Each ends on a sentence of the pack's lore (its end is as written; its start may name a pronoun).
      const loreText = pack.lore.map((l) => l.text.replace(/\s+/g, ' ')).join(' ');
      const ending = (r: string) => r.replace(/[.!?]+$/, '').slice(-20);
      for (const r of reveals) expect(loreText.includes(ending(r)), r).toBe(true);
      // Not from an entry always active: that is the scene's weather ("The realm is in the first night ..."), no news.
      const always = pack.lore.filter((l) => l.constant).map((l) => l.text.replace(/\s+/g, ' '));
      expect(always.length).toBeGreaterThan(0);
      for (const r of reveals)
        expect(
          always.some((t) => t.includes(ending(r))),
          r,
        ).toBe(false);
    }
  });

  it('answers tears with presence, not with a stock line on something else', async () => {
    const pack = await world('glass-orchard');
    const wren = pack.characters.find((c) => c.id === 'wren')!;
    const lines = wren.examples
      .flatMap((e) => e.split('\n'))
      .map(spoken)
      .filter((l) => l.length > 12);
    const input = 'I cry quietly, thinking of Father.';
    let stock = 0;
    for (let seed = 0; seed < 12; seed++) {
      for (const pivot of [undefined, 'distress'] as const) {
        const plan = planFor('breathe', 'gentle', { actors: ['wren'], targetLength: pack.style.length, ...(pivot ? { pivot } : {}) });
        const reply = composeReply(contextFor(pack, { playerInput: input, seed }), requestFor(plan), seed % 3);
        const said = lines.filter((l) => reply.text.includes(l));
        if (pivot) expect(said, reply.text).toEqual([]);
        else stock += said.length;
      }
    }
    // Without the pivot the same replies do carry his lines: the pivot is what withholds them.
    expect(stock).toBeGreaterThan(0);
  });
});
