import { describe, expect, it } from 'vitest';
import { emptyMemory, scrolledOut, SUMMARY_BATCH_TURNS, summaryBatch, updateSummary } from '../../../src/engine/memory/index.js';
import type { MemoryState } from '../../../src/engine/types.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import type { StoryMessage } from '../../../src/engine/types.js';

const counter = new TokenCounter();
const opening: StoryMessage = { role: 'narrator', text: 'The orchard gate stands open.', turn: 0 };
const player = (turn: number): StoryMessage => ({ role: 'player', text: `I take step ${turn} toward the well.`, turn });
const reply = (turn: number): StoryMessage => ({ role: 'narrator', text: `Wren answers the ${turn}th question about the letter.`, turn });

/**
 * Plays `turns` turns as the session does: the history holds the opening, every earlier turn and
 * this turn's line; what left the window is folded into the summary, and every folded message is kept.
 */
async function play(turns: number, windowMessages: number): Promise<StoryMessage[]> {
  let memory = emptyMemory();
  const history: StoryMessage[] = [opening];
  const folded: StoryMessage[] = [];
  const summarize = (_previous: string, messages: StoryMessage[]) => {
    folded.push(...messages);
    return Promise.resolve(messages.map((m) => `[t${m.turn}] ${m.text}`).join('\n'));
  };
  for (let turn = 1; turn <= turns; turn++) {
    history.push(player(turn));
    const out = scrolledOut(history, memory, windowMessages);
    memory = await updateSummary(memory, out, { maxTokens: 4000, counter, summarize });
    history.push(reply(turn));
  }
  return folded;
}

describe('what scrolls out of the window, a turn at a time', () => {
  it.each([4, 5, 6, 7])('folds every message that left a window of %i messages exactly once, replies included', async (size) => {
    const turns = 20;
    const folded = await play(turns, size);
    const keys = folded.map((m) => `${m.role}:${m.turn}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Everything out of the window at the last turn (its history: the opening, 19 turns and line 20) is in the summary.
    const outByNow = [opening, ...Array.from({ length: turns }, (_, i) => [player(i + 1), reply(i + 1)]).flat()].slice(0, 2 * turns - size);
    for (const m of outByNow) expect(keys, `${m.role}:${m.turn} at window ${size}`).toContain(`${m.role}:${m.turn}`);
  });

  it('takes a reply still in the window along with its player line when the edge splits their turn', () => {
    const history = [opening, player(1), reply(1), player(2), reply(2), player(3)];
    // The window holds reply 1, line 2, reply 2 and line 3: line 1 left it, so its reply goes too.
    expect(scrolledOut(history, emptyMemory(), 4).map((m) => `${m.role}:${m.turn}`)).toEqual(['narrator:0', 'player:1', 'narrator:1']);
    // An edge between turns takes nothing more.
    expect(scrolledOut(history, emptyMemory(), 3).map((m) => `${m.role}:${m.turn}`)).toEqual(['narrator:0', 'player:1', 'narrator:1']);
    const through1 = { summary: 'x', summaryThrough: 1, facts: [] };
    expect(scrolledOut(history, through1, 2).map((m) => `${m.role}:${m.turn}`)).toEqual(['player:2', 'narrator:2']);
  });
});

/**
 * Plays `turns` turns with the batch rule, checking after every turn that nothing out of the
 * window is out of the summary, and that the turn being played is never folded.
 */
async function playBatched(turns: number, windowMessages: number, batchTurns = SUMMARY_BATCH_TURNS) {
  let memory: MemoryState = emptyMemory();
  const history: StoryMessage[] = [opening];
  const folded: StoryMessage[] = [];
  const requests: number[] = [];
  let overflowing = 0;
  const summarize = (_previous: string, messages: StoryMessage[]) => {
    folded.push(...messages);
    return Promise.resolve(messages.map((m) => `[t${m.turn}] ${m.text}`).join('\n'));
  };
  for (let turn = 1; turn <= turns; turn++) {
    history.push(player(turn));
    const batch = summaryBatch(history, memory, windowMessages, batchTurns);
    if (batch.length > 0) requests.push(turn);
    memory = await updateSummary(memory, batch, { maxTokens: 4000, counter, summarize });
    const out = history.slice(0, Math.max(0, history.length - windowMessages));
    if (out.length > 0) overflowing += 1;
    for (const m of out)
      expect(memory.summaryThrough, `${m.role}:${m.turn} left the window at turn ${turn}`).toBeGreaterThanOrEqual(m.turn);
    expect(memory.summaryThrough).toBeLessThan(turn);
    history.push(reply(turn));
  }
  return { folded, requests, overflowing };
}

describe('the summary folds a batch of turns ahead of need', () => {
  it.each([4, 5, 6, 7, 12])(
    'window of %i messages: every message that left it is in the summary after every turn, each folded once',
    async (size) => {
      const { folded, requests, overflowing } = await playBatched(40, size);
      const keys = folded.map((m) => `${m.role}:${m.turn}`);
      expect(new Set(keys).size).toBe(keys.length);
      // One request folds what left the window and every whole turn still in it (before this one),
      // so the turns after it scroll out already summarised.
      const wholeTurns = Math.floor((size - 1) / 2);
      expect(requests.length).toBe(Math.ceil(overflowing / (Math.min(SUMMARY_BATCH_TURNS - 1, wholeTurns) + 1)));
      expect(requests.length).toBeLessThan(overflowing);
    },
  );

  it('folds at most the batch size of turns once the window holds more', async () => {
    const { requests, overflowing } = await playBatched(60, 30);
    expect(overflowing).toBe(45);
    // The window holds 14 whole turns; a batch is 8: one request every 8 turns.
    expect(requests.slice(1).map((turn, i) => turn - requests[i])).toEqual(Array(requests.length - 1).fill(SUMMARY_BATCH_TURNS));
  });

  it('folds nothing while what left the window is in the summary, and never the turn being played', () => {
    const history = [opening, player(1), reply(1), player(2), reply(2), player(3), reply(3), player(4)];
    // The window (4 messages) starts at reply 2: turns 0-2 left it, turn 3 is whole in it, turn 4 is being played.
    expect(summaryBatch(history, emptyMemory(), 4).map((m) => `${m.role}:${m.turn}`)).toEqual([
      'narrator:0',
      'player:1',
      'narrator:1',
      'player:2',
      'narrator:2',
      'player:3',
      'narrator:3',
    ]);
    expect(summaryBatch(history, { summary: 'x', summaryThrough: 2, facts: [] }, 4)).toEqual([]);
    expect(summaryBatch(history, { summary: 'x', summaryThrough: 3, facts: [] }, 4)).toEqual([]);
    // A batch of one turn is the old rule: only what left the window.
    expect(summaryBatch(history, emptyMemory(), 4, 1)).toEqual(scrolledOut(history, emptyMemory(), 4));
  });
});
