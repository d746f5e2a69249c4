// Samplers on the wire: a Session over the real openai SDK against the loopback server, which
// records every request body.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Session, SessionError, type SessionDeps } from '../../../src/engine/session/index.js';
import { droppedNotice } from '../../../src/engine/session/samplers.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { turnLine } from '../../../src/cli/play-headless.js';
import { JsonlSessionStore } from '../../../src/store/session-file.js';
import { loadSession } from '../../../src/store/load.js';
import type { ResolvedProfile } from '../../../src/config/profiles.js';
import type { SessionEvent } from '../../../src/engine/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { steppingClock } from '../../engine/session/scripted-provider.js';
import { collect, newSession } from '../../engine/session/helpers.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { collect as collectEvents, profileFor, request } from './helpers.js';
import { findTemplate } from '../../../src/providers/instruct/catalog.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(): Promise<OpenAIServer> {
  server = await startOpenAIServer({ models: ['story-1'] });
  server.setBehaviour({ content: 'Wren sets the lamp down by the wheel and waits for you to speak.' });
  return server;
}

const provider = (s: OpenAIServer, overrides: Partial<ResolvedProfile> = {}) =>
  createOpenAIProvider(profileFor(s.url, { model: 'story-1', ...overrides }), { maxRetries: 0 });
const bodies = (s: OpenAIServer) => s.chatRequests().map((r) => r.body!);
const errors = (events: SessionEvent[]) => events.flatMap((e) => (e.type === 'error' ? [e.error.message] : []));

const EVERY = {
  temperature: 0.8,
  top_p: 0.9,
  top_k: 40,
  min_p: 0.05,
  presence_penalty: 0.1,
  frequency_penalty: 0.2,
  repetition_penalty: 1.1,
  seed: 7,
  max_tokens: 321,
  stop: ['###'],
  extra: { dry_multiplier: 0.8, mirostat: 2 },
};

