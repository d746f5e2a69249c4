import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProfile, useProfile } from '../../../src/config/profiles.js';
import { resolveEndpoint, resolveProvider } from '../../../src/providers/select.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';

const freshHome = (extra: NodeJS.ProcessEnv = {}) => ({ SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-select-')), ...extra });

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ models: ['m1', 'm2'] });
});
afterAll(async () => {
  await server.close();
});

describe('choosing the provider', () => {
  it('is offline with nothing configured, or with --offline whatever else is set', () => {
    expect(resolveEndpoint({}, freshHome())).toBe('offline');
    const env = freshHome({ OPENAI_BASE_URL: server.url });
    addProfile('p', { baseURL: server.url, model: 'm1' }, env);
    useProfile('p', env);
    expect(resolveEndpoint({ offline: true, profile: 'p' }, env)).toBe('offline');
  });

  it('prefers flags, then the active profile, then OPENAI_* variables', () => {
    const env = freshHome({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_API_KEY: 'env-key-123456' });
    expect(resolveEndpoint({}, env)).toMatchObject({ name: 'env', baseURL: 'http://127.0.0.1:9/v1', source: 'env' });
    addProfile('active', { baseURL: server.url, model: 'm1' }, env);
    addProfile('other', { baseURL: server.url, model: 'm2' }, env);
    useProfile('active', env);
    expect(resolveEndpoint({}, env)).toMatchObject({ name: 'active', model: 'm1' });
    expect(resolveEndpoint({ profile: 'other' }, env)).toMatchObject({ name: 'other', model: 'm2' });
    expect(resolveEndpoint({ model: 'm2' }, env)).toMatchObject({ name: 'active', model: 'm2' });
    // A URL on the command line gets the OPENAI_API_KEY, never another profile's stored key.
    expect(resolveEndpoint({ baseUrl: 'http://127.0.0.1:7/v1', model: 'x' }, env)).toMatchObject({
      name: 'flags',
      baseURL: 'http://127.0.0.1:7/v1',
      model: 'x',
      apiKey: 'env-key-123456',
      source: 'flags',
    });
    useProfile('offline', env);
    expect(resolveEndpoint({}, env)).toBe('offline');
  });

  it('refuses a malformed --base-url and an unknown --profile', () => {
    expect(() => resolveEndpoint({ baseUrl: 'not a url' }, freshHome())).toThrow(/is not a URL/);
    expect(() => resolveEndpoint({ profile: 'nope' }, freshHome())).toThrow(/There is no profile "nope"/);
    expect(() => resolveEndpoint({ model: 'x' }, freshHome())).toThrow(/The --model option needs an endpoint/);
  });

  it('builds an OpenAI provider that talks to the chosen endpoint', async () => {
    const provider = await resolveProvider({ baseUrl: server.url, model: 'm2' }, freshHome());
    expect(provider.offline).toBe(false);
    // Given with --base-url, the endpoint is named by its host ("flags" tells a player nothing).
    expect(provider.label).toBe(`${new URL(server.url).host} · m2`);
    expect(await provider.complete([{ role: 'user', content: 'hi' }])).toBe('Reply to: hi');
    expect(server.chatRequests().at(-1)!.body!.model).toBe('m2');
  });

  it('names a saved profile by its name and an endpoint given by URL by its host, never its credentials', async () => {
    const env = freshHome();
    addProfile('studio', { baseURL: server.url, model: 'm2' }, env);
    expect((await resolveProvider({ profile: 'studio' }, env)).label).toBe('studio · m2');
    const withUser = server.url.replace('http://', 'http://reader:hunter2secret@');
    const label = (await resolveProvider({ baseUrl: withUser, model: 'm2' }, env)).label;
    expect(label).toBe(`${new URL(server.url).host} · m2`);
    expect(label).not.toContain('hunter2secret');
    const fromEnv = await resolveProvider({}, { ...env, OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'm3' });
    expect(fromEnv.label).toBe(`${new URL(server.url).host} · m3`);
  });

  it('builds the offline narrator when nothing is configured', async () => {
    const provider = await resolveProvider({ seed: 7 }, freshHome());
    expect(provider.offline).toBe(true);
  });
});
