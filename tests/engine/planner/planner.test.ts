import { describe, expect, it } from 'vitest';
import { neutralPlan, planTurn, THREAD_ROOM, threadGap } from '../../../src/engine/planner/index.js';
import { seededRandom } from '../../../src/engine/random.js';
import { BEATS } from '../../../src/engine/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { pacing, stagnant, Story } from './helpers.js';

const SEEDS = [1, 2, 3, 4, 5];

const zhPack = miniPack({
  language: 'zh-CN',
  characters: miniPack().characters.map((c) => (c.id === 'wren' ? { ...c, name: '阿伦', aliases: ['伦'] } : c)),
  player: { name: '塔姆辛', persona: '阿伦的妹妹。', relations: { wren: '哥哥' } },
});

describe('planner: pacing and tension', () => {
  it('escalates for a fast player and lets a slow one breathe', () => {
    const fast = new Story().turn('Kick the door in!', 0.8);
    expect(fast.beat).toBe('escalate');
    expect(fast.cadence).toBe('bold');
    expect(fast.reason).toMatch(/pushing forward .*pacing \+0\.80.*escalates/);
    const slow = new Story().turn('I sit with Wren a while and listen to the river.', -0.8);
    expect(['breathe', 'deepen']).toContain(slow.beat);
    expect(slow.cadence).toBe('gentle');
    expect(slow.reason).toMatch(/slow burn .*pacing -0\.80/);
    // Tension rises with escalation and falls when the story breathes.
    expect(fast.tension).toBeGreaterThan(0.3);
    expect(slow.beat === 'breathe' ? slow.tension < 0.3 : slow.tension >= 0.3).toBe(true);
  });

  it('a fast or terse turn asks for a shorter reply than a slow one, within reason of the pack style', () => {
    const fast = new Story().turn('Kick the door in!', 0.8);
    const slow = new Story().turn('I sit with Wren a while and listen to the river.', -0.8);
    expect(fast.targetLength[1]).toBeLessThan(220);
    expect(slow.targetLength[1]).toBeGreaterThan(fast.targetLength[1]);
    expect(fast.targetLength[0]).toBeLessThan(fast.targetLength[1]);
  });

  it('a slow story never flat-lines and a fast one does not escalate forever', () => {
    const slow = new Story(miniPack(), 3);
    for (let i = 0; i < 12; i++)
      slow.turn("I rest my head on Wren's shoulder and tell him softly how much I missed the sound of the wheel.", -0.9);
    const slowBeats = slow.plans.map((p) => p.beat);
    expect(slowBeats.some((b) => b === 'reveal' || b === 'complicate' || b === 'escalate')).toBe(true);
    expect(slowBeats.filter((b) => b === 'breathe' || b === 'deepen').length).toBeGreaterThan(6);
    const fast = new Story(miniPack(), 4);
    for (let i = 0; i < 12; i++) fast.turn('Run to the mill!', 0.9);
    const fastBeats = fast.plans.map((p) => p.beat);
    expect(fastBeats.filter((b) => b === 'escalate').length).toBeGreaterThan(3);
    expect(new Set(fastBeats).size).toBeGreaterThan(2);
  });

  it('over a long random run: never the same beat three times in a row, and tension always moves', () => {
    const inputs = [
      'Open the door.',
      'I watch him quietly, remembering the river.',
      'What is in the ledger?',
      'Run!',
      'I wait.',
      'Tell me about Ilsa.',
      'ok',
      'hmm',
      "I'm sorry, Wren.",
      'Next morning we go back.',
    ];
    for (const seed of SEEDS) {
      const random = seededRandom(seed);
      const story = new Story(miniPack(), seed);
      let score = 0;
      for (let i = 0; i < 200; i++) {
        score = Math.max(-1, Math.min(1, score + (random() - 0.5) * 0.6));
        story.turn(inputs[Math.floor(random() * inputs.length)], score, { recentCritics: [stagnant(random() < 0.15)] });
      }
      const beats = story.plans.map((p) => p.beat);
      for (let i = 2; i < beats.length; i++)
        expect(
          beats[i] === beats[i - 1] && beats[i] === beats[i - 2],
          `seed ${seed} turn ${i + 1}: ${beats.slice(i - 2, i + 1).join(',')}`,
        ).toBe(false);
      const tensions = story.plans.map((p) => p.tension);
      for (let i = 4; i <= tensions.length; i++) {
        const window = tensions.slice(i - 4, i);
        expect(Math.max(...window) - Math.min(...window), `seed ${seed} turns ${i - 3}..${i}: ${window.join(',')}`).toBeGreaterThanOrEqual(
          0.05,
        );
      }
      for (const t of tensions) expect(t).toBeGreaterThanOrEqual(0);
      expect(new Set(beats).size).toBe(BEATS.length);
    }
  });
});

