import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addProfile, envProfile, listProfiles, removeProfile, resolveProfile, useProfile } from '../../src/config/profiles.js';
import { PRESETS } from '../../src/config/presets.js';
import { redactSecrets, registerSecret } from '../../src/text/redact.js';
import { getSetting } from '../../src/config/settings.js';
import { runCli } from './cli.js';

const freshHome = () => ({ ...process.env, SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-profiles-')) });
const KEY = 'sk-test-VerySecretValue-0123456789';

describe('presets', () => {
  it('cover the services and local servers skald knows', () => {
    const byId = Object.fromEntries(PRESETS.map((p) => [p.id, p]));
    expect(byId.minimax).toMatchObject({ baseURL: 'https://api.minimax.io/v1', model: 'MiniMax-M2-her', apiKeyEnv: 'MINIMAX_API_KEY' });
    expect(byId.deepseek).toMatchObject({ baseURL: 'https://api.deepseek.com/v1', model: 'deepseek-chat', apiKeyEnv: 'DEEPSEEK_API_KEY' });
    expect(byId.ollama.baseURL).toBe('http://localhost:11434/v1');
    expect(byId.ollama.apiKeyEnv).toBeUndefined();
    expect(byId.koboldcpp.baseURL).toBe('http://localhost:5001/v1');
    expect(Object.keys(byId).sort()).toEqual([
      'deepseek',
      'koboldcpp',
      'llamacpp',
      'lmstudio',
      'minimax',
      'ollama',
      'openai',
      'openrouter',
      'vllm',
    ]);
  });
});

describe('profiles', () => {
  it('are added from a preset, made active, resolved and removed', () => {
    const env = { ...freshHome(), MINIMAX_API_KEY: 'mm-key-abcdef123' };
    addProfile('mm', { preset: 'minimax' }, env);
    useProfile('mm', env);
    expect(getSetting('activeProfile', env)).toBe('mm');
    const resolved = resolveProfile('mm', env);
    expect(resolved).toMatchObject({
      name: 'mm',
      baseURL: 'https://api.minimax.io/v1',
      model: 'MiniMax-M2-her',
      apiKey: 'mm-key-abcdef123',
      apiKeyEnv: 'MINIMAX_API_KEY',
    });
    removeProfile('mm', env);
    expect(listProfiles(env)).toEqual({});
    expect(getSetting('activeProfile', env)).toBeUndefined();
  });

  it('store a key in a 0600 secrets file and never in config.json', () => {
    const env = freshHome();
    addProfile('or', { preset: 'openrouter', model: 'mistralai/mistral-large', apiKey: KEY }, env);
    const secrets = join(env.SKALD_HOME, 'secrets.json');
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(env.SKALD_HOME, 'config.json'), 'utf8')).not.toContain(KEY);
    expect(resolveProfile('or', env).apiKey).toBe(KEY);
    // Replacing the profile to change the model keeps the key.
    addProfile('or', { preset: 'openrouter', model: 'other/model' }, env);
    expect(resolveProfile('or', env)).toMatchObject({ model: 'other/model', apiKey: KEY });
    removeProfile('or', env);
    expect(readFileSync(secrets, 'utf8')).not.toContain(KEY);
  });

  it('keep every custom header in the secrets file (there is no telling which carry credentials), config.json only marks them', () => {
    const env = freshHome();
    addProfile('h', { baseURL: 'http://127.0.0.1:1/v1', headers: { 'X-Api-Key': 'header-secret-987654', 'X-Title': 'skald' } }, env);
    const config = readFileSync(join(env.SKALD_HOME, 'config.json'), 'utf8');
    expect(config).not.toContain('header-secret-987654');
    expect(config).toContain('"X-Title": "[stored]"');
    expect(resolveProfile('h', env).headers).toEqual({ 'X-Api-Key': 'header-secret-987654', 'X-Title': 'skald' });
    removeProfile('h', env);
    expect(readFileSync(join(env.SKALD_HOME, 'secrets.json'), 'utf8')).not.toContain('header-secret-987654');
  });

  it('refuse unknown presets and profiles with a suggestion', () => {
    const env = freshHome();
    expect(() => addProfile('x', { preset: 'olama' }, env)).toThrow(/did you mean "ollama"/);
    addProfile('local', { preset: 'ollama', model: 'llama3.1' }, env);
    expect(() => useProfile('lokal', env)).toThrow(/There is no profile "lokal"; did you mean "local"\?/);
  });

  it('end the sentence before the list when nothing is close', () => {
    const env = freshHome();
    expect(() => addProfile('x', { preset: 'zzzzzzzz' }, env)).toThrow('Unknown preset "zzzzzzzz". Presets: openai,');
    addProfile('local', { preset: 'ollama', model: 'llama3.1' }, env);
    expect(() => resolveProfile('zzzzzzzz', env)).toThrow(
      'There is no profile "zzzzzzzz". Profiles: local. Add one with `skald profiles add zzzzzzzz --preset ollama --model llama3.1`.',
    );
  });

  it('can make the implicit env profile the active one, only while the OPENAI_* variables are set', () => {
    const env = freshHome();
    expect(() => useProfile('env', env)).toThrow(/There is no profile "env"/);
    const withVars = { ...env, OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1' };
    useProfile('env', withVars);
    expect(getSetting('activeProfile', withVars)).toBe('env');
  });

  it('make an implicit env profile from OPENAI_BASE_URL and OPENAI_API_KEY', () => {
    expect(envProfile({})).toBeUndefined();
    expect(envProfile({ OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1/', OPENAI_API_KEY: 'k-123456' })).toMatchObject({
      name: 'env',
      baseURL: 'http://127.0.0.1:9999/v1',
      apiKey: 'k-123456',
      source: 'env',
    });
    expect(envProfile({ OPENAI_API_KEY: 'k-123456' })).toMatchObject({ baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini' });
  });
});

describe('redaction', () => {
  it('hides registered keys and key shapes', () => {
    registerSecret('plain-secret-value');
    expect(redactSecrets('key=plain-secret-value!')).toBe('key=[redacted]!');
    expect(redactSecrets('Authorization: Bearer abc.def-123456')).toBe('Authorization: [redacted]');
    expect(redactSecrets('use sk-proj-abcdefghijkl now')).toBe('use [redacted] now');
    expect(redactSecrets('https://x/v1?api_key=abcdef123456')).toBe('https://x/v1?api_key=[redacted]');
    expect(redactSecrets('nothing to hide')).toBe('nothing to hide');
  });
});

describe('skald profiles', () => {
  it('never prints a key: stored from stdin, listed, or in errors', async () => {
    const env = freshHome();
    const added = await runCli(['profiles', 'add', 'or', '--preset', 'openrouter', '--model', 'm/x', '--api-key-stdin'], {
      env,
      input: `${KEY}\n`,
    });
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('Saved profile or (OpenRouter)');
    expect(added.stdout).toContain('key stored (0600)');
    expect(statSync(join(env.SKALD_HOME, 'secrets.json')).mode & 0o777).toBe(0o600);

    const listed = await runCli(['profiles', 'list'], { env });
    expect(listed.stdout).toContain('* or (openrouter): https://openrouter.ai/api/v1, model m/x, key stored (0600)');
    const json = await runCli(['profiles', 'list', '--json'], { env });
    expect(JSON.parse(json.stdout).active).toBe('or');

    const bad = await runCli(['profiles', 'add', 'h', '--base-url', 'http://x/v1', '--header', `Authorization Bearer ${KEY}`], { env });
    expect(bad.status).toBe(2);
    for (const run of [added, listed, json, bad]) {
      expect(run.stdout + run.stderr).not.toContain(KEY);
      expect(run.stdout + run.stderr).not.toContain('VerySecretValue');
    }
    expect(readFileSync(join(env.SKALD_HOME, 'config.json'), 'utf8')).not.toContain(KEY);
  });

  it('lists a key from an environment variable by name only, and the header names only', async () => {
    const env = { ...freshHome(), MY_KEY: 'value-that-must-stay-hidden' };
    await runCli(
      ['profiles', 'add', 'w', '--base-url', 'http://127.0.0.1:1/v1', '--api-key-env', 'MY_KEY', '--header', 'X-Token:hidden-header-value'],
      { env },
    );
    const listed = await runCli(['profiles', 'list'], { env });
    expect(listed.stdout).toContain('key from $MY_KEY');
    expect(listed.stdout).toContain('headers X-Token');
    expect(listed.stdout).not.toContain('value-that-must-stay-hidden');
    expect(listed.stdout).not.toContain('hidden-header-value');
  });

  it('switches and removes profiles', async () => {
    const env = freshHome();
    await runCli(['profiles', 'add', 'a', '--preset', 'ollama', '--model', 'llama3.1'], { env });
    await runCli(['profiles', 'add', 'b', '--preset', 'lmstudio', '--no-use'], { env });
    expect(getSetting('activeProfile', env)).toBe('a');
    expect((await runCli(['profiles', 'use', 'b'], { env })).stdout.trim()).toBe('Active profile: b.');
    expect((await runCli(['profiles', 'remove', 'b'], { env })).status).toBe(0);
    const missing = await runCli(['profiles', 'use', 'b'], { env });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('There is no profile "b"');
  });
});
