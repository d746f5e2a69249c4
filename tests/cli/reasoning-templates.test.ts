/**
 * A SillyTavern reasoning template through the CLI: imported with `templates import`, named by a
 * profile with `profiles set NAME reasoning ID`, kept in the config, and used when the profile plays.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
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