describe('planner: stagnation brings in threads', () => {
  it('critics flagging stagnation bring in the next beat of a thread', () => {
    const story = new Story();
    story.turn('I look around the yard.', 0);
    const plan = story.turn('I look at the wheel.', 0, { recentCritics: [stagnant(false), stagnant(true)] });
    expect(plan.thread).toBeDefined();
    expect(plan.thread?.beatIndex).toBe(0);
    const thread = miniPack().threads.find((t) => t.id === plan.thread?.id)!;
    expect(plan.thread?.beat).toBe(thread.beats[0]);
    expect(plan.directive).toContain(thread.beats[0]);
    expect(plan.directive).toContain(thread.hook);
    expect(plan.reason).toMatch(/stalled \(the critics found the last reply stagnant\)/);
  });

  it('a player who only waits for two turns brings in a thread, and successive stalls advance its beats', () => {
    const story = new Story();
    expect(story.turn('I follow Wren into the mill.', 0).thread).toBeUndefined();
    expect(story.turn('ok', 0).thread).toBeUndefined();
    const first = story.turn('hmm', 0);
    expect(first.thread?.beatIndex).toBe(0);
    expect(first.reason).toMatch(/The player is waiting \(2 passive turns\)/);
    // A thread beat lands for THREAD_ROOM turns before the next: a character acts on a goal meanwhile.
    const stalls = Array.from({ length: 3 * THREAD_ROOM }, (_, i) => story.turn(['...', 'wait', 'ok'][i % 3], 0));
    const [second, third, fourth] = stalls.filter((p) => p.thread);
    expect(stalls.indexOf(second)).toBe(THREAD_ROOM - 1);
    expect(stalls.slice(0, THREAD_ROOM - 1).every((p) => p.goal && /the last thread beat is still landing/.test(p.reason))).toBe(true);
    expect(second.thread?.id).toBe(first.thread?.id);
    expect(second.thread?.beatIndex).toBe(1);
    expect(third.thread?.beatIndex).toBe(2);
    // That thread is spent: the next stall moves to the other one.
    expect(fourth.thread?.id).not.toBe(first.thread?.id);
    expect(fourth.thread?.beatIndex).toBe(0);
    expect(['complicate', 'reveal', 'escalate']).toContain(first.beat);
  });

  it('Chinese waiting counts too, and progress comes from the plans passed in, not hidden state', () => {
    const story = new Story(zhPack);
    story.turn('嗯', 0);
    const plan = story.turn('继续', 0);
    expect(plan.thread).toBeDefined();
    // A fresh branch whose earlier plans already used beat 1 of "the-debt" continues from there.
    const landed = Array.from({ length: THREAD_ROOM - 1 }, () => ({ ...plan, thread: undefined }));
    const previous = [
      { ...plan, thread: { id: 'the-debt', title: 'The debt', beatIndex: 1, beat: 'Wren signs something in secret.' } },
      ...landed,
    ];
    const next = planTurn({
      pack: miniPack(),
      turn: 5,
      playerInput: 'ok',
      pacing: pacing(0),
      previousPlans: previous,
      recentCritics: [stagnant(true)],
      history: [{ role: 'player', text: 'ok', turn: 5 }],
      random: seededRandom(5),
    });
    expect(next.thread).toEqual({ id: 'the-debt', title: 'The debt', beatIndex: 2, beat: 'The deed changes hands.' });
    // With "The ringing trees" spent, the debt comes in, and its own character leads.
    const spent = [
      {
        ...plan,
        thread: { id: 'ringing-trees', title: 'The ringing trees', beatIndex: 2, beat: 'The trees fall silent when the name is spoken.' },
      },
      ...landed,
    ];
    const debt = planTurn({
      pack: miniPack(),
      turn: 5,
      playerInput: 'I look at the wheel.',
      pacing: pacing(0),
      previousPlans: spent,
      recentCritics: [stagnant(true)],
      history: [
        { role: 'narrator', text: 'Wren waits by the wheel.', turn: 4 },
        { role: 'player', text: 'I look at the wheel.', turn: 5 },
      ],
      random: seededRandom(5),
    });
    expect(debt.thread).toMatchObject({ id: 'the-debt', beatIndex: 0 });
    expect(debt.actors[0]).toBe('ilsa');
  });

  it('tension flat for several turns counts as a stall', () => {
    const flat = { ...neutralPlan(miniPack(), 1), tension: 0.4 };
    const plan = planTurn({
      pack: miniPack(),
      turn: 4,
      playerInput: 'I look at the wheel again.',
      pacing: pacing(0),
      previousPlans: [flat, flat, flat],
      recentCritics: [],
      history: [],
      random: seededRandom(1),
    });
    expect(plan.thread).toBeDefined();
    expect(plan.reason).toMatch(/tension has been flat/);
  });
});

