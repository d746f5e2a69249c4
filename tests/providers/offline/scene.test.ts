/**
 * The offline narrator as a scene partner: only the people in the scene act (those the opening
 * puts there, those the player or the narration brought in, or someone arriving with an
 * entrance), and a question is answered on its subject or with a neutral beat, never with an
 * unrelated fact of the pack.
 */
import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../src/providers/offline/compose.js';
import { resolveWorld } from '../../../src/world/discover.js';
import type { Beat, Cadence, StoryMessage } from '../../../src/engine/types.js';
import type { WorldPack } from '../../../src/world/types.js';
import { contextFor, planFor, requestFor } from './support.js';

const orchard = async (): Promise<WorldPack> => (await resolveWorld('glass-orchard')).pack;

const QUOTED = /"[^"]*"|“[^”]*”/g;

/** Characters named in a text, by id, by any of their names. */
function named(pack: WorldPack, text: string): string[] {
  return pack.characters
    .filter((c) => [c.name, ...c.aliases, c.name.split(' ')[0]].some((n) => new RegExp(`\\b${n}\\b`).test(text)))
    .map((c) => c.id);
}

/** Who acts in a text: characters named in its narration, outside dialogue. */
const acting = (pack: WorldPack, text: string): string[] => named(pack, text.replace(QUOTED, ' '));

const BEATS: Array<[Beat, Cadence]> = [
  ['complicate', 'steady'],
  ['escalate', 'bold'],
  ['reveal', 'steady'],
  ['complicate', 'bold'],
  ['deepen', 'steady'],
  ['breathe', 'gentle'],
];

describe('who is in the scene', () => {
  it('keeps every reply to the scene: the opening, the people brought in lately, or an entrance', async () => {
    const pack = await orchard();
    // Moves at the mill with Wren alone; one brings Maud in by name, turns later.
    const moves = [
      'I walk up the hill toward the orchard without waiting for him.',
      '"I heard the trees," I say, dropping the bag. "The new note. Who is it for, Wren?"',
      'I wait by the sluice and watch the water.',
      'I go to find Maud Fennick at her lamp shed.',
      'I ask about the glowworms.',
      'I sit on the mill steps.',
      'I say nothing for a while.',
      'I look back at the orchard.',
    ];
    let entrances = 0;
    for (let seed = 0; seed < 6; seed++) {
      const history: StoryMessage[] = [{ role: 'narrator', text: pack.openings[0].text, turn: 0 }];
      for (let turn = 1; turn <= moves.length; turn++) {
        const input = moves[turn - 1];
        const [beat, cadence] = BEATS[(turn + seed) % BEATS.length];
        // The planner may name anyone (a thread, a relation to the player): the narrator keeps to the scene.
        const plan = planFor(beat, cadence, { actors: ['ilsa', 'wren', 'maud'], targetLength: pack.style.length });
        const context = contextFor(pack, { turn, playerInput: input, history: [...history], lore: ['late-autumn'], seed });
        const recent = history.slice(-6);
        const scene = new Set([
          ...pack.openings[0].characters,
          ...named(pack, input),
          ...recent.flatMap((m) => (m.role === 'player' ? named(pack, m.text) : acting(pack, m.text))),
        ]);
        const replies = [0, 1, 2].map((i) => composeReply(context, requestFor(plan, `c${i}`), i));
        for (const reply of replies) {
          const arrived = new Set<string>();
          for (const part of reply.parts) {
            const who = acting(pack, part.text);
            if (part.kind === 'entrance') {
              entrances += 1;
              for (const id of who) arrived.add(id);
            }
            for (const id of who)
              expect(scene.has(id) || arrived.has(id), `${id} in "${part.text}" (turn ${turn}, seed ${seed})`).toBe(true);
          }
        }
        history.push({ role: 'player', text: input, turn }, { role: 'narrator', text: replies[turn % 3].text, turn });
      }
    }
    // The complications did bring someone in, the one way allowed.
    expect(entrances).toBeGreaterThan(0);
  });

  it('lets someone the player named act, and someone the planner named but nobody brought in not', async () => {
    const pack = await orchard();
    const plan = planFor('complicate', 'steady', { actors: ['ilsa', 'wren'], targetLength: pack.style.length });
    let ilsaActs = 0;
    for (let seed = 0; seed < 10; seed++) {
      const absent = contextFor(pack, { playerInput: 'I wait.', seed });
      for (let i = 0; i < 3; i++) {
        const reply = composeReply(absent, requestFor(plan, `c${i}`), i);
        const firstIlsa = reply.parts.findIndex((p) => acting(pack, p.text).includes('ilsa'));
        if (firstIlsa >= 0) expect(reply.parts[firstIlsa].kind).toBe('entrance');
      }
      const called = contextFor(pack, { playerInput: 'I turn to Ilsa Morrow by the gate.', seed });
      for (let i = 0; i < 3; i++) {
        const reply = composeReply(called, requestFor(plan, `c${i}`), i);
        expect(reply.parts.map((p) => p.kind)).not.toContain('entrance');
        if (reply.parts.some((p) => acting(pack, p.text).includes('ilsa'))) ilsaActs += 1;
      }
    }
    expect(ilsaActs).toBeGreaterThan(0);
  });

  it('does not let someone the player only asked about act, in this reply or the next ones', async () => {
    const pack = await orchard();
    const moves = [
      "Wren, why did you sign Ilsa's note?",
      'Who is Absalom Crane?',
      'I wait by the sluice.',
      'What does Ilsa want?',
      'I sit down.',
    ];
    for (let seed = 0; seed < 6; seed++) {
      const history: StoryMessage[] = [{ role: 'narrator', text: pack.openings[0].text, turn: 0 }];
      // An entrance (a complication's) does bring someone in, for the replies after it too.
      const entered = new Set<string>();
      for (const [i, input] of moves.entries()) {
        const turn = i + 1;
        history.push({ role: 'player', text: input, turn });
        // The planner may still name them (an older planner, a thread): the narrator keeps to the scene.
        const plan = planFor(BEATS[(turn + seed) % BEATS.length][0], 'steady', {
          actors: ['wren', 'ilsa', 'crane'],
          targetLength: pack.style.length,
        });
        const context = contextFor(pack, { turn, playerInput: input, history: [...history], seed });
        const replies = [0, 1, 2].map((c) => composeReply(context, requestFor(plan, `c${c}`), c));
        for (const reply of replies) {
          const arrived = new Set(reply.parts.filter((p) => p.kind === 'entrance').flatMap((p) => acting(pack, p.text)));
          for (const part of reply.parts)
            for (const id of acting(pack, part.text).filter((x) => x !== 'wren'))
              expect(arrived.has(id) || entered.has(id), `${id} acts in "${part.text}" (turn ${turn}, seed ${seed})`).toBe(true);
        }
        const kept = replies[turn % 3];
        for (const p of kept.parts.filter((x) => x.kind === 'entrance')) for (const id of acting(pack, p.text)) entered.add(id);
        history.push({ role: 'narrator', text: kept.text, turn });
      }
    }
  });
});

