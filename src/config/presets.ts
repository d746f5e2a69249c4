/**
 * Built-in endpoint presets: the base URL, default model and key variable of the services and
 * local servers skald knows, so that `skald profiles add local --preset ollama` is enough, and
 * which samplers each accepts in a chat request. (Not to be confused with sampler presets, the
 * named sets of sampler values in sampler-presets.ts: `skald presets`.)
 */
import type { SamplerEndpoint, SamplerSupport } from '../engine/samplers/fit.js';

export interface Preset {
  id: string;
  /** Human name, for listings and hints. */
  name: string;
  baseURL: string;
  model?: string;
  /** Environment variable the key is read from by default; absent for keyless local servers. */
  apiKeyEnv?: string;
  /** The endpoint answers `n` > 1 with several choices in one request. */
  supportsN: boolean;
  /** Local servers: what to run when nothing listens at the base URL. */
  startHint?: string;
  /**
   * The samplers its chat endpoint honours, from its documentation: the rest are left out of
   * requests (with a notice) rather than refused or silently ignored.
   */
  samplers: SamplerSupport;
}

// OpenAI refuses unknown body fields ("Unrecognized request argument"), so nothing else goes there.
const OPENAI: SamplerSupport = {
  accepts: ['temperature', 'top_p', 'presence_penalty', 'frequency_penalty', 'seed'],
  extra: ['logit_bias', 'reasoning_effort', 'verbosity', 'service_tier'],
};
// MiniMax documents temperature and top_p; it drops the penalties.
const MINIMAX: SamplerSupport = { accepts: ['temperature', 'top_p'], extra: [] };
const DEEPSEEK: SamplerSupport = { accepts: ['temperature', 'top_p', 'presence_penalty', 'frequency_penalty'], extra: [] };
// OpenRouter passes top_k, min_p, top_a, repetition_penalty ... to the providers that take them.
const OPENROUTER: SamplerSupport = { accepts: 'all', extra: 'any' };
// Ollama's OpenAI endpoint reads only these; top_k, min_p and repeat_penalty belong in a Modelfile.
const OLLAMA: SamplerSupport = { accepts: ['temperature', 'top_p', 'presence_penalty', 'frequency_penalty', 'seed'], extra: [] };
const LMSTUDIO: SamplerSupport = {
  accepts: ['temperature', 'top_p', 'top_k', 'presence_penalty', 'frequency_penalty', 'repetition_penalty', 'seed'],
  rename: { repetition_penalty: 'repeat_penalty' },
  extra: ['logit_bias'],
};
// llama.cpp's server reads its own sampler fields on the OpenAI endpoint too (DRY, XTC, mirostat, typical_p ...).
const LLAMACPP: SamplerSupport = { accepts: 'all', rename: { repetition_penalty: 'repeat_penalty' }, extra: 'any' };
const VLLM: SamplerSupport = { accepts: 'all', extra: 'any' };
// KoboldCpp reads its native names (typical, rep_pen_range, sampler_seed) and has no frequency penalty
// (it would read one as a presence penalty).
const KOBOLDCPP: SamplerSupport = {
  accepts: ['temperature', 'top_p', 'top_k', 'min_p', 'presence_penalty', 'repetition_penalty', 'seed'],
  rename: { seed: 'sampler_seed', typical_p: 'typical', repeat_last_n: 'rep_pen_range' },
  extra: 'any',
};

/** OpenAI's own endpoint: the `openai` preset's, and the `env` profile's when OPENAI_BASE_URL is unset. */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export const PRESETS: readonly Preset[] = [
  {
    id: 'openai',
    name: 'OpenAI',
    baseURL: OPENAI_BASE_URL,
    model: 'gpt-4o-mini',
    apiKeyEnv: 'OPENAI_API_KEY',
    supportsN: true,
    samplers: OPENAI,
  },
  {
    id: 'minimax',
    name: 'MiniMax',
    baseURL: 'https://api.minimax.io/v1',
    model: 'MiniMax-M2-her',
    apiKeyEnv: 'MINIMAX_API_KEY',
    supportsN: false,
    samplers: MINIMAX,
  },
  {
    id: 'deepseek',
    name: 'DeepSeek',
    baseURL: 'https://api.deepseek.com/v1',
    model: 'deepseek-chat',
    apiKeyEnv: 'DEEPSEEK_API_KEY',
    supportsN: false,
    samplers: DEEPSEEK,
  },
  {
    id: 'openrouter',
    name: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    supportsN: false,
    samplers: OPENROUTER,
  },
  {
    id: 'ollama',
    name: 'Ollama',
    baseURL: 'http://localhost:11434/v1',
    supportsN: false,
    startHint: 'start it with `ollama serve`',
    samplers: OLLAMA,
  },
  {
    id: 'lmstudio',
    name: 'LM Studio',
    baseURL: 'http://localhost:1234/v1',
    supportsN: false,
    startHint: "start the server in LM Studio's Developer tab or with `lms server start`",
    samplers: LMSTUDIO,
  },
  {
    id: 'llamacpp',
    name: 'llama.cpp server',
    baseURL: 'http://localhost:8080/v1',
    supportsN: false,
    startHint: 'start it with `llama-server -m <model.gguf>`',
    samplers: LLAMACPP,
  },
  {
    id: 'vllm',
    name: 'vLLM',
    baseURL: 'http://localhost:8000/v1',
    supportsN: true,
    startHint: 'start it with `vllm serve <model>`',
    samplers: VLLM,
  },
  {
    id: 'koboldcpp',
    name: 'KoboldCpp',
    baseURL: 'http://localhost:5001/v1',
    supportsN: false,
    startHint: 'start KoboldCpp with a model loaded',
    samplers: KOBOLDCPP,
  },
];

/** The preset with this id, if any. */
export function findPreset(id: string | undefined): Preset | undefined {
  if (!id) return undefined;
  return PRESETS.find((p) => p.id === id.toLowerCase());
}

/** The preset whose base URL this is, so that a hand-made profile still gets a start hint. */
export function presetForURL(url: string): Preset | undefined {
  const norm = (u: string) => u.replace(/\/+$/, '').replace('://127.0.0.1', '://localhost');
  return PRESETS.find((p) => norm(p.baseURL) === norm(url));
}

/**
 * What an endpoint takes of the samplers: its preset's declaration (by name, or by base URL for a
 * hand-made profile), or unknown when it matches none, in which case everything set is sent.
 */
export function endpointSamplers(profile: { preset?: string | undefined; baseURL: string }): SamplerEndpoint {
  const preset = findPreset(profile.preset) ?? presetForURL(profile.baseURL);
  return preset ? { name: preset.name, support: preset.samplers } : { name: `the endpoint at ${profile.baseURL}` };
}