describe('planner: emotional pivots', () => {
  it('a confession slows the beat even for a fast player', () => {
    const story = new Story();
    story.turn('Run to the mill!', 0.9);
    story.turn('Kick the door in!', 0.9);
    const plan = story.turn('Wren, I have to tell you something. I love you.', 0.9);
    expect(['breathe', 'deepen']).toContain(plan.beat);
    expect(plan.pivot).toBe('confession');
    expect(plan.cadence).toBe('gentle');
    expect(plan.reason).toMatch(/emotional pivot \(confession: "I have to tell you"\), so the story slows down/);
    expect(plan.directive).toMatch(/Pivot: the player has just confessed/);
  });

  it('grief, reunions and apologies in English and Chinese are pivots too', () => {
    for (const [text, kind] of [
      ['My mother died last winter.', 'grief'],
      ['We buried her after the funeral.', 'grief'],
      ['You came back! I missed you.', 'reunion'],
      ["I'm sorry, Wren. It was my fault.", 'apology'],
      ['我爱你。', 'confession'],
      ['爷爷去世了。', 'grief'],
      ['好久不见，你回来了。', 'reunion'],
      ['对不起。', 'apology'],
    ] as const) {
      const plan = new Story().turn(text, 1);
      expect(plan.pivot, text).toBe(kind);
      expect(['breathe', 'deepen'], text).toContain(plan.beat);
    }
    expect(new Story().turn('I open the dead bolt.', 1).pivot).toBeUndefined();
  });

  it('pivots never make a third identical beat in a row', () => {
    const story = new Story();
    const beats = ["I'm sorry.", 'Forgive me, Wren.', 'I apologise, truly.', 'I am so sorry.'].map((t) => story.turn(t, 0).beat);
    for (let i = 2; i < beats.length; i++) expect(beats[i] === beats[i - 1] && beats[i] === beats[i - 2]).toBe(false);
  });
});

describe('planner: directive, actors and hooks', () => {
  it('names who acts, what to end on, and never speaks for the player', () => {
    const plan = new Story().turn('I confront Ilsa about the ledger.', 0.5);
    expect(plan.actors[0]).toBe('ilsa');
    expect(plan.directive).toMatch(/^Beat: /);
    expect(plan.directive).toMatch(/Cadence: /);
    expect(plan.directive).toContain('Ilsa Morrow takes the lead');
    expect(plan.directive).toContain(`End on: ${plan.hook}`);
    expect(plan.directive).toContain('never speak, act or think for Tamsin');
    expect(plan.hook.length).toBeGreaterThan(10);
    expect(plan.reason.split(/(?<=\.)\s/).length).toBe(1);
  });

  it('writes the directive in Chinese for a Chinese pack', () => {
    const plan = new Story(zhPack).turn('我看着阿伦，轻轻叹了口气。', -0.5);
    expect(plan.directive).toMatch(/^情节：/);
    expect(plan.directive).toContain('节奏：');
    expect(plan.directive).toContain('阿伦');
    expect(plan.directive).toContain('塔姆辛');
    expect(plan.directive).not.toMatch(/Beat:|Cadence:/);
  });

  it('the neutral plan just continues the scene', () => {
    const plan = neutralPlan(miniPack(), 3);
    expect(plan).toMatchObject({ beat: 'deepen', cadence: 'steady', directive: 'continue the scene', targetLength: [60, 220] });
    expect(plan.thread).toBeUndefined();
  });
});

describe('planner: sparse packs', () => {
  it('copes with a pack without threads or characters', () => {
    const story = new Story(miniPack({ threads: [], characters: [] }));
    story.turn('ok', 0);
    const plan = story.turn('hmm', 0);
    expect(plan.thread).toBeUndefined();
    expect(plan.actors).toEqual([]);
    expect(['escalate', 'complicate', 'reveal']).toContain(plan.beat);
    expect(plan.reason).toMatch(/the pack has no threads/);
    expect(plan.directive).not.toMatch(/takes the lead|undefined/);
  });
});

