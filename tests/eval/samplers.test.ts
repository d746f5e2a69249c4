// `skald eval` sends the run's samplers with the narrator's requests (not the simulated player's),
// and keeps them in the run's config so that --resume sends the same.
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../../src/providers/openai/index.js';
import { newResult, runEval } from '../../src/eval/run.js';
import { resolveWorld } from '../../src/world/discover.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { profileFor } from '../providers/openai/helpers.js';
import { offlineConfig } from './helpers.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('samplers in an evaluation', () => {
  it("reach the narrator's requests, not the simulated player's, and are kept in the run's config", async () => {
    server = await startOpenAIServer({ models: ['story-model'] });
    server.setBehaviour((body) => ({
      content: String(body.messages[0]?.content ?? '').startsWith('You are the PLAYER')
        ? 'I climb the hill and call for Wren.'
        : 'Wren waits by the gate. "Well?" she asks.',
    }));
    const provider = createOpenAIProvider(profileFor(server.url, { model: 'story-model', preset: 'vllm' }), { maxRetries: 0 });
    const samplers = { run: [{ source: "the run's flags", layer: { temperature: 0.42, min_p: 0.07 } }] };
    const config = { ...offlineConfig({ players: ['slow'], turns: 2, candidates: 1, concurrency: 1 }), offline: false, samplers };
    const result = await runEval(newResult(config), {
      loadWorld: async (w) => (await resolveWorld(w)).pack,
      provider,
      save: async () => undefined,
    });
    expect(result.episodes[0].status).toBe('done');
    const bodies = server.chatRequests().map((r) => r.body!);
    const player = bodies.filter((b) => String(b.messages[0]?.content ?? '').startsWith('You are the PLAYER'));
    const narrator = bodies.filter((b) => b.stream === true);
    expect(narrator).toHaveLength(2);
    for (const body of narrator) expect(body).toMatchObject({ temperature: 0.42, min_p: 0.07 });
    expect(player.length).toBeGreaterThan(0);
    for (const body of player) expect(body.min_p).toBeUndefined();
    expect(JSON.parse(JSON.stringify(result)).config.samplers).toEqual(samplers);
  });
});