/** The question's longer words, without the names of the people in the story. */
function subject(pack: WorldPack, question: string): string[] {
  const names = new Set(pack.characters.flatMap((c) => c.name.toLowerCase().split(' ')));
  return (question.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter(
    (w) => !names.has(w) && !/^(what|where|when|which|there|about|your|this|that|with|have|heard|does)$/.test(w),
  );
}

/** True when a text holds one of the words, or a word sharing its first four letters ("trees", "tree"). */
const sharesWord = (text: string, words: string[]): boolean => words.some((w) => new RegExp(`\\b${w.slice(0, 4)}`, 'i').test(text));

describe("the player's subject", () => {
  it('answers a question with lore on its subject, or a neutral beat, never an unrelated fact', async () => {
    const pack = await orchard();
    const questions = [
      '"I heard the trees," I say, dropping the bag. "The new note. Who is it for, Wren?"',
      'What happened to Corwin in the river?',
      'Who breeds the glowworms for the lamps?',
      'Who lit the lamps on the mill steps, Wren?',
      'How much does the mill owe on the debt?',
      'Are you hungry, Wren?',
    ];
    const allLore = pack.lore.map((l) => l.id);
    // The first words of every lore sentence: a part holding one tells that sentence.
    const loreOpenings = pack.lore
      .flatMap((l) => l.text.replace(/\s+/g, ' ').split(/(?<=[.;])\s+/))
      .map((x) => x.slice(0, 30).toLowerCase())
      .filter((x) => x.length >= 20);
    let answered = 0;
    for (const question of questions) {
      const words = subject(pack, question);
      for (let seed = 0; seed < 12; seed++) {
        const context = contextFor(pack, { playerInput: question, lore: allLore, seed });
        const reply = composeReply(context, requestFor(planFor('deepen', 'steady')), seed % 3);
        for (const part of reply.parts.filter((p) => p.kind === 'lore' || p.kind === 'answer')) {
          const told = loreOpenings.some((o) => part.text.toLowerCase().includes(o));
          // An answer told from lore shares the question's subject; one that is not is a neutral beat.
          if (told) {
            answered += 1;
            expect(sharesWord(part.text, words), `${question} -> ${part.text}`).toBe(true);
          }
        }
        // The money fact is not the answer to a question about the trees' note.
        if (question.includes('trees')) expect(reply.text).not.toMatch(/crowns and pennies/);
        // Asked about the lamps on the steps, the answer is about the lamps, not the mill.
        if (question.includes('mill steps')) expect(reply.text).not.toMatch(/four generations/);
      }
    }
    expect(answered).toBeGreaterThan(12);
  });

  it("gives the speaker's line on the player's subject when the character has one", async () => {
    const pack = await orchard();
    let onTopic = 0;
    for (let seed = 0; seed < 12; seed++) {
      const context = contextFor(pack, { playerInput: 'Why should I stay off the hill, Wren?', seed });
      const reply = composeReply(context, requestFor(planFor('deepen', 'steady')), seed % 3);
      // Wren's one line about the hill ("Don't go up the hill after dark.") is the one he says.
      if (reply.parts.some((p) => p.kind === 'speech' && /up the hill after dark/.test(p.text))) onTopic += 1;
    }
    expect(onTopic).toBeGreaterThanOrEqual(10);
  });
});
