// A run resolves its endpoint once: `setupSession` hands the endpoint it resolved to the provider,
// the profile's system prompt and the sampler layers, instead of each resolving it again (three
// resolutions, each reading the profile from config.json and its key from the secrets file).
// Reads are counted through the config layer's own file access (src/config/store.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setupSession } from '../../src/cli/session-setup.js';
import { configFiles } from '../../src/config/store.js';
import { readSettings } from '../../src/config/settings.js';

/** A data folder whose active profile is a local server with a sampler of its own and a system prompt. */
function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skald-test-endpoint-once-'));
  const local = {
    baseURL: 'http://127.0.0.1:9/v1',
    model: 'story-model',
    samplers: { temperature: 0.55 },
    systemPrompt: 'Narrate tersely.',
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ candidates: 1, activeProfile: 'local', profiles: { local } }));
  return dir;
}

const restore: Array<() => void> = [];
const saved = process.env.SKALD_HOME;
afterEach(() => {
  process.env.SKALD_HOME = saved;
  for (const undo of restore.splice(0)) undo();
});

/** Counts the reads of config.json from here on (they still read the file). */
function countReads(): { count: number } {
  const counted = { count: 0 };
  const read = configFiles.read;
  configFiles.read = (file) => {
    counted.count++;
    return read(file);
  };
  restore.push(() => (configFiles.read = read));
  return counted;
}

describe('the endpoint of a run', () => {
  it('is resolved once by the session setup, and the provider, samplers and system prompt are the profile’s', async () => {
    process.env.SKALD_HOME = home();
    const settings = readSettings();
    const reads = countReads();
    const setup = await setupSession('glass-orchard', { headless: true, seed: 3 }, undefined, undefined, settings);
    await setup.store.close();
    // One read resolves the profile, one finds its sampler layers, one its system prompt; three
    // resolutions (the provider's, the system prompt's, the samplers') made it five.
    expect(reads.count).toBe(3);
    expect(setup.provider.offline).toBe(false);
    expect(setup.provider.id).toBe('local');
    expect(setup.provider.model).toBe('story-model');
    expect(setup.session.samplers().rows.find((row) => row.key === 'temperature')).toMatchObject({ value: 0.55, source: 'profile local' });
    expect(setup.session.systemPrompts.profile).toBe('Narrate tersely.');
  });
});
