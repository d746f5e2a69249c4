import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addProfile, updateProfile, useProfile } from '../../../src/config/profiles.js';
import { resolveEndpoint, resolveProvider } from '../../../src/providers/select.js';

const freshHome = (extra: NodeJS.ProcessEnv = {}) => ({ SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-select-mode-')), ...extra });
const URL = 'http://127.0.0.1:9/v1';

describe('choosing chat or text completion for a run', () => {
  it("takes the profile's api and template, and the run's flags over them; a template alone means text completion", () => {
    const env = freshHome();
    addProfile('p', { baseURL: URL, model: 'm1' }, env);
    useProfile('p', env);
    expect(resolveEndpoint({}, env)).not.toHaveProperty('api');
    expect(resolveEndpoint({ template: 'gemma' }, env)).toMatchObject({ name: 'p', api: 'completions', template: 'gemma' });
    updateProfile('p', { api: 'completions', template: 'chatml' }, env);
    expect(resolveEndpoint({}, env)).toMatchObject({ api: 'completions', template: 'chatml' });
    expect(resolveEndpoint({ api: 'chat' }, env)).toMatchObject({ api: 'chat' });
    expect(resolveEndpoint({ baseUrl: URL, model: 'm2', template: 'alpaca' }, env)).toMatchObject({
      model: 'm2',
      api: 'completions',
      template: 'alpaca',
    });
  });

  it('refuses a prompt format for the offline narrator, and a template in chat mode, in one line each', () => {
    expect(() => resolveEndpoint({ offline: true, template: 'chatml' }, freshHome())).toThrow(
      'The --template option needs a model endpoint; the offline narrator takes no prompt format. Add --profile NAME or --base-url URL.',
    );
    expect(() => resolveEndpoint({ baseUrl: URL, api: 'chat', template: 'chatml' }, freshHome())).toThrow(
      'The --template option is for text completion: use it with --api completions, or leave --api out.',
    );
  });

  it('builds a text-completion provider with the named template, or says which to name', async () => {
    const env = freshHome();
    const provider = await resolveProvider({ baseUrl: URL, model: 'm1', template: 'Llama-3' }, env);
    expect(provider.label).toBe('127.0.0.1:9 · m1 · text, Llama 3 Instruct');
    addProfile('p', { baseURL: URL, model: 'm1' }, env);
    updateProfile('p', { api: 'completions' }, env);
    await expect(resolveProvider({ profile: 'p' }, env)).rejects.toThrow(
      'Text completion needs an instruct template: `skald profiles set p template NAME` or --template NAME (templates: alpaca, chatml, gemma, llama3, mistral).',
    );
  });
});
