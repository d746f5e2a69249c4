/**
 * Base URLs as the player gives them: only http(s), and never with credentials inside. A URL such
 * as `http://user:KEY@host/v1` is split into the bare URL and an `Authorization: Basic` header,
 * which is stored as a secret like an API key (the HTTP client refuses credentials in a URL anyway).
 */
import { UsageError } from '../errors.js';
import { redactSecrets, registerSecret } from '../text/redact.js';

export interface SplitURL {
  /** The URL without user info and without trailing slashes. */
  baseURL: string;
  /** `Authorization` when the URL carried credentials; empty otherwise. */
  headers: Record<string, string>;
}

/**
 * Checks a base URL (http or https, parseable) and takes any credentials out of it. `what` names
 * where it came from in the one-line error (`--base-url`, `OPENAI_BASE_URL`).
 */
export function splitBaseURL(raw: string, what = 'The base URL'): SplitURL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UsageError(`${what} "${redactSecrets(raw)}" is not a URL; a base URL looks like http://localhost:11434/v1.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${what} must start with http:// or https://, not ${url.protocol}//.`);
  }
  const headers: Record<string, string> = {};
  if (url.username || url.password) {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    registerSecret(user);
    registerSecret(password);
    const token = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
    registerSecret(token);
    headers.Authorization = `Basic ${token}`;
    url.username = '';
    url.password = '';
  }
  return { baseURL: url.toString().replace(/\/+$/, ''), headers };
}
