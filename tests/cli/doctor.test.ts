import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProfile, useProfile } from '../../src/config/profiles.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from '../config/cli.js';
import { closedPort } from '../support/ports.js';

const freshHome = () => ({ ...process.env, SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-doctor-')) });

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ models: ['story-model', 'other-model'], apiKey: 'doctor-key-123456' });
});
afterAll(async () => {
  await server.close();
});

describe('skald doctor', () => {
  it('passes every check against a working endpoint, with a round trip', async () => {
    const env = { ...freshHome(), DOC_KEY: 'doctor-key-123456' };
    addProfile('local', { baseURL: server.url, model: 'story-model', apiKeyEnv: 'DOC_KEY' }, env);
    useProfile('local', env);
    const run = await runCli(['doctor'], { env });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^✓ Node \d+\./);
    expect(lines[1]).toMatch(/^✓ data folder .* is writable$/);
    expect(lines[2]).toBe(`✓ profile local: ${server.url}, model story-model, key from $DOC_KEY`);
    expect(lines[3]).toBe(`✓ ${server.url} answers (2 models)`);
    expect(lines[4]).toBe('✓ model story-model is served');
    expect(lines[5]).toMatch(/^✓ a 1-token completion took \d+ ms$/);
    const chat = server.chatRequests().at(-1)!;
    expect(chat.body!.max_tokens).toBe(1);
    expect(run.stdout).not.toContain('doctor-key-123456');
  });

  it('gives each fix once, on the first check that needs it, when the endpoint answers 429 or 500 (JSON keeps every fix)', async () => {
    for (const [status, sentence] of [
      [429, 'is rate limiting requests'],
      [500, 'failed with 500'],
    ] as const) {
      const failing = await startOpenAIServer({ models: ['story-model'], behaviour: { status, headers: { 'retry-after': '1' } } });
      try {
        const env = freshHome();
        addProfile('busy', { baseURL: failing.url, model: 'story-model' }, env);
        const run = await runCli(['doctor', '--profile', 'busy'], { env });
        expect(run.status).toBe(1);
        const lines = run.stdout.trim().split('\n');
        expect(run.stdout.split(sentence), `${status}`).toHaveLength(2);
        expect(
          lines.filter((line) => line.startsWith('    fix: ')),
          `${status}`,
        ).toHaveLength(1);
        const roundTrip = lines.indexOf('✗ a 1-token completion failed');
        expect(lines[roundTrip + 1], `${status}`).toContain(sentence);
        expect(lines.slice(roundTrip + 2), `${status}`).toEqual([
          '✗ chat completions: failed (the mode this profile uses): same as above',
          '- text completions: failed: same as above',
        ]);
        const json = await runCli(['doctor', '--profile', 'busy', '--json'], { env });
        const report = JSON.parse(json.stdout) as { checks: Array<{ name: string; fix?: string }> };
        expect(report.checks.filter((c) => c.fix?.includes(sentence)).map((c) => c.name)).toEqual(['round-trip', 'chat']);
      } finally {
        await failing.close();
      }
    }
  });

  it('names the served models when the model is not served, as JSON too', async () => {
    const env = { ...freshHome(), DOC_KEY: 'doctor-key-123456' };
    addProfile('typo', { baseURL: server.url, model: 'story-modle', apiKeyEnv: 'DOC_KEY' }, env);
    const run = await runCli(['doctor', '--profile', 'typo', '--json'], { env });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: Array<{ name: string; status: string; fix?: string }> };
    expect(report.ok).toBe(false);
    const model = report.checks.find((c) => c.name === 'model')!;
    expect(model.status).toBe('fail');
    expect(model.fix).toContain('It serves: story-model, other-model');
  });

  it('says nothing listens at a closed port, with the fix, and exits 1', async () => {
    const env = freshHome();
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    addProfile('gone', { baseURL: url, model: 'x' }, env);
    const run = await runCli(['doctor', '--profile', 'gone'], { env });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `✗ GET ${url}/models failed\n    fix: Nothing listens at ${url}: start the server, or correct the port in the base URL.`,
    );
    expect(run.stdout).toContain('- model not checked: the endpoint did not answer');
    expect(run.stdout).toContain('- round trip not checked: the endpoint did not answer');
  });

  it('reports a refused key with the profile name', async () => {
    const env = { ...freshHome(), DOC_KEY: 'wrong-key-999999' };
    addProfile('work', { baseURL: server.url, model: 'story-model', apiKeyEnv: 'DOC_KEY' }, env);
    const run = await runCli(['doctor', '--profile', 'work'], { env });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('The endpoint refused the API key (profile work)');
    expect(run.stdout).not.toContain('wrong-key-999999');
  });

  it('is content with the offline narrator when no endpoint is set', async () => {
    const run = await runCli(['doctor'], { env: freshHome() });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('✓ the offline narrator');
  });

  it('says the data folder is a file (not a permissions problem) when SKALD_HOME names a file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'skald-test-doctor-')), 'a-file');
    writeFileSync(file, 'x');
    const run = await runCli(['doctor'], { env: { ...process.env, SKALD_HOME: file } });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`✗ cannot write to ${file} (it, or a part of its path, is a file)`);
    expect(run.stdout).toContain('fix: Move that file away, or set SKALD_HOME to a folder you can write.');
    expect(run.stdout + run.stderr).not.toMatch(/EEXIST|unexpected error/i);
  });
});
