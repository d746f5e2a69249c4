// The sampler commands end to end, from source: `skald presets`, `profiles set`, and a headless
// play whose requests the loopback server records.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../config/cli.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';

const SHARED = process.env.SKALD_SHARED ?? fileURLToPath(new URL('../../../shared/', import.meta.url));
const BIG_O = join(SHARED, 'fixtures/sillytavern/presets/textgen/Big O.json');
const present = existsSync(BIG_O);
if (!present) console.warn(`skipped: the SillyTavern presets are not at ${BIG_O} (a fresh clone has no ../shared)`);

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, any>);

describe.skipIf(!present)('sampler presets and profiles from the command line', () => {
  it('imports a real preset, lists, shows and removes it; a profile takes it under its own values; a headless run sends them', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-presets-'));
    const env = { SKALD_HOME: home, NO_COLOR: '1' };
    const imported = await runCli(['presets', 'import', BIG_O], { env });
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('Imported "Big O" (a SillyTavern text-completion preset)');
    expect(imported.stdout).toContain('samplers: temperature 0.87, top_p 0.99, top_k 85, min_p 0, repetition_penalty 1.01');
    expect(imported.stdout).toContain('extra (sent as they are; for llama.cpp, KoboldCpp and the like): typical_p 0.68, tfs 0.68');
    expect(imported.stdout).toMatch(/temperature_last, sampler_priority, samplers, sampler_order: sampler order/);

    const listed = JSON.parse((await runCli(['presets', 'list', '--json'], { env })).stdout) as Array<{
      name: string;
      samplers: Record<string, unknown>;
    }>;
    expect(listed.map((p) => p.name)).toEqual(['Big O']);
    expect((await runCli(['presets', 'show', 'big o'], { env })).stdout).toContain('Big O (imported from');

    server = await startOpenAIServer({ models: ['story-1'] });
    server.setBehaviour({ content: 'Wren looks up from the hopper and nods at the door.' });
    expect(
      (
        await runCli(
          ['profiles', 'add', 'gpt', '--preset', 'openai', '--base-url', server.url, '--model', 'story-1', '--api-key-env', 'NO_SUCH_KEY'],
          { env },
        )
      ).status,
    ).toBe(0);
    const set = await runCli(['profiles', 'set', 'gpt', 'preset', 'big o'], { env });
    expect(set.stdout).toContain('Profile gpt samplers: preset Big O.');
    expect((await runCli(['profiles', 'set', 'gpt', 'temperature', '0.6'], { env })).stdout).toContain(
      'Profile gpt samplers: preset Big O, temperature 0.6.',
    );
    const bad = await runCli(['profiles', 'set', 'gpt', 'temperature', '7'], { env });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('skald: The sampler temperature takes a number from 0 to 5, not 7.');

    const play = await runCli(['play', 'glass-orchard', '--headless', '--candidates', '1', '--min-p', '0.2', '--presence-penalty', '0.3'], {
      env: { ...env, NO_SUCH_KEY: 'k' },
      input: 'I knock twice.\n/set temperature 0.9\n/set\nI wait.\n',
    });
    expect(play.stderr).toBe('');
    const out = lines(play.stdout);
    // OpenAI's preset takes neither top_k, min_p, the repetition penalty nor back-end samplers: said once, at the start.
    expect(out[1]).toEqual({
      type: 'warning',
      message:
        "OpenAI does not take top_k, min_p, repetition_penalty, extra.typical_p and extra.tfs, so they are not sent (set by preset Big O (profile gpt) and the run's flags); `/set` lists every sampler and where it comes from.",
    });
    const bodies = server.chatRequests().map((r) => r.body!);
    expect(bodies[0]).toMatchObject({ temperature: 0.6, top_p: 0.99, presence_penalty: 0.3, frequency_penalty: 0 });
    expect(bodies[0]).not.toHaveProperty('min_p');
    expect(bodies[0]).not.toHaveProperty('typical_p');
    const turns = out.filter((o) => o.type === 'turn');
    expect(turns[0].candidates[0].samplers).toMatchObject({ temperature: 0.6, top_p: 0.99, presence_penalty: 0.3 });
    expect(out.find((o) => o.type === 'set')).toMatchObject({ key: 'temperature', value: 0.9 });
    const listing = out.find((o) => o.type === 'samplers')!;
    expect(listing.endpoint).toBe('OpenAI');
    expect(listing.rows.find((r: any) => r.key === 'temperature')).toEqual({ key: 'temperature', value: 0.9, source: 'story', sent: true });
    expect(listing.rows.find((r: any) => r.key === 'top_k')).toMatchObject({ source: 'preset Big O (profile gpt)', sent: false });
    expect(bodies[1].temperature).toBe(0.9);

    expect((await runCli(['presets', 'rm', 'Big O'], { env })).stdout).toContain('Removed sampler preset Big O.');
    const gone = await runCli(['play', 'glass-orchard', '--headless', '--preset', 'Big O'], { env, input: '' });
    expect(gone.status).toBe(1);
    expect(gone.stderr.trim()).toBe(
      'skald: There is no sampler preset "Big O" (none are stored yet): import one with `skald presets import FILE.json`.',
    );
  });

  it('refuses a sampler flag out of range in one line, and an instruct template with what it is', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-presets-'));
    const flag = await runCli(['play', 'glass-orchard', '--headless', '--offline', '--top-p', '2'], { env: { SKALD_HOME: home } });
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("skald: Option '--top-p <p>' argument '2' is invalid. --top-p takes a number from 0 to 1.");
    const instruct = await runCli(['presets', 'import', join(SHARED, 'fixtures/sillytavern/presets/instruct/ChatML.json')], {
      env: { SKALD_HOME: home },
    });
    expect(instruct.status).toBe(1);
    expect(instruct.stderr).toMatch(/ChatML\.json: this is a SillyTavern instruct template, not a sampler preset/);
  });
});
