/** `skald profiles list|add|use|remove|set`. Keys are read, stored and used, never printed. */
import { UsageError } from '../errors.js';
import {
  addProfile,
  envProfile,
  listProfiles,
  OFFLINE,
  removeProfile,
  setProfileSampler,
  updateProfile,
  useProfile,
} from '../config/profiles.js';
import { API_MODES, type ApiMode } from '../config/store.js';
import { showValue } from '../engine/samplers/layers.js';
import { SAMPLER_KEYS, samplerKey } from '../world/samplers.js';
import { findPreset, PRESETS } from '../config/presets.js';
import { redactSecrets, registerSecret } from '../text/redact.js';
import { describeKey, hasStoredKey } from '../config/secrets.js';
import { getSetting } from '../config/settings.js';
import { neutralize } from '../text/sanitize.js';
import { setProfileSystemPrompt, SYSTEM_PROMPT_KEYS, type SystemPromptKey } from '../config/profile-prompt.js';

const out = (text: string) => process.stdout.write(`${neutralize(redactSecrets(text))}\n`);

interface ProfileRow {
  name: string;
  active: boolean;
  preset?: string;
  baseURL: string;
  model?: string;
  key: string;
  headers: string[];
  supportsN: boolean;
  api: ApiMode;
  template?: string;
  reasoning?: string;
  /** `text (N chars)`, `file PATH`, or absent. */
  systemPrompt?: string;
  /** The profile's sampler preset and own values (see `profiles set`). */
  samplerPreset?: string;
  samplers?: Record<string, unknown>;
}

function rows(): ProfileRow[] {
  const active = getSetting('activeProfile');
  const result: ProfileRow[] = Object.entries(listProfiles()).map(([name, p]) => {
    const fromEnv = p.apiKeyEnv ? process.env[p.apiKeyEnv] : undefined;
    registerSecret(fromEnv);
    return {
      name,
      active: active === name,
      preset: p.preset,
      baseURL: p.baseURL,
      model: p.model,
      key: describeKey({ apiKeyEnv: p.apiKeyEnv, stored: hasStoredKey(name), present: Boolean(fromEnv) }),
      // Header values may carry credentials: only their names are shown.
      headers: Object.keys(p.headers ?? {}),
      supportsN: Boolean(p.supportsN),
      api: p.api ?? 'chat',
      ...(p.template ? { template: p.template } : {}),
      ...(p.reasoning ? { reasoning: p.reasoning } : {}),
      ...(p.systemPromptFile
        ? { systemPrompt: `file ${p.systemPromptFile}` }
        : p.systemPrompt
          ? { systemPrompt: `text (${p.systemPrompt.length} chars)` }
          : {}),
      ...(p.samplerPreset ? { samplerPreset: p.samplerPreset } : {}),
      ...(p.samplers ? { samplers: p.samplers } : {}),
    };
  });
  const env = envProfile();
  if (env && !result.some((r) => r.name === env.name)) {
    result.push({
      name: env.name,
      active: false,
      preset: env.preset,
      baseURL: env.baseURL,
      model: env.model,
      key: env.apiKey ? 'key from $OPENAI_API_KEY' : 'no key',
      headers: [],
      supportsN: env.supportsN,
      api: 'chat',
    });
  }
  return result;
}

