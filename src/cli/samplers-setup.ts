/**
 * The sampler layers a run gives its Session: the profile's preset and the profile's own values
 * below the world, `--preset` and the sampler flags above the story (see engine/samplers).
 */
import type { NamedLayer } from '../engine/samplers/layers.js';
import type { SamplerLayer } from '../world/samplers.js';
import type { RunSamplers } from '../engine/session/samplers.js';
import { listProfiles, type ResolvedProfile } from '../config/profiles.js';
import { requireSamplerPreset } from '../config/sampler-presets.js';
import { resolveEndpoint, type ReadSettings } from '../providers/select.js';
import type { ModelOptions, SamplerFlags } from './options.js';

/** The flags as a layer; `--seed` seeds the story and is the sampler seed too. */
export function flagLayer(options: SamplerFlags & { seed?: number }): SamplerLayer {
  const layer: SamplerLayer = {
    temperature: options.temperature,
    top_p: options.topP,
    top_k: options.topK,
    min_p: options.minP,
    presence_penalty: options.presencePenalty,
    frequency_penalty: options.frequencyPenalty,
    repetition_penalty: options.repetitionPenalty,
    seed: options.seed,
    max_tokens: options.maxTokens,
  };
  return Object.fromEntries(Object.entries(layer).filter(([, v]) => v !== undefined));
}

/**
 * The run's layers for the endpoint the options choose (the offline narrator takes none, but `/set`
 * still lists them); `settings`, when the run has read them, name the active profile. `endpoint`:
 * the one the run already resolved from these options, so it is not resolved again.
 */
export function runSamplers(
  options: ModelOptions & SamplerFlags,
  env: NodeJS.ProcessEnv = process.env,
  settings?: ReadSettings,
  endpoint: ResolvedProfile | 'offline' = resolveEndpoint(options, env, settings),
): RunSamplers {
  const base: NamedLayer[] = [];
  if (endpoint !== 'offline' && endpoint.source === 'profile') {
    const stored = listProfiles(env)[endpoint.name];
    if (stored?.samplerPreset) {
      const preset = requireSamplerPreset(stored.samplerPreset, env);
      base.push({ source: `preset ${preset.name} (profile ${endpoint.name})`, layer: preset.samplers });
    }
    if (stored?.samplers) base.push({ source: `profile ${endpoint.name}`, layer: stored.samplers });
  }
  const run: NamedLayer[] = [];
  if (options.preset) {
    const preset = requireSamplerPreset(options.preset, env);
    run.push({ source: `preset ${preset.name} (--preset)`, layer: preset.samplers });
  }
  const flags = flagLayer(options);
  if (Object.keys(flags).length > 0) run.push({ source: "the run's flags", layer: flags });
  return { ...(base.length ? { base } : {}), ...(run.length ? { run } : {}) };
}
