import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../src/providers/offline/compose.js';
import { countTokens } from '../../../src/engine/tokens.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { zhPack } from './zh-pack.js';
import { BEAT_CADENCES, contextFor, lastSentence, planFor, requestFor } from './support.js';

const INPUTS = [
  'Why did the wheel stop, Wren?',
  'I pick up the lamp and walk toward the river.',
  'I sit beside him and say nothing for a while.',
  'Tell me about the ledger, Ilsa.',
  'continue',
  '"I missed you," I whisper.',
];

describe('offline composition: determinism and variety', () => {
  const pack = miniPack();
  const ctx = contextFor(pack, { playerInput: INPUTS[0], lore: ['the-wheel'], seed: 42 });
  const plan = planFor('reveal', 'steady');

  it('gives the same text for the same seed, turn, candidate and input', () => {
    expect(composeReply(ctx, requestFor(plan), 0, 3).text).toBe(composeReply(ctx, requestFor(plan), 0, 3).text);
  });

  it('changes with the seed and with the candidate index', () => {
    const base = composeReply(ctx, requestFor(plan), 0).text;
    expect(composeReply({ ...ctx, seed: 43 }, requestFor(plan), 0).text).not.toBe(base);
    expect(composeReply(ctx, requestFor(plan), 0, 99).text).not.toBe(base);
    expect(composeReply(ctx, requestFor(plan), 1).text).not.toBe(base);
  });

  it('varies three candidates of one turn: different texts and different opening sentences', () => {
    for (let seed = 0; seed < 30; seed++) {
      const c = contextFor(pack, { playerInput: INPUTS[seed % INPUTS.length], seed });
      const texts = [0, 1, 2].map((i) => composeReply(c, requestFor(planFor('deepen', 'steady')), i).text);
      expect(new Set(texts).size).toBe(3);
      const openings = texts.map((t) => t.split(/(?<=[.!?]["”]?)\s/)[0]);
      expect(new Set(openings).size).toBeGreaterThan(1);
    }
  });

  it('does not repeat its last opening sentence or the example lines it just used', () => {
    for (let seed = 0; seed < 20; seed++) {
      const first = contextFor(pack, { playerInput: 'Tell me about the ledger, Ilsa.', seed });
      const plan1 = planFor('breathe', 'gentle');
      const a = composeReply(first, requestFor(plan1), 0).text;
      const second = contextFor(pack, {
        turn: 2,
        playerInput: 'I nod slowly.',
        seed,
        history: [...first.history, { role: 'player', text: first.playerInput, turn: 1 }, { role: 'narrator', text: a, turn: 1 }],
      });
      const b = composeReply(second, requestFor(plan1), 0).text;
      expect(b.split(/(?<=[.!?]["”]?)\s/)[0]).not.toBe(a.split(/(?<=[.!?]["”]?)\s/)[0]);
      for (const line of pack.characters.flatMap((c) => c.examples)) {
        if (a.includes(line)) expect(b).not.toContain(line);
      }
    }
  });
});

describe('offline composition: the pack and the player', () => {
  it('never uses a word from a law forbid list, even when the pack material and the player use them', () => {
    // Forbid words that run through the mini pack's setting, lore, lines and quirks.
    const base = miniPack();
    const pack = miniPack({
      laws: [...base.laws, { id: 'no-river', text: 'The river is never named.', forbid: ['river', 'brass', 'ledger', 'wheel'] }],
    });
    const forbidden = /\b(electric|phone|flashlight|resurrect|river|brass|ledger|wheel)\b/i;
    for (let seed = 0; seed < 120; seed++) {
      const [beat, cadence] = BEAT_CADENCES[seed % BEAT_CADENCES.length];
      const c = contextFor(pack, {
        playerInput: ['I take out my phone and a flashlight.', 'Why did the wheel stop by the river?', 'Can the dead resurrect?'][seed % 3],
        lore: ['the-wheel', 'river-custom', 'glowworms', 'dunmarrow-mill'],
        seed,
      });
      const plan = planFor(
        beat,
        cadence,
        seed % 4 === 0 ? { thread: { id: 'x', title: 'x', beatIndex: 0, beat: 'Ilsa calls in the debt.' } } : {},
      );
      for (let i = 0; i < 3; i++) expect(composeReply(c, requestFor(plan), i).text).not.toMatch(forbidden);
    }
  });

  it('never writes the player: no line starting with their name, no "you say/think/feel/decide"', () => {
    const pack = miniPack();
    pack.characters[0].examples.push('Tamsin: I am home, Wren.', '{{user}} sighs and looks away.');
    for (let seed = 0; seed < 60; seed++) {
      const [beat, cadence] = BEAT_CADENCES[seed % BEAT_CADENCES.length];
      const c = contextFor(pack, { playerInput: INPUTS[seed % INPUTS.length], lore: ['the-wheel', 'glowworms'], seed });
      for (let i = 0; i < 3; i++) {
        const text = composeReply(c, requestFor(planFor(beat, cadence)), i).text;
        for (const line of text.split('\n')) expect(line.trim().startsWith('Tamsin')).toBe(false);
        for (const sentence of text.split(/(?<=[.!?])\s+/)) expect(sentence.replace(/^["“]/, '').startsWith('Tamsin')).toBe(false);
        expect(text).not.toMatch(/\byou\s+(say|said|think|thought|feel|felt|decide|decided)\b/i);
        expect(text).not.toContain('I am home, Wren');
        expect(text).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  it('ends on a hook: the last sentence asks something or addresses the player', () => {
    const pack = miniPack();
    for (let seed = 0; seed < 60; seed++) {
      const [beat, cadence] = BEAT_CADENCES[seed % BEAT_CADENCES.length];
      const c = contextFor(pack, { playerInput: INPUTS[seed % INPUTS.length], seed });
      for (let i = 0; i < 3; i++) {
        const last = lastSentence(composeReply(c, requestFor(planFor(beat, cadence)), i).text);
        expect(last.includes('?') || /\byou(r)?\b/i.test(last)).toBe(true);
      }
    }
  });

  it('ends on the planner hook when it is a question, and narrates a hook written as story', () => {
    const c = contextFor(miniPack(), { playerInput: 'I wait.', seed: 5 });
    const asked = composeReply(c, requestFor(planFor('deepen', 'steady', { hook: 'Who was on the bridge that night?' })), 0).text;
    expect(lastSentence(asked)).toContain('Who was on the bridge that night?');
    const told = composeReply(c, requestFor(planFor('deepen', 'steady', { hook: 'The orchard above the mill rings at night.' })), 0).text;
    expect(told).toContain('The orchard above the mill rings at night.');
  });

  it("reads the planner's instruction-style hook for the kind of ending and never narrates it", () => {
    const pack = miniPack();
    // Ilsa is in the scene from the start: only someone present may make the demand.
    const opening = { ...pack.openings[0], characters: ['wren', 'ilsa'] };
    const c = contextFor(pack, { playerInput: 'I wait.', seed: 6, opening });
    for (let seed = 0; seed < 20; seed++) {
      const demand = composeReply(
        { ...c, seed },
        requestFor(planFor('escalate', 'bold', { hook: 'a threat or demand from Ilsa Morrow that Tamsin must answer now' })),
        0,
      ).text;
      expect(demand).not.toContain('a threat or demand');
      expect(lastSentence(demand)).toContain('?');
      expect(demand.split('\n').pop()).toContain('Ilsa');
      const quiet = composeReply(
        { ...c, seed },
        requestFor(planFor('breathe', 'gentle', { hook: 'a quiet, open moment: a look or a small question from Wren Alder' })),
        0,
      ).text;
      expect(quiet).not.toContain('a quiet, open moment');
      expect(quiet.split('\n').pop()).toMatch(/\byou(r)?\b/);
    }
    const zh = zhPack();
    const zc = contextFor(zh, { playerInput: '我等着。', seed: 6 });
    const zhText = composeReply(
      zc,
      requestFor(planFor('complicate', 'steady', { hook: '一个新的阻碍，逼阿青做出选择', targetLength: [80, 240] })),
      0,
    ).text;
    expect(zhText).not.toContain('一个新的阻碍');
    expect(lastSentence(zhText)).toContain('？');
  });

  it('acknowledges the player: reflects what they touched and answers a question with lore', () => {
    const pack = miniPack();
    for (let seed = 0; seed < 20; seed++) {
      const asked = contextFor(pack, { playerInput: 'Why did the wheel stop, Wren?', lore: ['the-wheel', 'river-custom'], seed });
      const answer = composeReply(asked, requestFor(planFor('reveal', 'steady')), seed % 3).text;
      expect(answer).toContain('the wheel');
      // Spoken or told by the narration ("The way Wren tells it, the wheel stopped ..."): the capital may go.
      expect(answer).toMatch(/the wheel stopped when the miller's daughter vanished/i);
      const acted = contextFor(pack, { playerInput: 'I pick up the lamp.', seed });
      expect(composeReply(acted, requestFor(planFor('escalate', 'bold')), seed % 3).text).toContain('the lamp');
    }
  });

  it('brings the thread beat into the scene when the plan names one', () => {
    const pack = miniPack();
    for (let seed = 0; seed < 30; seed++) {
      const c = contextFor(pack, { playerInput: INPUTS[seed % INPUTS.length], seed });
      const thread = { id: 'ringing-trees', title: 'The ringing trees', beatIndex: 1, beat: 'The ringing spells a name.' };
      for (let i = 0; i < 3; i++) {
        expect(composeReply(c, requestFor(planFor('complicate', 'steady', { thread })), i).text).toContain('The ringing spells a name.');
      }
      expect(composeReply(c, requestFor(planFor('complicate', 'steady')), 0).text).not.toContain('The ringing spells a name.');
    }
  });

  it('uses the cast: planned actors lead, and their quirks appear as actions', () => {
    const pack = miniPack();
    const c = contextFor(pack, { opening: pack.openings[1], playerInput: 'I sip the tea.', seed: 8 });
    const texts = [0, 1, 2, 3].map(
      (seed) => composeReply({ ...c, seed }, requestFor(planFor('breathe', 'gentle', { actors: ['ilsa'] })), 0).text,
    );
    expect(texts.every((t) => t.includes('Ilsa'))).toBe(true);
    expect(texts.some((t) => t.includes('Ilsa taps her ledger twice before answering.'))).toBe(true);
  });
});

describe('offline composition: beat, cadence and length', () => {
  const pack = miniPack();

  it('escalate/bold makes something happen; breathe/gentle lingers on senses and feeling', () => {
    let escalateEvents = 0;
    let breatheQuiet = 0;
    for (let seed = 0; seed < 40; seed++) {
      const c = contextFor(pack, { playerInput: INPUTS[seed % INPUTS.length], seed });
      const up = composeReply(c, requestFor(planFor('escalate', 'bold')), seed % 3);
      const down = composeReply(c, requestFor(planFor('breathe', 'gentle')), seed % 3);
      const kinds = (parts: typeof up.parts) => parts.map((p) => p.kind);
      // Every part the composer reports is in the text it returned.
      for (const p of [...up.parts, ...down.parts]) expect(up.text.includes(p.text) || down.text.includes(p.text)).toBe(true);
      expect(kinds(up.parts)).toContain('event');
      expect(kinds(down.parts)).not.toContain('event');
      expect(kinds(down.parts)).not.toContain('stakes');
      if (kinds(up.parts).filter((k) => k === 'event' || k === 'stakes').length >= 2) escalateEvents += 1;
      if (kinds(down.parts).filter((k) => k === 'sensory' || k === 'interior').length >= 2) breatheQuiet += 1;
      expect(up.mode).toBe('bold');
      expect(down.mode).toBe('slow');
    }
    expect(escalateEvents).toBeGreaterThan(30);
    expect(breatheQuiet).toBeGreaterThan(30);
  });

  it('reveal hints at a secret, deepen voices a goal, complicate brings in a second character', () => {
    const c = contextFor(pack, { playerInput: 'I wait.', seed: 3 });
    const kindsOf = (beat: 'reveal' | 'deepen' | 'complicate') =>
      composeReply(c, requestFor(planFor(beat, 'steady')), 0).parts.map((p) => p.kind);
    expect(kindsOf('reveal')).toContain('reveal');
    expect(composeReply(c, requestFor(planFor('deepen', 'steady')), 0).text).toContain('restart the wheel');
    // Ilsa is not at the mill: the complication brings her in with an entrance.
    expect(kindsOf('complicate')).toContain('entrance');
    expect(composeReply(c, requestFor(planFor('complicate', 'steady')), 0).text).toContain('Ilsa');
    // Already in the scene, she complicates it without arriving.
    const both = { ...c, opening: { ...c.opening, characters: ['wren', 'ilsa'] } };
    const kinds = composeReply(both, requestFor(planFor('complicate', 'steady')), 0).parts.map((p) => p.kind);
    expect(kinds).toContain('complication');
    expect(kinds).not.toContain('entrance');
  });

  it('keeps close to the target length (real tokenizer, 20% tolerance)', () => {
    for (const target of [
      [60, 220],
      [40, 100],
      [120, 260],
    ] as Array<[number, number]>) {
      for (let seed = 0; seed < 20; seed++) {
        const [beat, cadence] = BEAT_CADENCES[seed % BEAT_CADENCES.length];
        const c = contextFor(pack, { playerInput: INPUTS[seed % INPUTS.length], lore: ['the-wheel'], seed });
        const n = countTokens(composeReply(c, requestFor(planFor(beat, cadence, { targetLength: target })), seed % 3).text);
        expect(n).toBeGreaterThanOrEqual(Math.floor(target[0] * 0.8));
        expect(n).toBeLessThanOrEqual(Math.ceil(target[1] * 1.2));
      }
    }
  });
});

describe('offline composition: Chinese packs', () => {
  const pack = zhPack();
  const inputs = ['陈伯，铜铃为什么不响了？', '我提着油灯往江边走。', '我在他身边坐下，什么也没说。', '我拿出 iPhone 看了看。', '继续'];

  it('writes Chinese with no Latin letters, no forbidden words, and a hook', () => {
    for (let seed = 0; seed < 60; seed++) {
      const [beat, cadence] = BEAT_CADENCES[seed % BEAT_CADENCES.length];
      const c = contextFor(pack, { playerInput: inputs[seed % inputs.length], lore: ['bell', 'river'], seed });
      const thread = seed % 3 === 0 ? { id: 'bell', title: '铜铃', beatIndex: 0, beat: '黄昏时传来一声微弱的铃响。' } : undefined;
      for (let i = 0; i < 3; i++) {
        const text = composeReply(
          c,
          requestFor(planFor(beat, cadence, { targetLength: [80, 240], ...(thread ? { thread } : {}) })),
          i,
        ).text;
        expect(text).not.toMatch(/[A-Za-z]/);
        expect(text).toMatch(/\p{Script=Han}/u);
        expect(text).not.toMatch(/手枪|步枪|子弹|复活/);
        expect(text).not.toContain('陈伯，你怎么了');
        for (const line of text.split('\n')) expect(line.trim().startsWith('阿青')).toBe(false);
        const last = lastSentence(text);
        expect(last.includes('？') || last.includes('你')).toBe(true);
        if (thread) expect(text).toContain(thread.beat);
      }
    }
  });

  it('answers a question with the touched lore and resolves {{user}} in lines', () => {
    const c = contextFor(pack, { playerInput: '陈伯，铜铃为什么不响了？', lore: ['bell'], seed: 2 });
    const texts = [0, 1, 2].map((i) => composeReply(c, requestFor(planFor('reveal', 'steady', { targetLength: [80, 240] })), i).text);
    for (const t of texts) expect(t).toContain('铜铃是掌柜的祖父挂上的');
    expect(texts.join('')).not.toContain('{{');
  });

  it('keeps Chinese replies near the target length (characters / 1.5, 25% tolerance)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const c = contextFor(pack, { playerInput: inputs[seed % inputs.length], lore: ['bell'], seed });
      const text = composeReply(c, requestFor(planFor('deepen', 'steady', { targetLength: [80, 240] })), 0).text;
      const approx = (text.match(/\p{Script=Han}/gu) ?? []).length / 1.5;
      expect(approx).toBeGreaterThanOrEqual(80 * 0.75);
      expect(approx).toBeLessThanOrEqual(240 * 1.25);
    }
  });
});
