/**
 * Stored API keys: one JSON object, profile name → key, in `dataPaths().secrets`. The file is
 * created with mode 0600 (never chmod-ed after the fact, so there is no moment when it is readable
 * by others) and replaced atomically through a temporary file in the same folder.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from '../errors.js';
import { dataPaths } from '../paths.js';
import { registerSecret } from '../text/redact.js';

type SecretsFile = Record<string, string>;

function readAll(env: NodeJS.ProcessEnv): SecretsFile {
  const file = dataPaths(env).secrets;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    const out: SecretsFile = {};
    for (const [name, key] of Object.entries(parsed)) if (typeof key === 'string') out[name] = key;
    return out;
  } catch {
    throw new InputError(
      `The key file ${file} is damaged: remove it and add the keys again with \`skald profiles add NAME --api-key-stdin\`.`,
    );
  }
}

function writeAll(secrets: SecretsFile, env: NodeJS.ProcessEnv): void {
  const file = dataPaths(env).secrets;
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    // The umask may have removed bits but never adds them; this only makes sure of 0600 exactly.
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** The stored key of a profile, registered for redaction. */
export function readStoredKey(profile: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = readAll(env)[profile];
  registerSecret(key);
  return key;
}

/** True when a key is stored for this profile. */
export function hasStoredKey(profile: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return typeof readAll(env)[profile] === 'string';
}

/** Stores (or replaces) the key of a profile. */
export function storeKey(profile: string, key: string, env: NodeJS.ProcessEnv = process.env): void {
  registerSecret(key);
  const all = readAll(env);
  all[profile] = key;
  writeAll(all, env);
}

/** Forgets the key of a profile and its secret headers; true when there was anything. */
export function deleteStoredKey(profile: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const all = readAll(env);
  const ids = Object.keys(all).filter((id) => id === profile || id.startsWith(headerId(profile, '')));
  if (ids.length === 0) return false;
  for (const id of ids) delete all[id];
  writeAll(all, env);
  return true;
}

const headerId = (profile: string, header: string) => `header:${profile}:${header.toLowerCase()}`;

/** Stores the value of a header that carries a credential (Authorization, X-Api-Key ...). */
export function storeHeader(profile: string, header: string, value: string, env: NodeJS.ProcessEnv = process.env): void {
  registerSecret(value);
  const all = readAll(env);
  all[headerId(profile, header)] = value;
  writeAll(all, env);
}

/** The stored value of a secret header, registered for redaction. */
export function readStoredHeader(profile: string, header: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = readAll(env)[headerId(profile, header)];
  registerSecret(value);
  return value;
}

/** Where a key comes from, never its value: `key from $OPENAI_API_KEY`, `key stored (0600)`. */
export function describeKey(source: { apiKeyEnv?: string; stored: boolean; present: boolean }): string {
  if (source.stored) return 'key stored (0600)';
  if (source.apiKeyEnv) return source.present ? `key from $${source.apiKeyEnv}` : `key from $${source.apiKeyEnv} (not set)`;
  return 'no key';
}
