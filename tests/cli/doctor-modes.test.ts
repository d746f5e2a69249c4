import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProfile, updateProfile, useProfile } from '../../src/config/profiles.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from '../config/cli.js';

const freshHome = () => ({ ...process.env, SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-doctor-modes-')) });

let both: OpenAIServer;
let chatOnly: OpenAIServer;
beforeAll(async () => {
  both = await startOpenAIServer({ models: ['story-model'] });
  chatOnly = await startOpenAIServer({ models: ['story-model'], completions: false });
});
afterAll(async () => {
  await Promise.all([both.close(), chatOnly.close()]);
});

describe('skald doctor, per mode', () => {
  it('probes chat and text completions with one token each and says both are offered', async () => {
    const env = freshHome();
    addProfile('local', { baseURL: both.url, model: 'story-model' }, env);
    useProfile('local', env);
    const mark = both.requests.length;
    const run = await runCli(['doctor'], { env });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.at(-2)).toMatch(/^✓ chat completions: offered, a 1-token reply took \d+ ms \(the mode this profile uses\)$/);
    expect(lines.at(-1)).toMatch(/^✓ text completions: offered, a 1-token reply took \d+ ms$/);
    const probe = both.requests.slice(mark).find((r) => r.path === '/v1/completions')!;
    expect(probe.body).toMatchObject({ model: 'story-model', prompt: 'OK', max_tokens: 1 });
  });

  it('notes a server without text completion, which a chat profile does not need', async () => {
    const env = freshHome();
    addProfile('local', { baseURL: chatOnly.url, model: 'story-model' }, env);
    const run = await runCli(['doctor', '--profile', 'local'], { env });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\n- text completions: not offered (POST /completions answered 404)\n');
  });

  it('fails a text-completion profile there, with the way back to chat mode', async () => {
    const env = freshHome();
    addProfile('local', { baseURL: chatOnly.url, model: 'story-model' }, env);
    updateProfile('local', { api: 'completions', template: 'chatml' }, env);
    const run = await runCli(['doctor', '--profile', 'local'], { env });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✓ text completion with the instruct template ChatML (bundled)\n');
    expect(run.stdout).toContain(
      `✗ a 1-token completion failed\n    fix: The endpoint at ${chatOnly.url} has no text completions (/completions answered 404)`,
    );
    expect(run.stdout).toContain('✓ chat completions: offered, a 1-token reply took');
    expect(run.stdout).toContain(
      '✗ text completions: not offered (POST /completions answered 404) (the mode this profile uses)\n    fix: This endpoint offers chat completions: `skald profiles set local api chat`.\n',
    );
  });

  it('checks the template of a text-completion run, as JSON too', async () => {
    const env = freshHome();
    addProfile('local', { baseURL: both.url, model: 'story-model' }, env);
    const run = await runCli(['doctor', '--profile', 'local', '--template', 'chatmll', '--json'], { env });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { checks: Array<{ name: string; status: string; detail: string; fix?: string }> };
    const template = report.checks.find((c) => c.name === 'template')!;
    expect(template).toMatchObject({ status: 'fail', detail: 'the template "chatmll" is unknown' });
    expect(template.fix).toContain('did you mean "chatml"?');
    expect(report.checks.find((c) => c.name === 'round-trip')).toMatchObject({ status: 'skip' });
    expect(report.checks.find((c) => c.name === 'completions')).toMatchObject({ status: 'ok' });
  });
});
