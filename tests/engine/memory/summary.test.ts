import { describe, expect, it } from 'vitest';
import { emptyMemory, scrolledOut, updateSummary } from '../../../src/engine/memory/index.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import type { StoryMessage } from '../../../src/engine/types.js';

const counter = new TokenCounter();

function turnMessages(turn: number): StoryMessage[] {
  return [
    { role: 'player', text: `I walk to the old bridge number ${turn} and look around.`, turn },
    { role: 'narrator', text: `Mist hangs low. Wren waits by the Harrow gate, lamp ${turn} in hand. Nothing stirs.`, turn },
  ];
}

describe('rolling summary', () => {
  it('keeps informative sentences and drops filler', async () => {
    const memory = await updateSummary(emptyMemory(), turnMessages(1), { maxTokens: 200, counter, playerName: 'Tamsin', names: ['Wren'] });
    expect(memory.summary).toContain('Tamsin: I walk to the old bridge number 1');
    expect(memory.summary).toContain('Wren waits by the Harrow gate');
    expect(memory.summary).not.toContain('Nothing stirs');
    expect(memory.summaryThrough).toBe(1);
  });

  it('stays within its token budget over a long story', async () => {
    let memory = emptyMemory();
    for (let turn = 1; turn <= 100; turn++) {
      memory = await updateSummary(memory, turnMessages(turn), { maxTokens: 150, counter, playerName: 'Tamsin', names: ['Wren'] });
      expect(counter.count(memory.summary)).toBeLessThanOrEqual(150);
    }
    // Recent events survive the squeeze.
    expect(memory.summary).toContain('number 100');
    expect(memory.summaryThrough).toBe(100);
  });

  it('uses a model summariser when given one, bounded, and falls back when it fails', async () => {
    const seen: string[] = [];
    const summarize = async (previous: string, messages: StoryMessage[]) => {
      seen.push(previous);
      return `Earlier things happened. ${messages.map((m) => m.text).join(' ')}`;
    };
    const first = await updateSummary(emptyMemory(), turnMessages(1), { maxTokens: 500, counter, summarize });
    expect(first.summary.startsWith('Earlier things happened.')).toBe(true);
    const second = await updateSummary(first, turnMessages(2), { maxTokens: 25, counter, summarize });
    expect(seen[1]).toBe(first.summary);
    expect(counter.count(second.summary)).toBeLessThanOrEqual(25);
    expect(second.summary).toContain('Nothing stirs.');
    const failing = await updateSummary(emptyMemory(), turnMessages(3), {
      maxTokens: 200,
      counter,
      summarize: async () => {
        throw new Error('endpoint down');
      },
    });
    expect(failing.summary).toContain('Harrow gate');
  });

  it("folded onto a model's summary that fills its budget (the model failed this time), cuts it from its oldest end, never whole", async () => {
    // A model-written summary: prose on one line, the story so far, near the budget of 200 tokens.
    const chapters = ['the flood', 'the mill', 'the ferry', 'the letter', 'the key', 'the bell', 'the fire'];
    const prose = chapters
      .map((c, i) => `In part ${i + 1}, Tamsin and Wren argued about ${c} at the Harrow gate and agreed to meet at dusk.`)
      .join(' ');
    expect(counter.count(prose)).toBeGreaterThan(170);
    expect(counter.count(prose)).toBeLessThanOrEqual(200);
    const previous = { ...emptyMemory(), summary: prose, summaryThrough: 6 };
    const batch: StoryMessage[] = [
      { role: 'player', text: 'I give the brass key to Oskar the ferryman and ask him to row us over.', turn: 7 },
      { role: 'narrator', text: 'Oskar pockets the key, unties the ferry and pushes off into the fog toward Greywater.', turn: 7 },
    ];
    const memory = await updateSummary(previous, batch, {
      maxTokens: 200,
      counter,
      playerName: 'Tamsin',
      names: ['Wren'],
      summarize: async () => {
        throw new Error('the summary model is down');
      },
    });
    expect(counter.count(memory.summary)).toBeLessThanOrEqual(200);
    expect(memory.summary).toContain('[t7] Tamsin: I give the brass key to Oskar');
    // The newest of the model's sentences stay; the oldest make room.
    expect(memory.summary).toContain('In part 7, Tamsin and Wren argued about the fire');
    expect(memory.summary).toContain('In part 4,');
    expect(memory.summary).not.toContain('In part 1,');
  });

  it('replaces a restated line instead of repeating it', async () => {
    const say = (turn: number): StoryMessage[] => [{ role: 'narrator', text: 'Wren watches the Harrow gate in silence.', turn }];
    let memory = await updateSummary(emptyMemory(), say(1), { maxTokens: 200, counter, names: ['Wren'] });
    memory = await updateSummary(memory, say(2), { maxTokens: 200, counter, names: ['Wren'] });
    expect(memory.summary).toBe('[t2] Wren watches the Harrow gate in silence.');
  });

  it('keeps a quotation whole: its closing mark ends the sentence, it never starts the next line', async () => {
    const said: StoryMessage[] = [
      { role: 'player', text: '"Wren, where is Ilsa Morrow tonight?" I ask. "Tell me now." I grip the Harrow gate... and wait.', turn: 1 },
      { role: 'narrator', text: '他说：“走吧，天快黑了，磨坊的灯要灭了。”她点头。', turn: 2 },
    ];
    const memory = await updateSummary(emptyMemory(), said, { maxTokens: 300, counter, playerName: 'Tamsin', names: ['Wren', 'Ilsa'] });
    const lines = memory.summary.split('\n').map((line) => line.replace(/^\[t\d+\] (Tamsin: )?/, ''));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toMatch(/^[”’」』)）.…,]/);
      // Every quotation opened in a line is closed in it.
      expect(line.split('"').length % 2, line).toBe(1);
      expect(line.split('“').length, line).toBe(line.split('”').length);
    }
    expect(memory.summary).toContain('"Wren, where is Ilsa Morrow tonight?"');
  });

  it('knows which messages left the window and are not yet summarised', () => {
    const history = [1, 2, 3, 4].flatMap(turnMessages);
    expect(scrolledOut(history, emptyMemory(), 4).map((m) => m.turn)).toEqual([1, 1, 2, 2]);
    const covered = { summary: 'x', summaryThrough: 1, facts: [] };
    expect(scrolledOut(history, covered, 4).map((m) => m.turn)).toEqual([2, 2]);
  });
});
