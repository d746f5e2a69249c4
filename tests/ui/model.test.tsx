// `/model`: the narrators the player can switch to, and switching mid-story, through the real
// TUI, real profiles in this file's SKALD_HOME and the loopback OpenAI-compatible server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { addProfile } from '../../src/config/profiles.js';
import { createFileServices } from '../../src/cli/file-services.js';
import { chunkText } from '../../src/providers/offline/index.js';
import { modelCommand } from '../../src/commands/model-switch.js';
import { modelText } from '../../src/ui/info.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { KEYS, liveArea, makeSession, renderApp, tick, waitForFrame, waitUntil } from './harness.js';

const STORED_KEY = 'sk-or-stored-0123456789abcdef';
const ENV_KEY = 'envkey-value-987654321';
const URL_PASSWORD = 'hunter2pass';

let server: OpenAIServer;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  server = await startOpenAIServer({ models: ['story-1'] });
  server.setBehaviour(() => ({ content: 'The loopback lantern swings; Wren waits by the gate.' }));
  env = { ...process.env, ENVKEY_TEST: ENV_KEY };
  delete env.DEEPSEEK_API_KEY;
  addProfile('loop', { baseURL: server.url, model: 'story-1' }, env);
  addProfile('cloud', { preset: 'openrouter', model: 'other/model', apiKey: STORED_KEY }, env);
  addProfile(
    'envkey',
    { baseURL: `http://alice:${URL_PASSWORD}@example.invalid/v1?api_key=zzzzzzzz`, model: 'm', apiKeyEnv: 'ENVKEY_TEST' },
    env,
  );
  addProfile('nokey', { preset: 'deepseek' }, env);
});
afterAll(async () => {
  await server.close();
});
afterEach(() => cleanup());

const services = () => createFileServices({ env });
const chats = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));

async function command(app: ReturnType<typeof renderApp>, text: string): Promise<void> {
  app.type(text);
  await tick();
  app.type(KEYS.enter);
}

