/**
 * The offline narrator uses what the player established: the memory facts the session extracts
 * from their words (a name, a promise, a relation, something carried, where they come from) are
 * taken up in character within a turn, not nagged about after, and come back now and then.
 */
import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../src/providers/offline/compose.js';
import { extractFacts } from '../../../src/engine/memory/facts.js';
import { CRITICS } from '../../../src/engine/critics/index.js';
import { loadLanguageDetector } from '../../../src/engine/critics/language-id.js';
import type { CriticContext } from '../../../src/engine/critics/context.js';
import type { Beat, Cadence, CriticId, Fact, StoryMessage } from '../../../src/engine/types.js';
import type { WorldPack } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { zhPack } from './zh-pack.js';
import { contextFor, planFor, requestFor } from './support.js';

// The critics run here directly, as a session runs them only after awaiting the detector.
await loadLanguageDetector();

const BEATS: Array<[Beat, Cadence]> = [
  ['deepen', 'steady'],
  ['reveal', 'steady'],
  ['escalate', 'bold'],
  ['breathe', 'gentle'],
  ['complicate', 'steady'],
  ['resolve', 'gentle'],
];
const FILLER_EN = ['I wait.', 'I look at the wheel.', 'ok', 'Why did the wheel stop?', 'I sit down by the door.'];
const FILLER_ZH = ['我等着。', '我看着铜铃。', '嗯', '铜铃为什么不响了？', '我在门边坐下。'];

interface Turn {
  input: string;
  candidates: string[];
  recalls: string[];
  kept: string;
}

/** A story in which each turn's facts are extracted as the session does and handed to the narrator. */
function story(pack: WorldPack, inputs: string[], seed: number): Turn[] {
  const history: StoryMessage[] = [{ role: 'narrator', text: pack.openings[0].text, turn: 0 }];
  const facts: Fact[] = [];
  const turns: Turn[] = [];
  inputs.forEach((input, n) => {
    const turn = n + 1;
    facts.push(...extractFacts(input, turn, pack.player.name, pack.language));
    const [beat, cadence] = BEATS[(turn + seed) % BEATS.length];
    const context = contextFor(pack, {
      turn,
      playerInput: input,
      history: [...history],
      seed,
      memory: { summary: '', summaryThrough: 0, facts: [...facts] },
    });
    const replies = [0, 1, 2].map((i) => composeReply(context, requestFor(planFor(beat, cadence, { targetLength: pack.style.length })), i));
    const kept = replies[(turn + seed) % 3].text;
    turns.push({
      input,
      candidates: replies.map((r) => r.text),
      recalls: replies.flatMap((r) => r.parts.filter((p) => p.kind === 'recall').map((p) => p.text)),
      kept,
    });
    history.push({ role: 'player', text: input, turn }, { role: 'narrator', text: kept, turn });
  });
  return turns;
}

function withFiller(statement: string, at: number, length: number, filler: string[]): string[] {
  return Array.from({ length }, (_, i) => (i + 1 === at ? statement : filler[i % filler.length]));
}