describe('samplers in the request body', () => {
  it("sends each sampler, under llama.cpp's names, with the seed moved per candidate; the candidate and the turn line record them", async () => {
    const s = await serve();
    const { session } = await newSession({
      candidates: 2,
      provider: provider(s, { preset: 'llamacpp' }),
      samplers: { run: [{ source: "the run's flags", layer: EVERY }] },
    });
    await collect(session.play({ text: 'I ask Wren about the wheel.' }));
    const sent = bodies(s);
    expect(sent).toHaveLength(2);
    for (const body of sent) {
      expect(body).toMatchObject({
        temperature: 0.8,
        top_p: 0.9,
        top_k: 40,
        min_p: 0.05,
        presence_penalty: 0.1,
        frequency_penalty: 0.2,
        repeat_penalty: 1.1,
        max_tokens: 321,
        dry_multiplier: 0.8,
        mirostat: 2,
      });
      expect(body).not.toHaveProperty('repetition_penalty');
      // The player's stop strings first (OpenAI keeps only four), then skald's own.
      expect((body.stop as string[])[0]).toBe('###');
      expect((body.stop as string[]).length).toBeGreaterThan(1);
    }
    expect(sent.map((b) => b.seed).sort()).toEqual([7, 8]);
    const turn = session.turns()[0];
    expect(turn.prompt.stop[0]).toBe('###');
    const samplers = turn.candidates.map((c) => c.samplers);
    expect(samplers.map((x) => x?.seed).sort()).toEqual([7, 8]);
    expect(samplers[0]).toMatchObject({ temperature: 0.8, repeat_penalty: 1.1, max_tokens: 321, mirostat: 2 });
    const line = turnLine(turn) as { candidates: Array<{ samplers?: Record<string, unknown> }> };
    expect(line.candidates[0].samplers).toEqual(turn.candidates[0].samplers);
  });

  it("without a max_tokens of its own, each candidate is sent the planner's limit, and its samplers show it", async () => {
    const s = await serve();
    const { session } = await newSession({
      candidates: 1,
      provider: provider(s, { preset: 'vllm' }),
      samplers: { base: [{ source: 'profile local', layer: { min_p: 0.1 } }] },
    });
    await collect(session.play({ text: 'I wait.' }));
    const body = bodies(s)[0];
    expect(body.min_p).toBe(0.1);
    expect(typeof body.max_tokens).toBe('number');
    expect(session.turns()[0].candidates[0].samplers).toEqual({ min_p: 0.1, max_tokens: body.max_tokens });
  });

  it('layers override in order: profile preset, profile, world, story, run preset, flags', async () => {
    const s = await serve();
    const pack = miniPack();
    const world = { ...pack, style: { ...pack.style, samplers: { temperature: 0.7, min_p: 0.02, extra: { mirostat: 1 } } } };
    const { session } = await newSession({
      candidates: 1,
      pack: world,
      provider: provider(s, { preset: 'llamacpp' }),
      samplers: {
        base: [
          { source: 'preset Big O (profile local)', layer: { temperature: 0.5, top_k: 10, min_p: 0.01, top_p: 0.8 } },
          { source: 'profile local', layer: { temperature: 0.6, top_k: 20 } },
        ],
        run: [
          { source: 'preset Mirostat (--preset)', layer: { top_p: 0.5 } },
          { source: "the run's flags", layer: { min_p: 0.03 } },
        ],
      },
    });
    await session.setSampler('temperature', '0.9');
    await collect(session.play({ text: 'I look around.' }));
    expect(bodies(s)[0]).toMatchObject({ temperature: 0.9, top_k: 20, min_p: 0.03, top_p: 0.5, mirostat: 1 });
    const sources = Object.fromEntries(session.samplers().rows.map((r) => [r.key, r.source]));
    expect(sources).toEqual({
      temperature: 'story',
      top_p: 'preset Mirostat (--preset)',
      top_k: 'profile local',
      min_p: "the run's flags",
      'extra.mirostat': 'world mini-mill',
    });

    // `default` hands the key back to the layers below; `none` stops it being sent at all.
    await session.setSampler('temperature', 'default');
    await session.setSampler('top_k', 'none');
    await collect(session.play({ text: 'I look again.' }));
    expect(bodies(s)[1]).toMatchObject({ temperature: 0.7 });
    expect(bodies(s)[1]).not.toHaveProperty('top_k');
  });

  it("leaves out what OpenAI's preset does not take, and says so once, naming where it was set", async () => {
    const s = await serve();
    const { session } = await newSession({
      candidates: 1,
      provider: provider(s, { preset: 'openai' }),
      samplers: {
        base: [
          { source: 'preset Universal-Light (profile gpt)', layer: { temperature: 1.25, top_k: 0, min_p: 0.1, repetition_penalty: 1 } },
        ],
      },
    });
    expect(droppedNotice(session.samplers())).toBe(
      'OpenAI does not take top_k, min_p and repetition_penalty, so they are not sent (set by preset Universal-Light (profile gpt)); `/set` lists every sampler and where it comes from.',
    );
    await collect(session.play({ text: 'I knock.' }));
    const body = bodies(s)[0];
    expect(body.temperature).toBe(1.25);
    expect(body).not.toHaveProperty('top_k');
    expect(body).not.toHaveProperty('min_p');
    expect(body).not.toHaveProperty('repetition_penalty');
    expect(body).toHaveProperty('max_completion_tokens');
    expect(session.turns()[0].candidates[0].samplers).not.toHaveProperty('top_k');
  });

  it('an endpoint that answers 400 naming a sampler gets one sentence naming it; another 400 keeps the general one', async () => {
    const s = await serve();
    const { session } = await newSession({
      candidates: 1,
      provider: provider(s),
      samplers: { run: [{ source: "the run's flags", layer: { top_k: 40 } }] },
    });
    s.enqueue({ status: 400, errorMessage: 'Unrecognized request argument supplied: top_k' });
    const refused = errors(await collect(session.play({ text: 'I knock.' })));
    expect(refused[0]).toBe(
      `The endpoint at ${s.url} does not accept the sampler top_k (it answered 400: Unrecognized request argument supplied: top_k): stop sending it with \`/set top_k none\`, or remove it from the profile or preset that sets it (\`/set\` shows where each sampler comes from).`,
    );
    // A back-end sampler is stopped under extra; a renamed one by the name /set knows.
    const kobold = await newSession({
      candidates: 1,
      provider: provider(s, { preset: 'koboldcpp' }),
      samplers: { run: [{ source: 'flags', layer: { seed: 3, extra: { mirostat: 2 } } }] },
    });
    s.enqueue({ status: 400, errorMessage: 'unknown field mirostat' });
    expect(errors(await collect(kobold.session.play({ text: 'I knock.' })))[0]).toContain('with `/set extra.mirostat none`');
    s.enqueue({ status: 422, errorMessage: 'sampler_seed must be below 2^31' });
    expect(errors(await collect(kobold.session.play({ text: 'I knock.' })))[0]).toContain(
      'does not accept the sampler sampler_seed (it answered 422: sampler_seed must be below 2^31): stop sending it with `/set seed none`',
    );
    s.enqueue({ status: 400, errorMessage: 'context length exceeded' });
    const other = errors(await collect(session.play({ text: 'I knock.' })));
    expect(other[0]).toMatch(/rejected the request with 400 \(context length exceeded\): check the model name/);
  });

  it('asks once with n for candidates that share their samplers, and one request each when a seed sets them apart', async () => {
    const s = await serve();
    const p = provider(s, { preset: 'vllm', supportsN: true });
    const shared = request(3);
    shared.candidates.forEach((c) => (c.samplers = { temperature: 0.9 }));
    await collectEvents(p, shared);
    expect(bodies(s)).toHaveLength(1);
    expect(bodies(s)[0]).toMatchObject({ n: 3, temperature: 0.9 });
    const seeded = request(3);
    seeded.candidates.forEach((c, i) => (c.samplers = { seed: 5 + i }));
    await collectEvents(p, seeded);
    expect(
      bodies(s)
        .slice(1)
        .map((b) => b.seed)
        .sort(),
    ).toEqual([5, 6, 7]);
    expect(
      bodies(s)
        .slice(1)
        .every((b) => b.n === undefined),
    ).toBe(true);
  });
});

