import { describe, expect, it } from 'vitest';
import { emptyMemory, scrolledOut, updateSummary } from '../../../src/engine/memory/index.js';
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