describe('facts the player established', () => {
  it('takes up a name the moment it is given, in every candidate, and does not keep repeating it', () => {
    for (const seed of [1, 2, 3, 4]) {
      const turns = story(miniPack(), withFiller('My name is Kit, and I came back for the harvest.', 2, 12, FILLER_EN), seed);
      for (const text of turns[1].candidates) expect(text).toMatch(/"Kit\b/);
      expect(turns[1].kept).toMatch(/"Kit\b/);
      // Once said, the name is not greeted again as news.
      for (const t of turns.slice(2))
        for (const text of t.candidates) expect(text).not.toMatch(/trying the name out|turns the name over|putting it somewhere safe/);
    }
  });

  it('acknowledges a promise, a relation, a possession and a home within a turn, in words a character says', () => {
    const cases: Array<[string, RegExp]> = [
      ['I promise I will find her before the thaw.', /\b(promise|your word)\b/i],
      ['Mara is my sister.', /"Your sister, Mara/],
      ['I have a silver key from my mother.', /your silver key\b/],
      ['I grew up in Harrowgate.', /"Harrowgate[,.]/],
      ['I live in Harrowgate.', /"Harrowgate[,.]/],
    ];
    for (const [statement, expected] of cases) {
      for (const seed of [1, 2, 3]) {
        const turns = story(miniPack(), withFiller(statement, 3, 5, FILLER_EN), seed);
        // Every candidate of the turn takes it up, so whichever the player keeps does.
        for (const text of turns[2].candidates) expect(text, statement).toMatch(expected);
        expect(turns[2].recalls.length).toBe(3);
        // Taken up once, it is not the next turn's news too.
        expect(turns[3].recalls.filter((r) => expected.test(r)).length, statement).toBe(0);
      }
    }
  });

  it('brings an old promise back now and then, not every turn', () => {
    let later = 0;
    let replies = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const turns = story(miniPack(), withFiller('I swear I will stay until the wheel turns again.', 1, 40, FILLER_EN), seed);
      for (const t of turns.slice(6)) {
        replies += t.candidates.length;
        later += t.recalls.length;
      }
    }
    expect(later).toBeGreaterThan(0);
    expect(later / replies).toBeLessThan(0.2);
  });

  it('keeps the reply deterministic with facts in play', () => {
    const a = story(miniPack(), withFiller('My name is Kit.', 2, 6, FILLER_EN), 7).map((t) => t.candidates);
    const b = story(miniPack(), withFiller('My name is Kit.', 2, 6, FILLER_EN), 7).map((t) => t.candidates);
    expect(a).toEqual(b);
  });

  it('takes up facts in Chinese packs in Chinese, and leaves a fact written in another language alone', () => {
    for (const seed of [1, 2, 3]) {
      const named = story(zhPack(), withFiller('我叫阿远，是来找掌柜的。', 2, 4, FILLER_ZH), seed);
      for (const text of named[1].candidates) expect(text).toContain('“阿远');
      // The ledger tells a home (住在) from an origin (来自, 在…长大); both are taken up.
      for (const home of ['我住在江南。', '我从小在洛阳长大。']) {
        const place = home.includes('江南') ? '江南' : '洛阳';
        const placed = story(zhPack(), withFiller(home, 2, 4, FILLER_ZH), seed);
        for (const text of placed[1].candidates) expect(text, home).toContain(place);
      }
      const promised = story(zhPack(), withFiller('我发誓一定找回掌柜。', 2, 4, FILLER_ZH), seed);
      for (const text of promised[1].candidates) expect(text).toMatch(/答应|承诺/);
      for (const t of [...named, ...promised]) for (const text of t.candidates) expect(text).not.toMatch(/[A-Za-z]/);
    }
    const english: Fact = { id: 'f', text: "The player's character is named Kit.", kind: 'name', turn: 1, source: 'pinned' };
    const reply = composeReply(
      contextFor(zhPack(), { playerInput: '我等着。', memory: { summary: '', summaryThrough: 0, facts: [english] } }),
      requestFor(planFor('deepen', 'steady', { targetLength: [80, 240] })),
      0,
    );
    expect(reply.parts.some((p) => p.kind === 'recall')).toBe(false);
    expect(reply.text).not.toMatch(/[A-Za-z]/);
  });

  it('raises no strict critic when it takes up a fact, the facts given to the critics as the session does', () => {
    const strict: CriticId[] = [
      'speaks-for-user',
      'law-violation',
      'mixed-language',
      'no-hook',
      'formatting',
      'out-of-character',
      'reference-confusion',
      'boundary',
      'ignores-user',
    ];
    const statements = [
      'My name is Kit.',
      'Ilsa is my aunt.',
      'I promise I will not leave without answers.',
      'I have a brass lamp.',
      'I grew up in Harrowgate.',
      'I have a knife from my father.',
    ];
    const pack = miniPack();
    for (const seed of [1, 2, 3]) {
      const history: StoryMessage[] = [{ role: 'narrator', text: pack.openings[0].text, turn: 0 }];
      const facts: Fact[] = [];
      statements.forEach((input, n) => {
        const turn = n + 1;
        facts.push(...extractFacts(input, turn, pack.player.name, pack.language));
        const plan = planFor(BEATS[(turn + seed) % BEATS.length][0], BEATS[(turn + seed) % BEATS.length][1]);
        const context = contextFor(pack, {
          turn,
          playerInput: input,
          history: [...history],
          seed,
          memory: { summary: '', summaryThrough: 0, facts: [...facts] },
        });
        const texts = [0, 1, 2].map((i) => composeReply(context, requestFor(plan), i).text);
        const ctx: CriticContext = {
          pack,
          persona: pack.player,
          plan,
          playerInput: input,
          recentReplies: history.filter((m) => m.role === 'narrator').map((m) => m.text),
          history,
          facts: [...facts],
          turn,
        };
        for (const text of texts) for (const id of strict) expect(CRITICS[id](text, ctx).flagged, `${id}: ${text}`).toBe(false);
        history.push({ role: 'player', text: input, turn }, { role: 'narrator', text: texts[turn % 3], turn });
      });
    }
  });
});
