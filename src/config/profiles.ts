/**
 * Endpoint profiles: a name for "this base URL, this model, this key". Stored in config.json under
 * `profiles`; keys are never in that file: a profile names an environment variable, or its key is
 * in the 0600 secrets file (see secrets.ts).
 */
import { InputError, UsageError } from '../errors.js';
import { findPreset, OPENAI_BASE_URL, presetForURL, PRESETS } from './presets.js';
import { registerSecret } from '../text/redact.js';
import { deleteStoredKey, hasStoredKey, readStoredHeader, readStoredKey, storeHeader, storeKey } from './secrets.js';
import { getSetting, setSetting } from './settings.js';
import { splitBaseURL } from './url.js';
import { openConfig, type ApiMode, type StoredProfile } from './store.js';
import { suggest as closest } from '../text/suggest.js';
import { applyEdit, isEmptyLayer, parseEdit } from '../engine/samplers/layers.js';
import type { SamplerLayer } from '../world/samplers.js';
import { requireSamplerPreset } from './sampler-presets.js';

/** Everything a provider needs, with the key looked up. */
export interface ResolvedProfile {
  name: string;
  baseURL: string;
  /** Absent when the endpoint's first served model should be used. */
  model?: string;
  apiKey?: string;
  /** Where the key comes from, for error messages. */
  apiKeyEnv?: string;
  keyStored?: boolean;
  headers: Record<string, string>;
  preset?: string;
  supportsN: boolean;
  /** Chat completions unless `completions`. */
  api?: ApiMode;
  template?: string;
  /** The reasoning template the profile names (`skald profiles set NAME reasoning ID`). */
  reasoning?: string;
  /** How it was chosen: a saved profile, per-run flags, or OPENAI_* environment variables. */
  source: 'profile' | 'flags' | 'env';
}

/** The name `profiles use` takes for the built-in offline narrator. */
export const OFFLINE = 'offline';
/** The implicit profile made from OPENAI_BASE_URL / OPENAI_API_KEY. */
export const ENV_PROFILE = 'env';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const STORED = '[stored]';

export interface AddProfileInput {
  preset?: string;
  baseURL?: string;
  model?: string;
  apiKeyEnv?: string;
  /** A key to store in the secrets file. */
  apiKey?: string;
  headers?: Record<string, string>;
  supportsN?: boolean;
}

/** Stored profiles by name. */
export function listProfiles(env: NodeJS.ProcessEnv = process.env): Record<string, StoredProfile> {
  return { ...(openConfig(env).get('profiles') ?? {}) };
}

/** Adds or replaces a profile. */
export function addProfile(name: string, input: AddProfileInput, env: NodeJS.ProcessEnv = process.env): StoredProfile {
  if (!NAME.test(name) || name === OFFLINE || name === ENV_PROFILE) {
    throw new UsageError(`"${name}" cannot be a profile name: use letters, digits, . _ - (and not "offline" or "env").`);
  }
  const preset = input.preset === undefined ? undefined : findPreset(input.preset);
  if (input.preset !== undefined && !preset) {
    const guess = closest(
      input.preset,
      PRESETS.map((p) => p.id),
    );
    throw new UsageError(
      `Unknown preset "${input.preset}"${guess ? `; did you mean "${guess}"?` : '.'} Presets: ${PRESETS.map((p) => p.id).join(', ')}.`,
    );
  }
  const baseURL = input.baseURL ?? preset?.baseURL;
  if (!baseURL)
    throw new UsageError(
      'A profile needs --preset or --base-url, for example `skald profiles add local --preset ollama --model llama3.1`.',
    );
  // Credentials in the URL become a secret header: config.json never holds them.
  const split = splitBaseURL(baseURL);
  if (input.apiKeyEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(input.apiKeyEnv)) {
    throw new UsageError(`"${input.apiKeyEnv}" is not an environment variable name.`);
  }
  // Replacing a profile keeps the system prompt set with `profiles set`.
  const previous = listProfiles(env)[name];
  const profile: StoredProfile = {
    baseURL: split.baseURL,
    ...(previous?.systemPrompt ? { systemPrompt: previous.systemPrompt } : {}),
    ...(previous?.systemPromptFile ? { systemPromptFile: previous.systemPromptFile } : {}),
  };
  const model = input.model ?? preset?.model;
  if (model) profile.model = model;
  if (preset) profile.preset = preset.id;
  // Replacing a profile keeps its stored key unless a new key or a variable is given.
  const key = input.apiKey ?? (input.apiKeyEnv ? undefined : readStoredKey(name, env));
  // A stored key wins over the preset's variable; an explicit variable wins over both.
  const apiKeyEnv = input.apiKeyEnv ?? (key ? undefined : preset?.apiKeyEnv);
  if (apiKeyEnv) profile.apiKeyEnv = apiKeyEnv;
  const supportsN = input.supportsN ?? preset?.supportsN;
  if (supportsN) profile.supportsN = true;
  // Replacing a profile keeps its samplers, as it keeps its key: they are set apart, with `profiles set`.
  if (previous?.samplers) profile.samplers = previous.samplers;
  if (previous?.samplerPreset) profile.samplerPreset = previous.samplerPreset;

  deleteStoredKey(name, env);
  if (key) storeKey(name, key, env);
  const headers = { ...split.headers, ...input.headers };
  if (Object.keys(headers).length > 0) {
    profile.headers = {};
    // Every custom header lives in the secrets file like a key (X-Auth, X-Tenant-Token ... there
    // is no telling which carry credentials); config.json only marks them.
    for (const [header, value] of Object.entries(headers)) {
      storeHeader(name, header, value, env);
      profile.headers[header] = STORED;
    }
  }
  const store = openConfig(env);
  store.set('profiles', { ...listProfiles(env), [name]: profile });
  return profile;
}