describe('/model', () => {
  it('lists the profiles, marks the one in use and says how to switch and add one', async () => {
    const app = renderApp(await makeSession(), { services: services() });
    await command(app, '/model');
    const frame = await waitForFrame(
      app.lastFrame,
      (f) => f.includes('Narrating: offline narrator.') && f.includes('skald profiles add NAME'),
      'the model overlay',
    );
    expect(frame).toMatch(/ loop +127\.0\.0\.1:\d+ · story-1/);
    expect(frame).toMatch(/ cloud +openrouter · openrouter\.ai · other\/model/);
    expect(frame).toMatch(/ nokey +deepseek · api\.deepseek\.com · deepseek-chat/);
    expect(frame).toMatch(/● offline +the built-in offline narrator/);
    expect(frame).not.toMatch(/● (loop|cloud|envkey|nokey)/);
    const flat = frame.replace(/\s+/g, ' ');
    expect(flat).toContain('`/model NAME` narrates with that profile from the next reply on');
    expect(flat).toContain('`/model offline` switches to the offline narrator');
  });

  it('never shows a key, a password in a base URL, or anything redacted', async () => {
    const choices = services().narrators();
    const text = modelText(await makeSession(), choices);
    for (const secret of [STORED_KEY, ENV_KEY, URL_PASSWORD, 'zzzzzzzz', 'alice']) {
      expect(JSON.stringify(choices)).not.toContain(secret);
      expect(text).not.toContain(secret);
    }
    expect(text).toMatch(/ envkey +example\.invalid · m/);

    // Even after the keys were loaded (switching registers them), the overlay needs no redaction.
    const app = renderApp(await makeSession(), { services: services() });
    await command(app, '/model cloud');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('cloud · other/model'), 'the switch to cloud');
    await command(app, '/model');
    const frame = await waitForFrame(app.lastFrame, (f) => f.includes('Narrating: cloud · other/model.'), 'the overlay');
    expect(frame).toMatch(/● cloud /);
    for (const secret of [STORED_KEY, ENV_KEY, URL_PASSWORD, '[redacted]']) expect(frame).not.toContain(secret);
  });

  it('/model NAME switches the narrator: the header changes and the next turn goes to that profile', async () => {
    const app = renderApp(await makeSession({ candidates: 1 }), { services: services() });
    expect(liveArea(app.lastFrame())).toContain('offline narrator');
    const before = chats().length;
    await command(app, '/model loop');
    const frame = await waitForFrame(app.lastFrame, (f) => f.includes('Now narrating with loop · story-1'), 'the switch notice');
    expect(frame.split('\n').find((l) => / · turn 0 · /.test(l))).toContain('loop · story-1');
    expect(app.session).toMatchObject({ providerId: 'loop', offline: false });

    app.type('I greet Wren.');
    await tick();
    app.type(KEYS.enter);
    await waitUntil(() => app.session.turns().length === 1, 'the turn');
    expect(app.session.turns()[0].candidates[0].text).toContain('The loopback lantern swings');
    expect(chats().length).toBe(before + 1);
    expect(chats()[chats().length - 1].body?.model).toBe('story-1');

    // And back: /model offline narrates without the server.
    await command(app, '/model offline');
    await waitForFrame(app.lastFrame, (f) => f.includes('Now narrating with offline narrator'), 'back to offline');
    expect(app.session.offline).toBe(true);
  });

  it('completes profile names after /model with Tab', async () => {
    const app = renderApp(await makeSession(), { services: services() });
    app.type('/model lo');
    await tick();
    app.type(KEYS.tab);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› /model loop'), 'the completed name');
    app.type(KEYS.ctrlC.replace('\u0003', '\u0015')); // Ctrl+U clears the composer
    await tick();
    app.type('/model ');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('loop  cloud  envkey  nokey  offline'), 'every name listed');
  });

  it('an unknown name lists the profiles; a profile without its key says why and keeps the narrator', async () => {
    const app = renderApp(await makeSession(), { services: services() });
    await command(app, '/model nope');
    await waitForFrame(
      app.lastFrame,
      (f) => f.includes('There is no profile "nope"; the profiles are: loop, cloud, envkey, nokey, offline.'),
      'the unknown-name notice',
    );
    expect(app.session.providerId).toBe('offline');

    await command(app, '/model nokey');
    const frame = await waitForFrame(app.lastFrame, (f) => f.includes('needs a key'), 'the missing-key notice');
    expect(frame).toContain('Still narrating with offline narrator: profile nokey needs a key: $DEEPSEEK_API_KEY is not set');
    expect(liveArea(frame)).toContain('offline narrator');
    expect(app.session.providerId).toBe('offline');
  });

  it('is refused while a reply streams', async () => {
    const app = renderApp(await makeSession({ delayMs: 100 }), { services: services() });
    app.type('I shout for Wren.');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Esc stops'), 'the reply streaming');
    await command(app, '/model loop');
    await tick();
    expect(app.session.turns()).toHaveLength(0); // still streaming when Enter was pressed
    app.type(KEYS.esc);
    await waitUntil(() => app.session.turns().length === 1, 'the stopped turn');
    // Not run: the narrator is the same and the command waits in the composer.
    expect(app.session.providerId).toBe('offline');
    await waitForFrame(
      app.lastFrame,
      (f) => liveArea(f).includes('› /model loop') && liveArea(f).includes('offline narrator'),
      'the command kept',
    );
    // The command itself refuses too, whatever route reaches it while a reply streams.
    expect(await modelCommand(app.session, services(), 'loop', true)).toEqual({
      notice: 'The narrator cannot change while a reply is being written: wait for it, or Esc stops it.',
    });
    expect(app.session.providerId).toBe('offline');
  });

  it('builds the offline narrator at the reading pace the TUI was given', async () => {
    const session = await makeSession({ candidates: 1 });
    const narrator = await createFileServices({ env, offlineDelayMs: 20 }).buildNarrator('offline', session.seed);
    session.useProvider(narrator.provider);
    const started = Date.now();
    for await (const _ of session.play({ text: 'I walk to the gate.' }));
    const elapsed = Date.now() - started;
    // One pause between consecutive chunks of the reply.
    const chunks = chunkText(session.turns()[0].candidates[0].text).length;
    expect(chunks).toBeGreaterThan(10);
    expect(elapsed).toBeGreaterThanOrEqual(20 * (chunks - 1) * 0.9);
  });
});
