import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../../../src/engine/prompt/index.js';
import { compileLore } from '../../../src/engine/lore/index.js';
import { DEFAULT_SUMMARY_TOKENS, emptyMemory, recordPlayerFacts, summaryBatch, updateSummary } from '../../../src/engine/memory/index.js';
import { seededRandom, pick } from '../../../src/engine/random.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import type { MemoryState, StoryMessage } from '../../../src/engine/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { plan } from '../prompt/helpers.js';

describe('memory over a 120-turn story', () => {
  it('plateaus the prompt and keeps a fact from turn 1', async () => {
    const pack = miniPack();
    const opening = pack.openings[0];
    const counter = new TokenCounter();
    const lore = compileLore(pack.lore);
    const random = seededRandom(42);
    const places = ['the weir', 'the orchard', 'the granary', "Ilsa's parlour", 'the chapel', 'the river stairs', 'the mill loft'];
    const actions = ['I search', 'I walk to', 'I listen at', 'I light a lamp in', 'I ask Wren about', 'I hide in'];
    const player = (turn: number): string =>
      turn === 1
        ? 'My name is Tamsin and my brother is Wren. Why has the wheel stopped?'
        : `${pick(actions, random)} ${pick(places, random)}. ${turn % 3 === 0 ? 'What does Wren know?' : 'Anything strange there?'}`;
    const narrator = (turn: number): string =>
      [
        `The wind drops over ${pick(places, random)} as dusk comes on, turn ${turn}.`,
        `Wren turns his brass token over his knuckles and watches the dark water without a word.`,
        `Somewhere above the mill the orchard rings, faint as a spoon on glass, and a lamp gutters.`,
        `"${pick(['Ilsa came by again', 'The wheel moved an inch last night', 'Someone left the sluice open', "The miller's daughter wrote once"], random)}," Wren says at last.`,
        'What do you do?',
      ].join(' ');

    let memory: MemoryState = emptyMemory();
    const history: StoryMessage[] = [{ role: 'narrator', text: opening.text, turn: 0 }];
    const sizes = new Map<number, number>();
    let last = '';
    for (let turn = 1; turn <= 120; turn++) {
      const said = player(turn);
      memory = recordPlayerFacts(memory, said, turn, pack.player.name, pack.language);
      history.push({ role: 'player', text: said, turn });
      const built = buildPrompt({
        pack,
        opening,
        persona: pack.player,
        history,
        memory,
        plan: plan(),
        turn,
        budget: 8192,
        maxReplyTokens: 400,
        counter,
        lore,
      });
      sizes.set(turn, built.diagnostics.tokens);
      last = built.messages[0].content;
      // What the Session does beside a turn's reply: fold what left the window, with the oldest turns still in it.
      const out = summaryBatch(history, memory, built.diagnostics.historyMessages);
      memory = await updateSummary(memory, out, {
        maxTokens: DEFAULT_SUMMARY_TOKENS,
        counter,
        playerName: pack.player.name,
        names: pack.characters.map((c) => c.name),
        language: pack.language,
      });
      history.push({ role: 'narrator', text: narrator(turn), turn });
    }
    const at30 = sizes.get(30)!;
    const at120 = sizes.get(120)!;
    expect(at120).toBeLessThanOrEqual(at30 * 1.5);
    expect(last).toContain("Wren is Tamsin's brother.");
    expect(last).toContain("The player's character is named Tamsin.");
    expect(counter.count(memory.summary)).toBeLessThanOrEqual(DEFAULT_SUMMARY_TOKENS);
    expect(memory.summaryThrough).toBeGreaterThan(100);
    // The summary is in the prompt, and is about recent turns rather than only the first ones.
    expect(last).toContain('The story so far:');
    expect(memory.summary).toMatch(/\[t1[01]\d\]/);
  });
});