/** Changes fields of a saved profile (`undefined` removes one); the rest, its key included, stays. */
export function updateProfile(
  name: string,
  patch: Partial<Pick<StoredProfile, 'api' | 'template' | 'model' | 'reasoning'>>,
  env: NodeJS.ProcessEnv = process.env,
): StoredProfile {
  const current = requireProfile(name, env);
  const next: StoredProfile = { ...current, ...patch };
  for (const key of Object.keys(patch) as Array<keyof typeof patch>) if (patch[key] === undefined) delete next[key];
  openConfig(env).set('profiles', { ...listProfiles(env), [name]: next });
  return next;
}

/** Makes a profile (or `offline`) the active one. */
export function useProfile(name: string, env: NodeJS.ProcessEnv = process.env): void {
  // `env` (the OPENAI_* variables) is listed by `profiles list` when set, so it can be chosen too.
  if (name !== OFFLINE && !(name === ENV_PROFILE && envProfile(env))) requireProfile(name, env);
  setSetting('activeProfile', name, env);
}

/** Removes a profile and its stored key; the active profile falls back to none. */
export function removeProfile(name: string, env: NodeJS.ProcessEnv = process.env): void {
  requireProfile(name, env);
  const all = listProfiles(env);
  delete all[name];
  openConfig(env).set('profiles', all);
  deleteStoredKey(name, env);
  if (getSetting('activeProfile', env) === name) setSetting('activeProfile', undefined, env);
}

/**
 * Checks a name for the activeProfile or judgeProfile setting before it is stored, so that a typo
 * is refused now rather than at the next `skald play`. The judge must be a model: not `offline`.
 */
export function checkProfileSetting(key: 'activeProfile' | 'judgeProfile', name: string, env: NodeJS.ProcessEnv = process.env): void {
  if (name === OFFLINE) {
    if (key === 'activeProfile') return;
    throw new InputError(
      'The judgeProfile setting must name a model profile; the offline narrator cannot judge. Add one with `skald profiles add NAME --preset ollama --model llama3.1`.',
    );
  }
  const names = Object.keys(listProfiles(env));
  if (names.includes(name) || (name === ENV_PROFILE && envProfile(env))) return;
  throw noSuchProfile(name, names, key === 'activeProfile' ? [...names, OFFLINE] : names);
}

function requireProfile(name: string, env: NodeJS.ProcessEnv): StoredProfile {
  const all = listProfiles(env);
  const profile = all[name];
  if (profile) return profile;
  throw noSuchProfile(name, Object.keys(all));
}

/** "there is no profile": the closest saved name, the names that would do (`listed`), and how to add one. */
function noSuchProfile(name: string, saved: string[], listed: string[] = saved): InputError {
  const add = `skald profiles add ${name} --preset ollama --model llama3.1`;
  if (saved.length === 0) return new InputError(`There is no profile "${name}" (none are saved yet): add one with \`${add}\`.`);
  const guess = closest(name, saved);
  return new InputError(
    `There is no profile "${name}"${guess ? `; did you mean "${guess}"?` : '.'} Profiles: ${listed.join(', ')}. Add one with \`${add}\`.`,
  );
}