/** Profiles (the active one marked), the implicit `env` profile, and the presets. */
export async function list(options: { json?: boolean } = {}): Promise<void> {
  const profiles = rows();
  const active = getSetting('activeProfile');
  if (options.json) {
    out(JSON.stringify({ active: active ?? null, profiles, presets: PRESETS }, null, 2));
    return;
  }
  if (profiles.length === 0) out('No profiles yet: skald plays with the offline narrator.');
  for (const p of profiles) {
    const parts = [p.baseURL, p.model ? `model ${p.model}` : 'first served model', p.key];
    if (p.headers.length) parts.push(`headers ${p.headers.join(', ')}`);
    if (p.api === 'completions') parts.push(`text completion${p.template ? ` (template ${p.template})` : ', no template yet'}`);
    if (p.reasoning) parts.push(`reasoning template ${p.reasoning}`);
    if (p.systemPrompt) parts.push(`system prompt: ${p.systemPrompt}`);
    const samplers = samplerParts(p);
    if (samplers.length) parts.push(`samplers ${samplers.join(', ')}`);
    out(`${p.active ? '*' : ' '} ${p.name}${p.preset ? ` (${p.preset})` : ''}: ${parts.join(', ')}`);
  }
  if (active === OFFLINE) out('* offline: the built-in offline narrator');
  out('');
  out('Presets (skald profiles add NAME --preset ID):');
  const width = Math.max(...PRESETS.map((p) => p.id.length));
  for (const p of PRESETS) {
    out(`  ${p.id.padEnd(width)}  ${p.baseURL}${p.model ? `, model ${p.model}` : ''}${p.apiKeyEnv ? `, key $${p.apiKeyEnv}` : ''}`);
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new UsageError('The --api-key-stdin option reads the key from a pipe: `echo "$KEY" | skald profiles add NAME --api-key-stdin`.');
  }
  const parts: Buffer[] = [];
  for await (const part of process.stdin) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts).toString('utf8').trim();
}

function parseHeaders(values: unknown): Record<string, string> {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  const headers: Record<string, string> = {};
  for (const item of list) {
    const text = String(item);
    const at = text.indexOf(':');
    const name = text.slice(0, at).trim();
    if (at <= 0 || !/^[A-Za-z0-9-]+$/.test(name))
      throw new UsageError(`The --header option takes name:value, for example "X-Title:skald", not "${redactSecrets(text)}".`);
    headers[name] = text.slice(at + 1).trim();
    registerSecret(headers[name]);
  }
  return headers;
}

/** Adds or replaces a profile, and makes it active unless --no-use. */
export async function add(name: string, options: Record<string, unknown>): Promise<void> {
  let apiKey: string | undefined;
  if (options.apiKeyStdin) {
    apiKey = await readStdin();
    if (!apiKey) throw new UsageError('No key arrived on standard input: `echo "$KEY" | skald profiles add NAME --api-key-stdin`.');
    registerSecret(apiKey);
  }
  const profile = addProfile(name, {
    preset: options.preset as string | undefined,
    baseURL: options.baseUrl as string | undefined,
    model: options.model as string | undefined,
    apiKeyEnv: options.apiKeyEnv as string | undefined,
    apiKey,
    headers: parseHeaders(options.header),
    supportsN: options.supportsN === true ? true : undefined,
  });
  if (options.use !== false) useProfile(name);
  const preset = findPreset(profile.preset);
  const key = apiKey ? 'key stored (0600)' : profile.apiKeyEnv ? `key from $${profile.apiKeyEnv}` : 'no key';
  out(
    `Saved profile ${name}${preset ? ` (${preset.name})` : ''}: ${profile.baseURL}, ${profile.model ? `model ${profile.model}` : 'first served model'}, ${key}` +
      `${options.use !== false ? '; it is now active' : ''}. Check it with \`skald doctor --profile ${name}\`.`,
  );
}

/**
 * `skald profiles set NAME KEY VALUE`: the model, api, template (which means text completion), the
 * reasoning template (the tags of the model's reasoning), the profile's
 * system prompt (text or a file; empty clears it), a sampler, or its sampler preset.
 */