describe('continuing a reply', () => {
  it("sends the continuation with the same samplers, the seed moved to its own candidate index, and the player's stop strings", async () => {
    const s = await serve();
    const { session } = await newSession({
      candidates: 1,
      provider: provider(s, { preset: 'llamacpp' }),
      samplers: { run: [{ source: 'flags', layer: { temperature: 0.6, seed: 10, stop: ['###'], extra: { dry_multiplier: 0.8 } } }] },
    });
    s.setBehaviour({ content: 'Wren sets the lamp down by the wheel and', finishReason: 'length' });
    await collect(session.play({ text: 'I wait.' }));
    s.setBehaviour({ content: ' waits for you to speak.' });
    await collect(session.continueReply());
    const [, continued] = bodies(s);
    expect(continued).toMatchObject({ temperature: 0.6, seed: 11, dry_multiplier: 0.8 });
    expect((continued.stop as string[])[0]).toBe('###');
    expect(session.turns()[0].candidates.at(-1)!.samplers).toMatchObject({ temperature: 0.6, seed: 11 });
  });
});

describe('samplers in text-completion mode', () => {
  it("reach /v1/completions with the template's prompt, under KoboldCpp's names", async () => {
    const s = await serve();
    const found = findTemplate('chatml');
    const p = createOpenAIProvider(profileFor(s.url, { model: 'story-1', preset: 'koboldcpp', api: 'completions', template: 'chatml' }), {
      maxRetries: 0,
      template: { instruct: found.instruct },
    });
    const { session } = await newSession({
      candidates: 1,
      provider: p,
      samplers: {
        run: [{ source: 'flags', layer: { temperature: 1.25, min_p: 0.1, seed: 3, extra: { dry_multiplier: 0.8, typical_p: 0.9 } } }],
      },
    });
    await collect(session.play({ text: 'I knock.' }));
    expect(s.chatRequests()).toHaveLength(0);
    const body = s.completionRequests()[0].body!;
    expect(typeof body.prompt).toBe('string');
    expect(body).toMatchObject({ temperature: 1.25, min_p: 0.1, sampler_seed: 3, dry_multiplier: 0.8, typical: 0.9 });
    expect(session.turns()[0].candidates[0].samplers).toMatchObject({ sampler_seed: 3, typical: 0.9 });
  });
});

describe('/set for a story', () => {
  it('is kept in the session file and survives a resume; a bad value is refused and nothing is written', async () => {
    const s = await serve();
    const dir = mkdtempSync(join(tmpdir(), 'skald-samplers-'));
    const store = new JsonlSessionStore({ dir });
    const deps: SessionDeps = {
      pack: miniPack(),
      provider: provider(s, { preset: 'llamacpp' }),
      store,
      clock: steppingClock(),
      seed: 1,
      candidates: 1,
    };
    const session = await Session.create(deps);
    await session.setSampler('temperature', '0.9');
    await session.setSampler('extra.dry_multiplier', '0.8');
    await session.setSampler('stop', '["###"]');
    await expect(session.setSampler('temperature', '9')).rejects.toThrow(
      new SessionError('The sampler temperature takes a number from 0 to 5, not 9.'),
    );
    await expect(session.setSampler('temprature', '0.5')).rejects.toThrow(/^There is no sampler "temprature"/);
    await collect(session.play({ text: 'I greet Wren.' }));
    await store.close();

    const loaded = await loadSession(session.id, dir);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.records.filter((r) => r.type === 'samplers')).toHaveLength(3);
    const again = await Session.restore(loaded.records, { ...deps, store: new JsonlSessionStore({ dir, id: session.id }) });
    const rows = Object.fromEntries(again.samplers().rows.map((r) => [r.key, [r.value, r.source]]));
    expect(rows).toEqual({ temperature: [0.9, 'story'], stop: [['###'], 'story'], 'extra.dry_multiplier': [0.8, 'story'] });
    await collect(again.play({ text: 'I ask about the wheel.' }));
    expect(bodies(s)[1]).toMatchObject({ temperature: 0.9, dry_multiplier: 0.8 });
    expect((bodies(s)[1].stop as string[])[0]).toBe('###');
  });
});
