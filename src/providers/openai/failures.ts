/**
 * Turns whatever the SDK, the network or the server threw into a ProviderFailure: one sentence
 * that says what happened and what to do, with keys redacted.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ProviderFailure } from '../../engine/types.js';
import { endpointSamplers, findPreset, presetForURL } from '../../config/presets.js';
import { samplerKey } from '../../world/samplers.js';
import type { ResolvedProfile } from '../../config/profiles.js';
import { redactSecrets } from '../../text/redact.js';

/** Where an endpoint is, as the sentences about reaching it need it: its base URL and preset. */
export interface EndpointAddress {
  readonly baseURL: string;
  readonly preset?: string | undefined;
}

/** A failure thrown by `complete()`; `failure.message` is the sentence to show. */
export class ProviderError extends Error {
  constructor(readonly failure: ProviderFailure) {
    super(failure.message);
    this.name = 'ProviderError';
  }
}

/** What the caller knows about why a request ended, beyond the error itself. */
export interface FailureContext {
  profile: ResolvedProfile;
  model: string;
  /** Candidates asked for in the turn; fewer helps a rate limit only when there are several. */
  candidates?: number;
  /** Set when our own first-token or idle timer aborted the request. */
  timedOut?: { phase: 'first-token' | 'idle' | 'connect'; ms: number };
  /** The sampler fields the request carried, so a refusal that names one can say so. */
  samplers?: readonly string[];
}

function failure(kind: ProviderFailure['kind'], message: string, retryable: boolean, status?: number): ProviderFailure {
  return { kind, message: redactSecrets(message), retryable, ...(status !== undefined ? { status } : {}) };
}

/** Error codes anywhere in the cause chain (fetch wraps the socket error, sometimes in an AggregateError). */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown) => {
    if (!e || typeof e !== 'object' || seen.has(e)) return;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    visit((e as { cause?: unknown }).cause);
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) inner.forEach(visit);
  };
  visit(error);
  return codes;
}

/** The hint for a local server that is not running: `ollama serve` and the like. */
export function startHint(profile: EndpointAddress): string | undefined {
  return (findPreset(profile.preset) ?? presetForURL(profile.baseURL))?.startHint;
}

/** The sentence for a refused key, naming where the key comes from. */
export function authMessage(profile: ResolvedProfile): string {
  if (profile.source === 'profile') {
    const where = profile.apiKeyEnv ? ` or the variable $${profile.apiKeyEnv}` : '';
    return `The endpoint refused the API key (profile ${profile.name}): check it with \`skald profiles add ${profile.name} --api-key-stdin\`${where}.`;
  }
  if (profile.source === 'env') return `The endpoint at ${profile.baseURL} refused the API key: check the variable $OPENAI_API_KEY.`;
  return `The endpoint at ${profile.baseURL} refused the API key: set $OPENAI_API_KEY or save a profile with \`skald profiles add NAME --base-url ${profile.baseURL} --api-key-stdin\`.`;
}

/** The sentence for a model the endpoint does not serve, given what it does serve. */
export function modelNotServedMessage(model: string, baseURL: string, served: string[] | undefined): string {
  if (served === undefined) return `Model ${model} is not served at ${baseURL} (it did not list its models): check the model name.`;
  if (served.length === 0) return `Model ${model} is not served at ${baseURL}, and it lists no models: load a model in the server first.`;
  const shown = served.length > 12 ? `${served.slice(0, 12).join(', ')} and ${served.length - 12} more` : served.join(', ');
  return `Model ${model} is not served at ${baseURL}; it serves: ${shown}.`;
}

/** The sentence for nothing listening, with the preset's start command when known. */
export function refusedMessage(profile: EndpointAddress): string {
  const hint = startHint(profile);
  return `Nothing listens at ${profile.baseURL}: ${hint ?? 'start the server'}, or correct the port in the base URL.`;
}

/** The sentence for a base URL whose port Node's fetch refuses (9, 25, 6000 ...). */
export function badPortMessage(baseURL: string): string {
  return `${baseURL} uses a port that Node's fetch refuses to connect to: run the server on another port (such as 8080) and change the base URL.`;
}

/** The sentence for a server that took no request in time. */
export function noAnswerMessage(baseURL: string): string {
  return `The endpoint at ${baseURL} did not answer in time: check that the server is up and not overloaded.`;
}

/** The sentence for a connection that failed otherwise (`reason`: an error code or message). */
export function connectionFailedMessage(baseURL: string, reason: string): string {
  return `The connection to ${baseURL} failed (${reason}): check the server and the network, then try again.`;
}

/** The sentence for a host name that does not resolve. */
export function hostNotFoundMessage(baseURL: string): string {
  return `Cannot find the host of ${baseURL}: check the base URL and your network.`;
}

/** The sentence for a 429: fewer candidates is advice only when the turn asked for several. */
export function rateLimitMessage(url: string, candidates: number): string {
  return candidates > 1
    ? `The endpoint at ${url} is rate limiting requests: wait a minute, or ask for fewer candidates (\`--candidates 1\`, or \`skald config set candidates 1\` for every session).`
    : `The endpoint at ${url} is rate limiting requests: wait a minute and try again, or check the rate limits of your plan with the provider.`;
}

