/**
 * A SillyTavern reasoning template through the CLI: imported with `templates import`, named by a
 * profile with `profiles set NAME reasoning ID`, kept in the config, and used when the profile plays.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from '../config/cli.js';

const home = () => ({ SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-reasoning-cli-')) });
const gemma = fileURLToPath(new URL('../fixtures/sillytavern-wild/reasoning/Gemma 4@9a0f42c1.json', import.meta.url));

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ models: ['story-1'] });
  server.setBehaviour({
    content: ['<|channel>thou', 'ght\nThe player waits; keep it still.\n<chan', 'nel|>\n\nThe mill wheel turns. What do you do?'],
  });
});
afterAll(async () => {
  await server.close();
});

describe('a reasoning template for a profile', () => {
  it('is imported, set on a profile, listed, kept, played with, and cleared', async () => {
    const env = home();
    const imported = await runCli(['templates', 'import', gemma], { env });
    expect([imported.status, imported.stdout.trim()]).toEqual([
      0,
      'Imported the reasoning template Gemma 4: a profile reads the model\'s reasoning between "<|channel>thought" and "<channel|>" with `skald profiles set PROFILE reasoning gemma4`.',
    ]);
    expect((await runCli(['templates', 'list'], { env })).stdout).toContain(
      'Reasoning templates (skald profiles set PROFILE reasoning ID; <think> when a profile names none):\n  gemma4  Gemma 4 (<|channel>thought ... <channel|>)\n',
    );
    expect((await runCli(['profiles', 'add', 'local', '--base-url', server.url, '--model', 'story-1'], { env })).status).toBe(0);
    const unknown = await runCli(['profiles', 'set', 'local', 'reasoning', 'gemma'], { env });
    expect([unknown.status, unknown.stderr.trim()]).toEqual([
      2,
      expect.stringContaining('There is no reasoning template "gemma"; did you mean "gemma4"?'),
    ]);

    const set = await runCli(['profiles', 'set', 'local', 'reasoning', 'Gemma 4'], { env });
    expect(set.stdout.trim()).toBe(
      'Profile local now reads a model\'s reasoning between "<|channel>thought" and "<channel|>" (the reasoning template Gemma 4).',
    );
    expect((await runCli(['profiles', 'list'], { env })).stdout).toContain(
      `* local: ${server.url}, model story-1, no key, reasoning template gemma4`,
    );
    const config = () =>
      (JSON.parse(readFileSync(join(env.SKALD_HOME, 'config.json'), 'utf8')) as { profiles: Record<string, unknown> }).profiles.local;
    expect(config()).toEqual({ baseURL: server.url, model: 'story-1', reasoning: 'gemma4' });

    const run = await runCli(['play', 'glass-orchard', '--headless', '--candidates', '1', '--seed', '4'], { env, input: 'I wait.\n' });
    expect(run.status).toBe(0);
    const turn = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; candidates?: Array<{ text: string }>; reasoning?: string | null })
      .find((l) => l.type === 'turn')!;
    expect(turn.candidates!.map((c) => c.text)).toEqual(['The mill wheel turns. What do you do?']);
    expect(turn.reasoning).toBe('\nThe player waits; keep it still.\n');

    expect((await runCli(['profiles', 'set', 'local', 'reasoning', 'none'], { env })).stdout.trim()).toBe(
      "Profile local has no reasoning template: a model's reasoning is read between <think> and </think>.",
    );
    expect(config()).toEqual({ baseURL: server.url, model: 'story-1' });
  }, 90_000);
});

describe('a reasoning template for one run, and one gone', () => {
  const turnOf = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; candidates?: Array<{ text: string }>; reasoning?: string | null })
      .find((l) => l.type === 'turn')!;

  it('`play --reasoning ID` reads the reasoning with that template for the run only; an unknown id is one line', async () => {
    const env = home();
    expect((await runCli(['templates', 'import', gemma], { env })).status).toBe(0);
    expect((await runCli(['profiles', 'add', 'local', '--base-url', server.url, '--model', 'story-1'], { env })).status).toBe(0);
    const play = (...flags: string[]) =>
      runCli(['play', 'glass-orchard', '--headless', '--candidates', '1', '--seed', '4', ...flags], { env, input: 'I wait.\n' });

    const withFlag = await play('--reasoning', 'gemma4');
    expect(withFlag.status).toBe(0);
    expect(turnOf(withFlag.stdout).candidates!.map((c) => c.text)).toEqual(['The mill wheel turns. What do you do?']);
    expect(turnOf(withFlag.stdout).reasoning).toBe('\nThe player waits; keep it still.\n');
    // The profile keeps none: without the flag the tags are not read as reasoning.
    const without = await play();
    expect(turnOf(without.stdout).reasoning ?? null).toBeNull();
    expect(turnOf(without.stdout).candidates![0].text).not.toBe('The mill wheel turns. What do you do?');

    const unknown = await play('--reasoning', 'gemma');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('There is no reasoning template "gemma"; did you mean "gemma4"?');
    const offline = await runCli(['play', 'glass-orchard', '--headless', '--offline', '--reasoning', 'gemma4'], { env, input: '' });
    expect([offline.status, offline.stderr.trim()]).toEqual([
      2,
      expect.stringContaining('The --reasoning option needs a model endpoint; the offline narrator writes no reasoning.'),
    ]);
  }, 90_000);

  it('`eval --reasoning ID` plays with it and keeps it for --resume; an unknown id stops it before the first turn', async () => {
    const env = home();
    expect((await runCli(['templates', 'import', gemma], { env })).status).toBe(0);
    const out = join(env.SKALD_HOME, 'eval.json');
    const evalArgs = ['eval', 'glass-orchard', '--turns', '1', '--players', 'terse', '--candidates', '1', '--seed', '5'];
    const endpoint = ['--base-url', server.url, '--model', 'story-1'];
    const run = await runCli([...evalArgs, ...endpoint, '--reasoning', 'gemma4', '--json', out], { env });
    expect(run.status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).config).toMatchObject({ reasoning: 'gemma4' });
    const unknown = await runCli([...evalArgs, ...endpoint, '--reasoning', 'gemma', '--json', join(env.SKALD_HOME, 'no.json')], { env });
    expect([unknown.status, unknown.stderr]).toEqual([2, expect.stringContaining('There is no reasoning template "gemma"')]);
  }, 90_000);

  it("`doctor` says when a profile's reasoning template no longer exists, and how to fix it", async () => {
    const env = home();
    expect((await runCli(['templates', 'import', gemma], { env })).status).toBe(0);
    expect((await runCli(['profiles', 'add', 'local', '--base-url', server.url, '--model', 'story-1'], { env })).status).toBe(0);
    expect((await runCli(['profiles', 'set', 'local', 'reasoning', 'gemma4'], { env })).status).toBe(0);
    type Check = { name: string; status: string; detail: string; fix?: string };
    const reasoning = async () =>
      ((JSON.parse((await runCli(['doctor', '--json'], { env })).stdout) as { checks: Check[] }).checks ?? []).find(
        (c) => c.name === 'reasoning',
      );
    expect(await reasoning()).toMatchObject({ status: 'ok', detail: expect.stringContaining('(the reasoning template Gemma 4)') });

    const listed = JSON.parse((await runCli(['templates', 'list', '--json'], { env })).stdout) as { reasoning: Array<{ file: string }> };
    rmSync(listed.reasoning[0].file);
    const gone = await reasoning();
    expect(gone).toMatchObject({ status: 'fail', detail: 'the reasoning template "gemma4" no longer exists' });
    expect(gone!.fix).toBe(
      'Import it again with `skald templates import FILE.json`, or name another with `skald profiles set local reasoning ID`, or read <think> with `skald profiles set local reasoning none`.',
    );
    const text = await runCli(['doctor'], { env });
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('the reasoning template "gemma4" no longer exists');
  }, 90_000);
});
