import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../../../src/engine/prompt/index.js';
import { compileLore } from '../../../src/engine/lore/index.js';
import { emptyMemory, pinFact, recordPlayerFacts } from '../../../src/engine/memory/index.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import type { StoryMessage } from '../../../src/engine/types.js';
import type { PromptInput } from '../../../src/engine/prompt/index.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { exactTokens, longStory, plan } from './helpers.js';

const counter = new TokenCounter();

function input(overrides: Partial<PromptInput> = {}): PromptInput {
  const pack = overrides.pack ?? miniPack();
  const opening = pack.openings[0];
  return {
    pack,
    opening,
    persona: pack.player,
    history: [
      { role: 'narrator', text: opening.text, turn: 0 },
      { role: 'player', text: 'Why did the wheel stop, Wren? I lift the glowworm lamp.', turn: 1 },
    ],
    memory: recordPlayerFacts(emptyMemory(), 'My name is Tamsin and my brother is Wren.', 1, 'Tamsin', 'en'),
    plan: plan(),
    turn: 1,
    budget: 8192,
    maxReplyTokens: 400,
    counter,
    lore: compileLore(pack.lore),
    ...overrides,
  };
}

describe('buildPrompt', () => {
  it('assembles the system prompt, the story and the directive in order', () => {
    const { messages, diagnostics } = buildPrompt(input());
    expect(messages.map((m) => m.role)).toEqual(['system', 'assistant', 'user', 'system']);
    const system = messages[0].content;
    const order = [
      "Never write Tamsin's actions, words or thoughts",
      '## Setting',
      'Dunmarrow is a mill town',
      '## Laws',
      'There is no electricity',
      '## Characters in play',
      '### Wren Alder',
      'Voice:',
      'turns a brass token',
      'Tamsin — younger sister',
      "It's late, Tam.",
      "## The player's character: Tamsin",
      '## Lore relevant now',
      'Glowworm lamps dim',
      '## Memory',
      "Wren is Tamsin's brother.",
    ];
    let at = -1;
    for (const marker of order) {
      const next = system.indexOf(marker);
      expect(next, marker).toBeGreaterThan(at);
      at = next;
    }
    // Only the opening's characters are in play.
    expect(system).not.toContain('Ilsa Morrow\n');
    for (const rule of [
      'Stay in character',
      'Respect the laws',
      'Write only in English',
      'End on something Tamsin can answer',
      'target length',
    ]) {
      expect(system).toContain(rule);
    }
    expect(messages[3].content).toContain('Wren answers Tamsin honestly');
    expect(messages[3].content).toContain('Length: 80-160 tokens.');
    expect(diagnostics.historyMessages).toBe(2);
    expect(diagnostics.tokens).toBe(exactTokens(buildPrompt(input())));
    const sum = Object.values(diagnostics.breakdown).reduce((a, b) => a + b, 0);
    expect(sum).toBe(diagnostics.tokens);
    expect(diagnostics.memoryTokens).toBe(diagnostics.breakdown.memory);
    expect(diagnostics.memoryTokens).toBeGreaterThan(0);
  });

  it('explains lore: what fired, on which key and message, and what the budget cut', () => {
    const { diagnostics } = buildPrompt(input());
    expect(diagnostics.lore).toEqual(expect.arrayContaining(['glowworms', 'river-custom']));
    const glow = diagnostics.loreFired.find((f) => f.id === 'glowworms');
    expect(glow).toMatchObject({ key: '/glow ?worms?/i', turn: 1 });
    expect(glow?.excerpt).toContain('glowworm lamp');
    // Room for the priority-1 glowworm entry only: the priority-0 constant is cut, and says so.
    const tight = buildPrompt(input({ loreBudget: 12 }));
    expect(tight.diagnostics.lore).toEqual(['glowworms']);
    expect(tight.diagnostics.loreCut).toEqual([expect.objectContaining({ id: 'river-custom', key: 'constant' })]);
    expect(tight.messages[0].content).not.toContain('Nobody in Dunmarrow crosses');
  });

  it('keeps the newest history, in order, within the window', () => {
    const pack = miniPack();
    const history = longStory(
      pack.openings[0].text,
      40,
      (t) => `I say line ${t} to Wren.`,
      (t) => `Wren replies to line ${t}.`,
    );
    const { messages, diagnostics } = buildPrompt(input({ history, turn: 40 }));
    const story = messages.slice(1, -1);
    expect(story.length).toBe(diagnostics.historyMessages);
    expect(story.length).toBe(12);
    expect(story[story.length - 1].content).toBe('Wren replies to line 40.');
    expect(story[0].content).toBe('I say line 35 to Wren.');
    expect(story.map((m) => m.role)).toEqual(story.map((_, i) => (i % 2 === 0 ? 'user' : 'assistant')));
  });

  it('never exceeds the budget minus the reply, and never drops laws or facts', () => {
    const pack = miniPack({
      lore: [
        ...miniPack().lore,
        ...Array.from({ length: 30 }, (_, i) => ({
          ...miniPack().lore[0],
          id: `extra-${i}`,
          keys: ['wheel'],
          priority: i,
          text: `Extra lore ${i}: ${'the wheel remembers '.repeat(8)}`,
        })),
      ],
    });
    const long = (t: number) => `Turn ${t}. ${'The wheel groans and the river answers in a voice like rain. '.repeat(1 + (t % 5))}`;
    const history = longStory(pack.openings[0].text, 60, long, long);
    let memory = recordPlayerFacts(emptyMemory(), 'My name is Tamsin and my brother is Wren.', 1, 'Tamsin', 'en');
    memory = {
      ...memory,
      summary: Array.from({ length: 30 }, (_, i) => `[t${i}] Something notable happened at the Harrow gate, part ${i}.`).join('\n'),
    };
    for (const budget of [900, 1200, 1600, 2048, 3000, 4096, 8192, 16384]) {
      for (const maxReplyTokens of [100, 300]) {
        const built = buildPrompt(input({ pack, history, memory, budget, maxReplyTokens, turn: 60, lore: compileLore(pack.lore) }));
        const exact = exactTokens(built);
        expect(exact, `budget ${budget}`).toBeLessThanOrEqual(budget - maxReplyTokens);
        expect(built.diagnostics.tokens).toBe(exact);
        expect(built.messages[0].content).toContain('There is no electricity');
        expect(built.messages[0].content).toContain("Wren is Tamsin's brother.");
        expect(built.diagnostics.historyMessages).toBeGreaterThanOrEqual(budget >= 1600 ? 1 : 0);
      }
    }
  });

  it('drops old history before lore when the budget is tight, and caps the history budget', () => {
    const pack = miniPack();
    const history = longStory(
      pack.openings[0].text,
      30,
      (t) => `I ask about the glowworm lamp, time ${t}.`,
      (t) => `${'Wren shrugs and says nothing useful. '.repeat(6)}(${t})`,
    );
    const roomy = buildPrompt(input({ history, turn: 30 }));
    const tight = buildPrompt(input({ history, turn: 30, budget: roomy.diagnostics.tokens + 400 - 200 }));
    expect(tight.diagnostics.historyMessages).toBeLessThan(roomy.diagnostics.historyMessages);
    expect(tight.diagnostics.lore).toEqual(roomy.diagnostics.lore);
    const capped = buildPrompt(input({ history, turn: 30, historyBudget: 200 }));
    expect(capped.diagnostics.breakdown.history).toBeLessThanOrEqual(200);
    expect(capped.diagnostics.historyMessages).toBeGreaterThan(0);
  });

  it('counts each history message once across turns', () => {
    const pack = miniPack();
    const fresh = new TokenCounter();
    const history = longStory(
      pack.openings[0].text,
      20,
      (t) => `I say line ${t}.`,
      (t) => `Wren answers line ${t}.`,
    );
    buildPrompt(input({ history, turn: 20, counter: fresh }));
    const before = fresh.encodes;
    history.push({ role: 'player', text: 'One more thing.', turn: 21 });
    buildPrompt(input({ history, turn: 21, counter: fresh }));
    // The new message, and the assembled system prompt checked once; nothing old is re-encoded.
    expect(fresh.encodes - before).toBeLessThanOrEqual(2);
  });

  it('resolves macros everywhere', () => {
    const pack = miniPack();
    pack.lore = [{ ...pack.lore[3], text: '{{char}} never lets {{user}} cross the river after dark.' }];
    pack.setting = 'A mill town. <USER> has been away; <BOT> stayed.';
    const history: StoryMessage[] = [{ role: 'narrator', text: '{{char}} looks at {{user}}.', turn: 0 }];
    const { messages } = buildPrompt(input({ pack, history, lore: compileLore(pack.lore) }));
    const all = messages.map((m) => m.content).join('\n');
    expect(all).toContain('Wren Alder never lets Tamsin cross the river');
    expect(all).toContain('Tamsin has been away; Wren Alder stayed.');
    expect(all).toContain('Wren Alder looks at Tamsin.');
    expect(all).not.toMatch(/\{\{|<USER>|<BOT>/i);
  });

  it('sends stop sequences on the player speaking', () => {
    const { diagnostics } = buildPrompt(input());
    expect(diagnostics.stop).toEqual(['\nTamsin:', 'Tamsin:', 'User:']);
    const zh = buildPrompt(input({ persona: { ...miniPack().player, name: '林雨' }, pack: miniPack({ language: 'zh' }) }));
    expect(zh.diagnostics.stop).toEqual(['\n林雨:', '林雨:', 'User:', '林雨：']);
  });

  it('writes rules and headers in Chinese for a zh pack', () => {
    const pack = miniPack({ language: 'zh', setting: '邓马罗是寒冷河边的磨坊小镇。' });
    const { messages } = buildPrompt(input({ pack, persona: { ...pack.player, name: '林雨' } }));
    const system = messages[0].content;
    for (const marker of [
      '绝不替林雨写行动',
      '只用简体中文写作',
      '## 背景',
      '## 世界法则',
      '## 在场角色',
      '## 玩家角色：林雨',
      '## 记忆',
    ]) {
      expect(system).toContain(marker);
    }
    expect(system).not.toContain('## Setting');
    expect(messages[messages.length - 1].content).toContain('## 下一段回复的指示');
  });

  it('keeps a pinned fact in the prompt even when the budget is tight', () => {
    const memory = pinFact(emptyMemory(), 'Tamsin swore never to sell the mill.', 2).memory;
    const built = buildPrompt(input({ memory, budget: 1000, maxReplyTokens: 300 }));
    expect(built.messages[0].content).toContain('Tamsin swore never to sell the mill.');
    expect(exactTokens(built)).toBeLessThanOrEqual(700);
  });
});