/** Classifies a thrown error. A 404 needs the model list, which `describeNotFound` adds later. */
export function classify(error: unknown, context: FailureContext): ProviderFailure {
  const { profile } = context;
  const url = profile.baseURL;
  if (context.timedOut) {
    const seconds = Math.round(context.timedOut.ms / 100) / 10;
    if (context.timedOut.phase === 'connect') {
      return failure(
        'timeout',
        `The endpoint at ${url} did not answer within ${seconds} s: check that the server is up and not overloaded.`,
        true,
      );
    }
    return failure(
      'timeout',
      context.timedOut.phase === 'first-token'
        ? `The endpoint at ${url} sent no text within ${seconds} s: the model may still be loading; try again in a moment.`
        : `The endpoint at ${url} went silent for ${seconds} s: try again, or check the server's log.`,
      false,
    );
  }
  if (error instanceof APIUserAbortError) return failure('aborted', 'The request was cancelled.', false);
  if (error instanceof APIConnectionTimeoutError) {
    return failure('timeout', noAnswerMessage(url), true);
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const detail = shortDetail(error);
    if (status === 401 || status === 403) return failure('auth', authMessage(profile), false, status);
    if (status === 404) return failure('not-found', modelNotServedMessage(context.model, url, undefined), false, status);
    if (status === 429) return failure('rate-limit', rateLimitMessage(url, context.candidates ?? 1), true, status);
    if (status >= 500 || status === 408 || status === 409) {
      return failure(
        'server',
        `The endpoint at ${url} failed with ${status}${detail}: try again, or check the server's log.`,
        true,
        status,
      );
    }
    const refused = status === 400 || status === 422 ? refusedSampler(error, context.samplers ?? []) : undefined;
    if (refused) {
      return failure(
        'bad-response',
        `The endpoint at ${url} does not accept the sampler ${refused} (it answered ${status}${detail ? `: ${detail.slice(2, -1)}` : ''}): stop sending it with \`/set ${settingName(refused, profile)} none\`, or remove it from the profile or preset that sets it (\`/set\` shows where each sampler comes from).`,
        false,
        status,
      );
    }
    return failure(
      'bad-response',
      `The endpoint at ${url} rejected the request with ${status}${detail}: check the model name and the server's options.`,
      false,
      status,
    );
  }
  if (error instanceof APIError && !(error instanceof APIConnectionError)) {
    // An `error` object inside the stream: the server gave up while generating.
    return failure(
      'server',
      `The endpoint at ${url} reported an error while generating${shortDetail(error)}: try again, or check the server's log.`,
      true,
    );
  }
  const codes = causeCodes(error);
  if (codes.includes('ECONNREFUSED')) return failure('connection', refusedMessage(profile), true);
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
    return failure('connection', hostNotFoundMessage(url), true);
  }
  if (error instanceof SyntaxError) {
    return failure(
      'bad-response',
      `The endpoint at ${url} sent a stream chunk that is not valid JSON: check that it speaks the OpenAI chat completions protocol.`,
      false,
    );
  }
  // fetch refuses "bad ports" (9, 25, 6000...) before connecting, with no code at all: the SDK's
  // "Connection error." alone would send the player looking at a server that was never called.
  const innermost = innermostMessage(error);
  if (innermost === 'bad port') {
    return failure('connection', badPortMessage(url), false);
  }
  const reason = codes[0] ?? innermost;
  return failure('connection', connectionFailedMessage(url, reason), true);
}

/**
 * The sampler a 400 names: the error's `param` (OpenAI sets it), else one of the sent sampler
 * fields that its message names as a word ("Unrecognized request argument supplied: top_k").
 */
function refusedSampler(error: { param?: unknown; error?: unknown; message: string }, sent: readonly string[]): string | undefined {
  if (sent.length === 0) return undefined;
  const param = typeof error.param === 'string' ? error.param : undefined;
  if (param && sent.includes(param)) return param;
  const body = error.error as { message?: unknown } | undefined;
  const message = typeof body?.message === 'string' ? body.message : error.message;
  return sent.find((name) => new RegExp(`(^|[^A-Za-z0-9_])${name}($|[^A-Za-z0-9_])`).test(message));
}

/** The name `/set` knows a body field by: a named sampler (through the endpoint's renames), else `extra.NAME`. */
function settingName(field: string, profile: ResolvedProfile): string {
  const rename = endpointSamplers(profile).support?.rename ?? {};
  const original = Object.entries(rename).find(([, wire]) => wire === field)?.[0] ?? field;
  return samplerKey(original) ?? `extra.${original}`;
}

/** The message of the deepest `cause`: the SDK and fetch wrap the real reason twice. */
function innermostMessage(error: unknown): string {
  let current: unknown = error;
  const seen = new Set<unknown>();
  while (current instanceof Error && current.cause instanceof Error && !seen.has(current.cause)) {
    seen.add(current);
    current = current.cause;
  }
  return current instanceof Error ? current.message : String(current);
}

function shortDetail(error: { readonly error: unknown }): string {
  const body: unknown = error.error;
  const message = body && typeof body === 'object' && 'message' in body && typeof body.message === 'string' ? body.message : '';
  if (!message) return '';
  const clean = message
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.:;]+$/, '');
  return ` (${clean.length > 120 ? `${clean.slice(0, 117)}...` : clean})`;
}

/** Seconds or an HTTP date in `retry-after` (or ms in `retry-after-ms`), as a delay in ms. */
export function retryAfterMs(error: unknown, now: number = Date.now()): number | undefined {
  // `instanceof` leaves the SDK's generic parameters `any`; the headers are a fetch Headers.
  const headers = error instanceof APIError ? (error.headers as Headers | undefined) : undefined;
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
