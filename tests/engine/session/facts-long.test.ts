import { afterEach, describe, expect, it } from 'vitest';
import { modelSummarizer } from '../../../src/engine/memory/model-summary.js';
import { createOfflineNarrator } from '../../../src/providers/offline/index.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import type { GenerateRequest, Provider } from '../../../src/engine/types.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { profileFor } from '../../providers/openai/helpers.js';
import { collect, millMoves as moves, newSession } from './helpers.js';

/** The real offline narrator, with the system prompt of each request it is sent kept aside. */
function recording(provider: Provider): { provider: Provider; prompts: string[] } {
  const prompts: string[] = [];
  return {
    prompts,
    provider: {
      ...provider,
      generate: (request: GenerateRequest) => {
        prompts.push(request.candidates[0].messages[0].content);
        return provider.generate(request);
      },
    },
  };
}

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a fact from turn 1 at turn 120', () => {
  it('offline: the pattern fact is in the prompt at turn 120, with its turn', async () => {
    const tap = recording(createOfflineNarrator({ seed: 1 }));
    const { session } = await newSession({ provider: tap.provider, candidates: 1, budget: 2048, planner: false });
    await collect(session.play({ text: 'I tell Wren: my dog is called Biscuit and she is afraid of thunder.' }));
    for (let turn = 2; turn <= 120; turn++) await collect(session.play({ text: moves[turn % moves.length] }));
    expect(session.turns()).toHaveLength(120);
    const memory = session.memory();
    expect(memory.summaryThrough).toBeGreaterThan(100);
    expect(memory.facts).toContainEqual(expect.objectContaining({ text: "Biscuit is Tamsin's dog.", turn: 1, source: 'player' }));
    expect(tap.prompts).toHaveLength(120);
    // In the ledger of facts, not only in a summary line that quotes turn 1.
    expect(tap.prompts[119]).toMatch(/Facts the player established \(always true\):\n(?:- .*\n)*- Biscuit is Tamsin's dog\./);
  });

  it('with a model: the fact the summary call reported is in the prompt at turn 120, and /forget removes it', async () => {
    server = await startOpenAIServer();
    const dimo = '*Dimo steps off the ferry, Biscuit the old hound padding at his heels.*';
    server.setBehaviour((request) => {
      if (!request.stream) {
        const shown = request.messages.at(-1)!.content;
        const facts = shown.includes(`[t1] Player: ${dimo}`)
          ? [{ kind: 'relationship', subject: 'Biscuit', value: 'hound', text: "Biscuit is Dimo's hound.", turn: 1 }]
          : [];
        return { content: JSON.stringify({ summary: `Dimo came home to the mill; ${shown.length} characters of story so far.`, facts }) };
      }
      return { content: 'The river runs on under the stopped wheel, and Wren waits for you to speak. What do you do?' };
    });
    const provider = createOpenAIProvider(profileFor(server.url));
    const { session, store } = await newSession({
      provider,
      summarize: modelSummarizer(provider),
      candidates: 1,
      budget: 2048,
      planner: false,
    });
    await collect(session.play({ text: dimo }));
    // The patterns find nothing here: the dog is only the model's to find.
    expect(session.memory().facts).toEqual([]);
    for (let turn = 2; turn <= 120; turn++) await collect(session.play({ text: moves[turn % moves.length] }));

    const fact = session.memory().facts.find((f) => f.text === "Biscuit is Dimo's hound.");
    expect(fact).toMatchObject({ kind: 'relationship', turn: 1, source: 'model', subject: 'Biscuit', value: 'hound' });
    const summaryCalls = server.chatRequests().filter((r) => !r.body!.stream);
    expect(summaryCalls.length).toBeGreaterThan(10);
    expect(summaryCalls.every((r) => (r.body!.response_format as { type?: string } | undefined)?.type === 'json_schema')).toBe(true);
    const narration = server.chatRequests().filter((r) => r.body!.stream);
    expect(narration).toHaveLength(120);
    const last = narration.at(-1)!.body!.messages[0].content;
    expect(last).toContain("Biscuit is Dimo's hound.");
    expect(last).toContain('Dimo came home to the mill');
    expect(last).not.toContain('Biscuit the old hound padding');
    // The fact is in the session file with the turn it came from.
    const records = store.records.filter((r) => r.type === 'turn').flatMap((r) => (r.type === 'turn' ? r.facts : []));
    expect(records).toContainEqual(expect.objectContaining({ id: fact!.id, turn: 1, source: 'model' }));

    expect(await session.forget(fact!.id)).toBe(true);
    expect(session.memory().facts.map((f) => f.id)).not.toContain(fact!.id);
    await collect(session.play({ text: 'I wait.' }));
    expect(
      server
        .chatRequests()
        .filter((r) => r.body!.stream)
        .at(-1)!.body!.messages[0].content,
    ).not.toContain("Biscuit is Dimo's hound.");
  });
});