/**
 * The variable a profile's key should come from, when the key is needed and not there: local
 * servers (the presets with a start hint) take none.
 */
export function missingKeyVar(profile: {
  preset?: string | undefined;
  apiKeyEnv?: string | undefined;
  apiKey?: string | undefined;
}): string | undefined {
  return profile.apiKeyEnv && !profile.apiKey && !findPreset(profile.preset)?.startHint ? profile.apiKeyEnv : undefined;
}

/** A saved profile with its key looked up (and registered for redaction). */
export function resolveProfile(name: string, env: NodeJS.ProcessEnv = process.env): ResolvedProfile {
  if (name === ENV_PROFILE && !listProfiles(env)[ENV_PROFILE]) {
    const fromEnv = envProfile(env);
    if (fromEnv) return fromEnv;
  }
  const stored = requireProfile(name, env);
  const fromVar = stored.apiKeyEnv ? env[stored.apiKeyEnv] : undefined;
  const apiKey = fromVar || readStoredKey(name, env);
  registerSecret(apiKey);
  // A profile saved before credentials were taken out of URLs: take them out now, in memory.
  const split = splitStored(stored.baseURL);
  return {
    name,
    baseURL: split.baseURL,
    model: stored.model,
    apiKey: apiKey || undefined,
    apiKeyEnv: stored.apiKeyEnv,
    keyStored: hasStoredKey(name, env),
    headers: {
      ...split.headers,
      ...Object.fromEntries(
        Object.entries(stored.headers ?? {}).map(([header, value]) => [
          header,
          value === STORED ? (readStoredHeader(name, header, env) ?? '') : value,
        ]),
      ),
    },
    preset: stored.preset ?? presetForURL(stored.baseURL)?.id,
    supportsN: stored.supportsN ?? false,
    ...(stored.api === 'completions' ? { api: stored.api } : {}),
    ...(stored.template ? { template: stored.template } : {}),
    ...(stored.reasoning ? { reasoning: stored.reasoning } : {}),
    source: 'profile',
  };
}

/**
 * The implicit `env` profile: OPENAI_BASE_URL (any compatible server) or OPENAI_API_KEY alone
 * (OpenAI itself). OPENAI_MODEL names the model when set.
 */
export function envProfile(env: NodeJS.ProcessEnv = process.env): ResolvedProfile | undefined {
  const baseURL = env.OPENAI_BASE_URL?.trim();
  const apiKey = env.OPENAI_API_KEY?.trim();
  if (!baseURL && !apiKey) return undefined;
  registerSecret(apiKey);
  const split = baseURL ? splitBaseURL(baseURL, 'OPENAI_BASE_URL') : { baseURL: OPENAI_BASE_URL, headers: {} };
  const url = split.baseURL;
  const preset = presetForURL(url);
  return {
    name: ENV_PROFILE,
    baseURL: url,
    model: env.OPENAI_MODEL?.trim() || preset?.model,
    apiKey: apiKey || undefined,
    apiKeyEnv: 'OPENAI_API_KEY',
    headers: split.headers,
    preset: preset?.id,
    supportsN: preset?.supportsN ?? false,
    source: 'env',
  };
}

/** A stored URL split like a new one; one that no longer parses is kept for the request to report. */
function splitStored(baseURL: string): { baseURL: string; headers: Record<string, string> } {
  try {
    return splitBaseURL(baseURL);
  } catch {
    return { baseURL, headers: {} };
  }
}

/**
 * `skald profiles set NAME KEY VALUE`: a sampler of the profile (`temperature 0.8`, `extra.mirostat 2`,
 * `default` to remove, `none` to stop it being sent), or `preset PRESET` (`none` to remove). Returns
 * the profile as stored. Bad names and values are UsageErrors with one sentence.
 */
export function setProfileSampler(name: string, key: string, value: string, env: NodeJS.ProcessEnv = process.env): StoredProfile {
  const profile = { ...requireProfile(name, env) };
  if (/^preset$/i.test(key)) {
    if (/^(none|default|unset)$/i.test(value.trim())) delete profile.samplerPreset;
    else profile.samplerPreset = requireSamplerPreset(value, env).name;
  } else {
    let next: SamplerLayer;
    try {
      next = applyEdit(profile.samplers ?? {}, parseEdit(key, value));
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (isEmptyLayer(next)) delete profile.samplers;
    else profile.samplers = next;
  }
  openConfig(env).set('profiles', { ...listProfiles(env), [name]: profile });
  return profile;
}
