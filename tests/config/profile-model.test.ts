/** `skald profiles set NAME model MODEL` through the real CLI: the served model changes, the rest of the profile stays. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

const freshHome = () => ({ SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-model-')), NO_COLOR: '1' });

describe('skald profiles set NAME model', () => {
  it('changes the model and keeps the samplers; base-url is refused with the way to change it', { timeout: 180_000 }, async () => {
    const env = freshHome();
    expect((await runCli(['profiles', 'add', 'local', '--preset', 'ollama', '--model', 'llama3.1'], { env })).status).toBe(0);
    expect((await runCli(['profiles', 'set', 'local', 'temperature', '0.8'], { env })).status).toBe(0);

    // Switching the model was refused ('profiles set changes api, template ... not "model"'), and
    // `profiles add` again dropped the samplers set on the profile.
    const set = await runCli(['profiles', 'set', 'local', 'model', 'llama3.2'], { env });
    expect(set.stderr).toBe('');
    expect(set.stdout).toBe('Profile local now asks for the model llama3.2; check it with `skald doctor --profile local`.\n');
    const list = (await runCli(['profiles', 'list'], { env })).stdout;
    expect(list).toContain('model llama3.2');
    expect(list).toContain('temperature 0.8');

    const empty = await runCli(['profiles', 'set', 'local', 'model', ' '], { env });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('The model is named as the server serves it');

    const url = await runCli(['profiles', 'set', 'local', 'base-url', 'http://127.0.0.1:9999/v1'], { env });
    expect(url.status).toBe(2);
    expect(url.stderr).toContain('`skald profiles add local --base-url URL` replaces the profile');
  });
});
