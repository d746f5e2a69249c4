/**
 * Fits the effective samplers to what an endpoint accepts: the body fields a request carries
 * (under the back end's own names), and the samplers left out because the endpoint would refuse
 * or ignore them. The endpoint presets (src/config/presets.ts) declare what each accepts.
 */
import { showValue } from './layers.js';
import type { SamplerKey, SamplerSettings } from '../../world/samplers.js';

/** What an endpoint takes in a chat completions request besides model, messages, max tokens and stop. */
export interface SamplerSupport {
  /** The named samplers it honours; `all` for servers that take every one. */
  accepts: readonly SamplerKey[] | 'all';
  /** Its own names for some samplers (llama.cpp reads `repeat_penalty`, KoboldCpp `sampler_seed`). */
  rename?: Readonly<Record<string, string>>;
  /** The `extra` fields it honours: `any` for servers that take back-end samplers (DRY, XTC ...). */
  extra: 'any' | readonly string[];
}

/** The endpoint a session narrates with, as the samplers see it. */
export interface SamplerEndpoint {
  /** "OpenAI", "llama.cpp server", "the endpoint at http://..." */
  name: string;
  /** Unknown endpoints (a hand-made profile): everything is sent, and a refusal is named (failures.ts). */
  support?: SamplerSupport;
}

export interface FittedSamplers {
  /** Fields merged into the request body, under the endpoint's names. */
  body: Record<string, unknown>;
  /** Samplers set but not sent (`top_k`, `extra.mirostat`). */
  dropped: string[];
}

/** The body fields for `settings` at `endpoint`; `max_tokens` and `stop` are the provider's (they are always sent). */
export function fitSamplers(settings: SamplerSettings, endpoint: SamplerEndpoint): FittedSamplers {
  const support = endpoint.support;
  const body: Record<string, unknown> = {};
  const dropped: string[] = [];
  const name = (key: string) => support?.rename?.[key] ?? key;
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'extra' || key === 'max_tokens' || key === 'stop' || value === undefined) continue;
    if (support && support.accepts !== 'all' && !support.accepts.includes(key as SamplerKey)) dropped.push(key);
    else body[name(key)] = value;
  }
  for (const [key, value] of Object.entries(settings.extra ?? {})) {
    if (support && support.extra !== 'any' && !support.extra.includes(key)) dropped.push(`extra.${key}`);
    // A named sampler wins over an extra field of the same wire name.
    else if (!(name(key) in body)) body[name(key)] = value;
  }
  return { body, dropped };
}

/** Settings for candidate `index` of a turn: a set seed moves by the index, so candidates (and regenerates) differ but repeat. */
export function candidateSettings(settings: SamplerSettings, index: number): SamplerSettings {
  return settings.seed === undefined ? settings : { ...settings, seed: settings.seed + index };
}

/** "top_k, min_p and extra.mirostat" */
export function listNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** One line for the samplers a candidate was sent with: `temperature 0.8 · min_p 0.05 · max_tokens 300`. */
export function samplerLine(samplers: Record<string, unknown>): string {
  return Object.entries(samplers)
    .map(([k, v]) => `${k} ${showValue(v)}`)
    .join(' · ');
}