describe("planner: the player's questions", () => {
  it('names the questions the player asked, so an escalating beat does not lead the model past them', () => {
    const plan = new Story().turn('I sit up slowly and take the cup. "Where am I? How long was I out?"', 0.8);
    expect(plan.beat).toBe('escalate');
    expect(plan.directive).toContain(
      'Answer first: Tamsin asked "Where am I? How long was I out?"; take that up before anything else happens.',
    );
    // The line sits before the hook, which still ends the reply.
    const lines = plan.directive.split('\n');
    expect(lines.findIndex((l) => l.startsWith('Answer first: '))).toBeLessThan(lines.findIndex((l) => l.startsWith('End on: ')));
  });

  it('says nothing of questions when there are none, or when the player only waits or asks out of character', () => {
    for (const text of ['I kick the door in.', 'And then?', '((OOC: can we skip ahead?)) I nod.', 'Eh?'])
      expect(new Story().turn(text, 0.5).directive, text).not.toContain('Answer first');
  });

  it('quotes two questions at most, and cuts a long one at a word', () => {
    const many = new Story().turn('Who are you? Why is the wheel still? What did Ilsa say?', 0.2).directive;
    expect(many).toContain('asked "Who are you? Why is the wheel still?";');
    const long = new Story().turn(`Is it true that ${'the old miller once '.repeat(20)}sold the river?`, 0.2).directive;
    const quoted = /asked "([^"]*)"/.exec(long)?.[1] ?? '';
    expect(quoted.length).toBeLessThanOrEqual(201);
    expect(quoted.endsWith('…')).toBe(true);
    expect(quoted).not.toMatch(/ …$/);
  });

  it('says it in Chinese for a Chinese pack', () => {
    const plan = new Story(zhPack).turn('我接过茶杯。"这是哪里？我睡了多久？"', 0.3);
    expect(plan.directive).toContain('先回应：塔姆辛问了「这是哪里？我睡了多久？」；先接住这个问题，再让别的事发生。');
  });
});

describe('planner: the reason names the tension the beat was chosen from', () => {
  it("says the last reply's tension, not the one this beat moves to (the debug pane's gauge shows the new one)", () => {
    const story = new Story();
    const first = story.turn('I look around the yard.', 0);
    const second = story.turn('I look at the wheel.', 0);
    expect(second.reason).toContain(`tension stood at ${first.tension.toFixed(2)} after the last reply`);
  });
});

describe('planner: a beat against the player lean says why', () => {
  it('a fast player given a resolve is told the build reached its climax, not that the push asked for it', () => {
    const story = new Story();
    const reasons: string[] = [];
    for (let turn = 0; turn < 16; turn++) {
      const plan = story.turn('I push on and kick the next door in!', 0.8);
      if (plan.beat === 'resolve' || plan.beat === 'breathe') reasons.push(plan.reason);
    }
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons)
      expect(reason).toMatch(
        /tension reached its climax \(0\.\d\d\) after (three|four|five) rising turns, so the story resolves a strand and lets it fall to 0\.\d\d before the next build\.$/,
      );
  });
});

describe("planner: a fast story is given the pack's plot", () => {
  it('opens each build after a resolved arc with the next thread beat, in order', () => {
    const story = new Story();
    for (let turn = 0; turn < 30; turn++) story.turn('Run to the mill! Kick the door in!', 0.9);
    const opened = story.plans.filter((p, i) => p.thread && story.plans[i - 1]?.beat === 'resolve');
    // A fast player never stalls, so threads only came to slow, waiting or terse players.
    expect(opened.length).toBeGreaterThanOrEqual(3);
    expect(opened.length).toBe(story.plans.filter((p) => p.thread).length);
    for (const plan of opened) {
      expect(plan.reason).toMatch(
        /pushing forward \(pacing \+0\.90\) and the last build resolved, so the thread ".+" moves to beat \d of 3\./,
      );
      expect(plan.directive).toMatch(/^Thread: bring in the next beat of/m);
      expect(['escalate', 'complicate', 'reveal']).toContain(plan.beat);
    }
    const first = opened[0].thread!;
    expect(first.beatIndex).toBe(0);
    expect(opened[1].thread).toMatchObject({ id: first.id, beatIndex: 1 });
  });

  it('a slow or balanced story that does not stall is handed a thread beat only after a long gap, the slower the longer', () => {
    const at = (score: number): number[] => {
      const story = new Story();
      for (let turn = 0; turn < 30; turn++) story.turn('I sit with Wren and tell him about the river.', score);
      return story.plans.flatMap((p, i) => (p.thread ? [i + 1] : []));
    };
    // Ten turns without a thread for a slow burn, eight for a balanced story (the estimate's confidence scales the pacing).
    expect(at(-0.8)).toEqual([11, 22]);
    expect(at(0.1)).toEqual([9, 18, 27]);
    expect(threadGap(-0.8)).toBe(10);
    const story = new Story();
    for (let turn = 0; turn < 11; turn++) story.turn('I sit with Wren and tell him about the river.', -0.8);
    expect(story.plans[10].reason).toMatch(/^No plot thread has moved for 10 turns, so the thread ".+" moves to beat 1 of 3\.$/);
  });
});
