import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addProfile, listProfiles, setProfileSampler } from '../../src/config/profiles.js';
import { findSamplerPreset, listSamplerPresets, removeSamplerPreset, saveSamplerPreset } from '../../src/config/sampler-presets.js';
import { runSamplers } from '../../src/cli/samplers-setup.js';

const freshHome = () => ({ ...process.env, SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-samplers-')) });

describe("a profile's samplers", () => {
  it('are set, cleared and masked one key at a time, and survive the profile being replaced', () => {
    const env = freshHome();
    addProfile('local', { preset: 'llamacpp' }, env);
    setProfileSampler('local', 'temperature', '0.8', env);
    setProfileSampler('local', 'extra.dry_multiplier', '0.8', env);
    setProfileSampler('local', 'top_k', 'none', env);
    expect(listProfiles(env).local?.samplers).toEqual({ temperature: 0.8, top_k: null, extra: { dry_multiplier: 0.8 } });
    addProfile('local', { preset: 'llamacpp', model: 'other' }, env);
    expect(listProfiles(env).local).toMatchObject({
      model: 'other',
      samplers: { temperature: 0.8, top_k: null, extra: { dry_multiplier: 0.8 } },
    });
    setProfileSampler('local', 'extra.dry_multiplier', 'default', env);
    setProfileSampler('local', 'top_k', 'default', env);
    setProfileSampler('local', 'temperature', 'default', env);
    expect(listProfiles(env).local?.samplers).toBeUndefined();
    expect(() => setProfileSampler('local', 'min_p', '2', env)).toThrow('min_p takes a number from 0 to 1, not 2.');
    expect(() => setProfileSampler('nope', 'min_p', '0.1', env)).toThrow(/There is no profile "nope"/);
  });

  it("name a stored sampler preset, which sits under the profile's own values, and a run's preset and flags above", () => {
    const env = freshHome();
    saveSamplerPreset({ name: 'Universal-Light', samplers: { temperature: 1.25, min_p: 0.1 } }, env);
    saveSamplerPreset({ name: 'Cold', samplers: { temperature: 0.3 } }, env);
    addProfile('local', { preset: 'llamacpp' }, env);
    expect(() => setProfileSampler('local', 'preset', 'universal-lite', env)).toThrow(
      'There is no sampler preset "universal-lite"; did you mean "Universal-Light"? Presets: Cold, Universal-Light.',
    );
    setProfileSampler('local', 'preset', 'universal-light', env);
    setProfileSampler('local', 'temperature', '0.9', env);
    expect(listProfiles(env).local?.samplerPreset).toBe('Universal-Light');
    const layers = runSamplers({ profile: 'local', preset: 'cold', minP: 0.2, seed: 4 }, env);
    expect(layers).toEqual({
      base: [
        { source: 'preset Universal-Light (profile local)', layer: { temperature: 1.25, min_p: 0.1 } },
        { source: 'profile local', layer: { temperature: 0.9 } },
      ],
      run: [
        { source: 'preset Cold (--preset)', layer: { temperature: 0.3 } },
        { source: "the run's flags", layer: { min_p: 0.2, seed: 4 } },
      ],
    });
    expect(runSamplers({ offline: true }, env)).toEqual({});
  });

  it('sampler presets are stored one file each, found by any case, replaced by name and removed', () => {
    const env = freshHome();
    saveSamplerPreset({ name: 'Big O', samplers: { temperature: 0.87 } }, env);
    saveSamplerPreset({ name: 'big o', samplers: { temperature: 0.5 } }, env);
    expect(listSamplerPresets(env)).toEqual([{ name: 'Big O', samplers: { temperature: 0.5 } }]);
    expect(() => saveSamplerPreset({ name: '../evil', samplers: {} }, env)).toThrow(/cannot name a sampler preset/);
    expect(() => saveSamplerPreset({ name: 'Hot', samplers: { temperature: 50 } }, env)).toThrow(/temperature takes a number from 0 to 5/);
    removeSamplerPreset('BIG O', env);
    expect(findSamplerPreset('Big O', env)).toBeUndefined();
  });
});
