/** `skald profiles list|add|use|remove`. Keys are read, stored and used, never printed. */
import { UsageError } from './errors.js';
import { addProfile, envProfile, listProfiles, OFFLINE, removeProfile, useProfile } from '../config/profiles.js';
import { findPreset, PRESETS } from '../config/presets.js';
import { describeKey, redactSecrets, registerSecret } from '../config/redact.js';
import { hasStoredKey } from '../config/secrets.js';
import { getSetting } from '../config/settings.js';
import { neutralize } from '../text/sanitize.js';

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
    throw new UsageError('--api-key-stdin reads the key from a pipe: `echo "$KEY" | skald profiles add NAME --api-key-stdin`.');
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
    if (at <= 0 || !/^[A-Za-z0-9-]+$/.test(name)) throw new UsageError(`--header takes name:value, for example "X-Title:skald", not "${redactSecrets(text)}".`);
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
    if (!apiKey) throw new UsageError('no key arrived on standard input: `echo "$KEY" | skald profiles add NAME --api-key-stdin`.');
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