export async function set(name: string, key: string, value: string): Promise<void> {
  if ((SYSTEM_PROMPT_KEYS as readonly string[]).includes(key)) {
    const change = setProfileSystemPrompt(name, key as SystemPromptKey, value);
    if (change.cleared) out(`Profile ${name} has no system prompt of its own now: skald's narrator rules stand.`);
    else
      out(
        `Profile ${name}'s system prompt: ${change.file ? `read from ${change.file} at the start of each story (${change.chars} chars now)` : `${change.chars} chars`}; it replaces skald's narrator rules, or extends them where it says {{original}}.${change.note ? ` ${change.note}` : ''}`,
      );
    return;
  }
  if (key === 'model') {
    // The model a server serves changes often (another Ollama tag, another GGUF); the rest of the profile stays.
    const model = value.trim();
    if (!model || /[\u0000-\u001f\u007f]/u.test(model))
      throw new UsageError(`The model is named as the server serves it, such as llama3.1 (\`skald doctor --profile ${name}\` lists them).`);
    updateProfile(name, { model });
    out(`Profile ${name} now asks for the model ${model}; check it with \`skald doctor --profile ${name}\`.`);
    return;
  }
  if (key === 'api') {
    if (!API_MODES.includes(value as ApiMode)) throw new UsageError(`The api setting is chat or completions, not "${value}".`);
    const profile = updateProfile(name, { api: value === 'completions' ? 'completions' : undefined });
    if (value === 'chat') out(`Profile ${name} now uses chat completions.`);
    else
      out(
        `Profile ${name} now uses text completion${profile.template ? ` with the template ${profile.template}` : '; name its template with `skald profiles set ' + name + ' template NAME` (`skald templates list`)'}.`,
      );
    return;
  }
  if (key === 'template') {
    if (value === 'none') {
      updateProfile(name, { template: undefined, api: undefined });
      out(`Profile ${name} has no template and uses chat completions.`);
      return;
    }
    const { findTemplate } = await import('../providers/instruct/catalog.js');
    const found = findTemplate(value);
    const id = found.aliases[0] ?? found.key;
    updateProfile(name, { template: id, api: 'completions' });
    out(`Profile ${name} now uses text completion with the template ${found.name} (${id}).`);
    return;
  }
  if (key === 'reasoning') {
    if (value === 'none') {
      updateProfile(name, { reasoning: undefined });
      out(`Profile ${name} has no reasoning template: a model's reasoning is read between <think> and </think>.`);
      return;
    }
    const { findReasoning } = await import('../providers/instruct/catalog.js');
    const found = findReasoning(value);
    updateProfile(name, { reasoning: found.key });
    out(
      `Profile ${name} now reads a model's reasoning between ${JSON.stringify(found.prefix.trim())} and ${JSON.stringify(found.suffix.trim())} (the reasoning template ${found.name}).`,
    );
    return;
  }
  if (/^(preset|extra)$/i.test(key) || /^extra\./i.test(key) || samplerKey(key)) return setSampler(name, key, value);
  if (/^(base-?url|url|api-?key|key)$/i.test(key))
    throw new UsageError(
      `The profiles set command does not change a profile's ${key}: \`skald profiles add ${name} --base-url URL\` replaces the profile (its samplers, template and system prompt too), and \`skald profiles add\` takes --api-key-env or --api-key-stdin for a key.`,
    );
  throw new UsageError(
    `The profiles set command changes model, api, template, reasoning, ${SYSTEM_PROMPT_KEYS.join(' or ')}, not "${key}", or a sampler (${SAMPLER_KEYS.join(', ')}, extra.NAME) or the profile's sampler preset (preset NAME): ` +
      `\`skald profiles set ${name} model llama3.2\`, \`skald profiles set ${name} api completions\`, \`skald profiles set ${name} temperature 0.8\`, \`skald profiles set ${name} system-prompt "{{original}} ..."\`.`,
  );
}

/** `skald profiles set NAME KEY VALUE` for a sampler of the profile, or its sampler preset. */
async function setSampler(name: string, key: string, value: string): Promise<void> {
  const parts = samplerParts(setProfileSampler(name, key, value));
  out(`Profile ${name} samplers: ${parts.length ? parts.join(', ') : "none (the back end's defaults)"}.`);
}

/** Makes a profile active. */
export async function use(name: string): Promise<void> {
  useProfile(name);
  out(name === OFFLINE ? 'skald now plays with the offline narrator.' : `Active profile: ${name}.`);
}

/** Removes a profile and its stored key. */
export async function remove(name: string): Promise<void> {
  removeProfile(name);
  out(`Removed profile ${name} and its stored key.`);
}

/** A profile's sampler preset and values, as `preset Big O`, `temperature 0.8`, `extra.mirostat 2`. */
function samplerParts(profile: { samplerPreset?: string | undefined; samplers?: Record<string, unknown> | undefined }): string[] {
  const values = Object.entries(profile.samplers ?? {}).flatMap(([k, v]) =>
    k === 'extra'
      ? Object.entries(v as Record<string, unknown>).map(([e, x]) => `extra.${e} ${showValue(x)}`)
      : [`${k} ${v === null ? 'none' : showValue(v)}`],
  );
  return [...(profile.samplerPreset ? [`preset ${profile.samplerPreset}`] : []), ...values];
}
